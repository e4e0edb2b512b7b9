import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { runCliProcess } from '../support/cli.js';
import { type LoopbackXrdp, startLoopbackXrdp } from '../support/loopback-xrdp.js';

const CN = 'WIN-VM01';

function report(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

// The whole command against a real RDP server (Debian's xrdp) and against things that are not RDP.
describe('rdp-probe against xrdp and non-RDP servers on loopback', () => {
  let rdp: LoopbackXrdp;
  let http: Server;
  let echo: Server;
  const portOf = (s: Server) => (s.address() as { port: number }).port;
  beforeAll(async () => {
    rdp = await startLoopbackXrdp(CN);
    http = createServer((s) =>
      s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nServer: test\r\nContent-Length: 0\r\n\r\n')),
    );
    echo = createServer((s) => s.pipe(s));
    await Promise.all([http, echo].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  });
  afterAll(async () => {
    await rdp?.stop();
    await Promise.all([http, echo].map((s) => new Promise<void>((r) => s.close(() => r()))));
  });

  it('reports a real RDP server as reachable, with its protocols, certificate CN and thumbprint', async (context) => {
    if (rdp.xrdp.skipReason !== null) context.skip(rdp.xrdp.skipReason);
    const run = await runCliProcess(['--json', `127.0.0.1:${rdp.xrdp.port}`]);
    expect(run.code).toBe(0);
    const r = report(run.stdout);
    expect(r.verdict).toMatchObject({ reachable: 'yes', confidence: 'high' });
    expect(r.findings.map((f) => f.code)).toContain('rdp.ok');
    expect(r.findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    const tls = r.checks.find((c) => c.id === 'rdp.tls')?.evidence;
    expect(tls).toMatchObject({ kind: 'rdp.tls' });
    expect(JSON.stringify(tls)).toContain(CN);
    expect(JSON.stringify(tls)).toContain(rdp.cert.sha1);
    // xrdp speaks Standard RDP Security and TLS, not CredSSP.
    const protocols = r.checks.find((c) => c.id === 'rdp.protocols');
    expect(protocols?.summary).toBe('Accepted: rdp, ssl. NLA is not enforced.');
    expect(protocols?.evidence).toMatchObject({ kind: 'rdp.protocols', nlaEnforced: false });
  });

  it('reports an HTTP server on the port as not RDP', async () => {
    const run = await runCliProcess(['--json', '--quick', `127.0.0.1:${portOf(http)}`]);
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.findings[0]).toMatchObject({ code: 'rdp.not-rdp', severity: 'blocker' });
    expect(r.findings[0]?.detail).toMatch(/HTTP/);
  });

  it('reports a server that echoes our request as not RDP', async () => {
    const run = await runCliProcess(['--json', '--quick', `127.0.0.1:${portOf(echo)}`]);
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.findings[0]).toMatchObject({ code: 'rdp.not-rdp' });
    expect(r.findings[0]?.detail).toMatch(/echo/i);
  });
});
