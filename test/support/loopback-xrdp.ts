import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate, removeCertificate, type TestCertificate } from './certificate.js';
import { startXrdp, stopXrdp, type Xrdp } from './xrdp.js';

/** A real xrdp on a free loopback port with a certificate of known CN, and how to stop it. */
export interface LoopbackXrdp {
  readonly xrdp: Xrdp;
  readonly cert: TestCertificate;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released). */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Starts xrdp (security layer negotiate) for one test file; `xrdp.skipReason` says why when it cannot. */
export async function startLoopbackXrdp(cn: string): Promise<LoopbackXrdp> {
  const cert = makeCertificate(cn);
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-xrdp-'));
  const xrdp = await startXrdp({ dir, name: 'xrdp', port: await freeLoopbackPort(), cert, securityLayer: 'negotiate' });
  return {
    xrdp,
    cert,
    async stop() {
      await stopXrdp(xrdp);
      rmSync(dir, { recursive: true, force: true });
      removeCertificate(cert);
    },
  };
}
