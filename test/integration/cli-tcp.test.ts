import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { runCliProcess } from '../support/cli.js';
import { startTcpListener } from '../support/listener.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../support/netns.js';

const HOST = '198.18.0.10';
const DROPPED = '198.18.0.20';
const NO_ROUTE = '203.0.113.5';

function parseReport(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

describe('rdp-probe against a real loopback listener', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => socket.resume().end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports a port that accepts and closes at once as open at TCP but not RDP, in a valid report', async () => {
    const run = await runCliProcess(['--json', `127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    const tcp = report.checks.find((c) => c.id === 'tcp.connect');
    expect(tcp?.status).toBe('pass');
    expect(tcp?.evidence).toMatchObject({
      kind: 'tcp.connect',
      port,
      attempts: [{ address: '127.0.0.1', outcome: 'open', via: 'literal' }],
    });
    // TCP alone is not an answer: the RDP handshake tells a middlebox or a dead service apart.
    expect(report.findings[0]).toMatchObject({ code: 'rdp.closed-after-connect', severity: 'blocker' });
    expect(report.verdict.reachable).toBe('no');
  });
});

const namespaces = canUseNamespaces(['nft']);

describe.skipIf(!namespaces.ok)('rdp-probe in a test namespace (open, refused, filtered, unreachable)', () => {
  let ns: TestNamespace;
  beforeAll(async () => {
    ns = createNamespace([`${HOST}/32`, `${DROPPED}/32`]);
    // A silent drop, as an NSG or a firewall does it: no RST, no ICMP error comes back.
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'daddr', DROPPED, 'tcp', 'dport', '3389', 'drop']);
    // No route at all to the documentation range: the kernel answers "host unreachable" at once.
    ns.run('ip', ['route', 'add', 'unreachable', '203.0.113.0/24']);
    await startTcpListener(ns, HOST, 3389);
  }, 30_000);
  afterAll(() => ns?.destroy());

  it('reports a listening port as open, with latency samples', async () => {
    const run = await runCliProcess(['--json', HOST], { namespace: ns.name });
    const report = parseReport(run.stdout);
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.status).toBe('pass');
    expect(report.target).toMatchObject({ host: HOST, port: 3389, portSource: 'default' });
    const tcp = report.checks.find((c) => c.id === 'tcp.connect')?.evidence;
    expect(tcp).toMatchObject({ kind: 'tcp.connect', attempts: [{ outcome: 'open' }] });
    // The default plan samples the open address for latency and jitter.
    expect(tcp?.kind === 'tcp.connect' && tcp.samples?.connectMs.length).toBe(4);
  });

  it('reports a closed port as tcp.refused, pointing at the VM', async () => {
    const run = await runCliProcess(['--json', `${HOST}:3390`], { namespace: ns.name });
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(report.verdict.reachable).toBe('no');
    expect(report.findings.map((f) => f.code)).toEqual(['tcp.refused']);
    expect(report.findings[0]).toMatchObject({ source: 5, severity: 'blocker' });
    expect(report.findings[0]?.evidence[0]?.says).toBe(`${HOST}:3390 refused (ECONNREFUSED)`);
  });

  it('reports a silently dropped port as tcp.filtered after the timeout', async () => {
    const run = await runCliProcess(['--json', '--timeout', '600ms', DROPPED], { namespace: ns.name });
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    // Only 3389 is dropped; the other ports refuse: the port matrix adds that the host itself is reachable.
    expect(report.findings.map((f) => f.code)).toEqual(['tcp.filtered', 'edge.port-blocked']);
    // A filtered port may be the client, the edge, the endpoint or an NSG until other evidence decides.
    expect(report.findings[0]).toMatchObject({ source: 4, candidates: [1, 2, 3] });
    const tcp = report.checks.find((c) => c.id === 'tcp.connect');
    expect(tcp?.evidence).toMatchObject({ attempts: [{ address: DROPPED, outcome: 'filtered' }] });
    expect(tcp?.durationMs).toBeGreaterThanOrEqual(600);
  });

  it('reports an address without a route as tcp.unreachable', async () => {
    const run = await runCliProcess(['--json', '--quick', NO_ROUTE], { namespace: ns.name });
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(report.findings.map((f) => f.code)).toEqual(['tcp.unreachable']);
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.evidence).toMatchObject({
      attempts: [{ address: NO_ROUTE, outcome: 'unreachable', errorCode: 'EHOSTUNREACH' }],
    });
  });
});

if (!namespaces.ok) console.warn(`Skipped namespace tests: ${namespaces.why}.`);
