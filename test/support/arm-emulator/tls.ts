import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The emulator's address on a veth bridge to a test namespace (198.18.0.0/15, the benchmarking range): a CLI
 * run inside a namespace reaches the emulator there (see `startArmEmulator`'s `host`).
 */
export const NAMESPACE_BRIDGE_HOST = '198.18.250.1';

/** A test CA and the emulator's server certificate, signed by it, for `127.0.0.1` and `localhost`. */
export interface EmulatorTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

function openssl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 20_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`openssl ${args[0]} failed: ${stderr || error.message}`));
      else resolve();
    });
  });
}

async function makeTls(): Promise<EmulatorTls> {
  const dir = await mkdtemp(join(tmpdir(), 'rdp-probe-arm-ca-'));
  const path = (name: string) => join(dir, name);
  // P-256 keys: a few milliseconds each, where RSA-2048 takes a noticeable part of a second.
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  try {
    await openssl([
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.pem'),
      '-subj',
      '/CN=RDP Probe ARM emulator test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    // test/support/certificate.ts's makeCaSignedCertificate names only `DNS:<cn>`; Node checks an IP host
    // against IP SANs, so the emulator's certificate needs `IP:127.0.0.1`.
    await openssl([
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      path('key.pem'),
      '-out',
      path('cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-addext',
      'basicConstraints=CA:FALSE',
      '-addext',
      `subjectAltName=IP:127.0.0.1,IP:${NAMESPACE_BRIDGE_HOST},DNS:localhost`,
      '-addext',
      'extendedKeyUsage=serverAuth',
    ]);
    const [ca, cert, key] = await Promise.all(
      ['ca.pem', 'cert.pem', 'key.pem'].map((name) => readFile(path(name), 'utf8')),
    );
    return { ca: ca as string, cert: cert as string, key: key as string };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let pending: Promise<EmulatorTls> | undefined;

/** The test CA and server certificate, made once per process with openssl (the CA's key is discarded). */
export function emulatorTls(): Promise<EmulatorTls> {
  pending ??= makeTls().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
