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
  return {
    dir,
    certPath,
    keyPath,
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    sha1: opensslFingerprint(certPath, 'sha1'),
    sha256: opensslFingerprint(certPath, 'sha256'),
  };
}

/** Removes a test certificate's directory. */
export function removeCertificate(cert: TestCertificate): void {
  rmSync(cert.dir, { recursive: true, force: true });
}

/** A test CA and a server certificate it signed, in one temp dir the caller removes. */
export interface TestCaChain {
  readonly dir: string;
  /** The CA's certificate (PEM): pass it as the trusted roots to trust the server. */
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
  /** `openssl x509 -fingerprint -sha256` of the server and CA certificates, colons removed, upper case. */
  readonly sha256: string;
  readonly caSha256: string;
}

/** Creates a CA (`caCn`) and a server certificate for `cn` signed by it, with openssl. */
export function makeCaSignedCertificate(cn: string, caCn: string, days = 30): TestCaChain {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-ca-'));
  const path = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', timeout: 20_000 });
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
    '-days',
    String(days),
    '-subj',
    `/CN=${caCn}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    path('key.pem'),
    '-out',
    path('cert.pem'),
    '-days',
    String(days),
    '-subj',
    `/CN=${cn}`,
    '-CA',
    path('ca.pem'),
    '-CAkey',
    path('ca.key'),
    '-addext',
    'basicConstraints=CA:FALSE',
    '-addext',
    `subjectAltName=DNS:${cn.toLowerCase()}`,
  ]);
  return {
    dir,
    caCert: readFileSync(path('ca.pem'), 'utf8'),
    cert: readFileSync(path('cert.pem'), 'utf8'),
    key: readFileSync(path('key.pem'), 'utf8'),
    sha256: opensslFingerprint(path('cert.pem'), 'sha256'),
    caSha256: opensslFingerprint(path('ca.pem'), 'sha256'),
  };
}

/** A certificate's fingerprint as openssl computes it (upper-case hex, no colons): independent of the probe. */
function opensslFingerprint(file: string, algorithm: 'sha1' | 'sha256'): string {
  return (
    execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', `-${algorithm}`], { timeout: 10_000 })
      .toString()
      .split('=')[1]
      ?.trim()
      .replaceAll(':', '')
      .toUpperCase() ?? ''
  );
}
