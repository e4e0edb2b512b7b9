import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate made with openssl for a given CN, in a temp dir the caller removes. */
export interface TestCertificate {
  readonly dir: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: string;
  readonly key: string;
  /** `openssl x509 -fingerprint -sha1`, colons removed, upper case: computed independently of the probe. */
  readonly sha1: string;
  readonly sha256: string;
}

/** Creates a self-signed RSA certificate with `openssl req -x509`. */
export function makeCertificate(cn: string, days = 30): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-cert-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      String(days),
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=DNS:${cn.toLowerCase()}.test`,
    ],
    { stdio: 'ignore', timeout: 20_000 },
  );
  const fingerprint = (algorithm: string) =>
    execFileSync('openssl', ['x509', '-in', certPath, '-noout', '-fingerprint', `-${algorithm}`], { timeout: 10_000 })
      .toString()
      .split('=')[1]
      ?.trim()
      .replaceAll(':', '')
      .toUpperCase() ?? '';
  return {
    dir,
    certPath,
    keyPath,
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    sha1: fingerprint('sha1'),
    sha256: fingerprint('sha256'),
  };
}

/** Removes a test certificate's directory. */
export function removeCertificate(cert: TestCertificate): void {
  rmSync(cert.dir, { recursive: true, force: true });
}
