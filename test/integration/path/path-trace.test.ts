import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKey, DIRECT_PATH } from '../../../src/core/ids.js';
import type { CheckResult, PathTraceEvidence } from '../../../src/core/report-schema.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { type PathTraceOptions, pathTraceCheck } from '../../../src/node/checks/path-trace-check.js';
import { tcpConnectCheck } from '../../../src/node/checks/tcp-connect-check.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { linkNamespaces } from '../../support/path-lab.js';
import { bridgeToNamespace, type VethBridge } from '../../support/veth.js';

// A routed lab: a client namespace (198.18.70.1) and this process (198.18.72.1, over a veth bridge) each
// reach a router namespace (198.18.70.2 / 198.18.72.2), which forwards to a target (198.18.71.2). The
// target drops TCP 3389 with nft (and answers UDP and ICMP), listens on 3390, and holds 198.18.73.1, to
// which it drops everything: a destination after which no hop answers. The router and target answer
// every probe (no ICMP rate limit in their namespaces), so the hops are the same on every run.
const ROUTER_FOR_CLIENT = '198.18.70.2';
const ROUTER = '198.18.72.2';
const TARGET = '198.18.71.2';
const SILENT = '198.18.73.1';

/** Debian's traceroute takes --version; it is what the trace falls back to, and what `-T` needs. */
function tracerouteInstalled(): { ok: true } | { ok: false; why: string } {
  try {
    execFileSync('traceroute', ['--version'], { stdio: 'ignore', timeout: 5000 });
    return { ok: true };
  } catch {
    return { ok: false, why: 'traceroute is not installed (bash .ci/run installs it)' };
  }
}

const tools = canUseNamespaces(['nft']);
const lab = tools.ok ? tracerouteInstalled() : tools;
if (!lab.ok) console.warn(`Skipped the path.trace tests: ${lab.why}.`);

function targetOf(text: string) {
  const parsed = parseTarget(text);
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

/** A tcp.connect result of `outcome` to `address`, as the check reads it. */
function tcpResult(address: string, outcome: 'filtered' | 'open'): CheckResult {
  return {
    id: 'tcp.connect',
    path: 'direct',
    title: 'tcp',
    status: outcome === 'open' ? 'pass' : 'fail',
    summary: '',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 1,
    evidence: {
      kind: 'tcp.connect',
      port: 3389,
      timeoutMs: 1000,
      attempts: [
        {
          address,
          family: 4,
          via: 'literal',
          outcome,
          connectMs: null,
          errorCode: null,
          localAddress: null,
          localPort: null,
        },
      ],
      samples: null,
    },
  };
}

async function trace(tcp: CheckResult, options: PathTraceOptions, timeoutMs = 12_000) {
  const started = performance.now();
  const outcome = await pathTraceCheck({ platform: 'linux', ...options }).run({
    signal: new AbortController().signal,
    timeoutMs,
    target: targetOf(TARGET),
    result: (key) => (key === checkKey('tcp.connect', DIRECT_PATH) ? tcp : undefined),
  });
  return { ...outcome, evidence: outcome.evidence as PathTraceEvidence, ms: performance.now() - started };
}

describe.skipIf(!lab.ok)('path.trace through a router to a target that drops TCP 3389', () => {
  let client: TestNamespace;
  let router: TestNamespace;
  let target: TestNamespace;
  let bridge: VethBridge | undefined;
  beforeAll(async () => {
    client = createNamespace([]);
    router = createNamespace([]);
    target = createNamespace([`${SILENT}/32`]);
    linkNamespaces(client, 'c0', '198.18.70.1/30', router, 'r0', `${ROUTER_FOR_CLIENT}/30`);
    linkNamespaces(router, 'r1', '198.18.71.1/30', target, 't0', `${TARGET}/30`);
    bridge = bridgeToNamespace(router, '198.18.72.1', ROUTER);
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore', timeout: 5000 });
    // Routes of this namespace into the lab only; they go with the bridge's veth.
    ip('route', 'add', '198.18.71.0/30', 'via', ROUTER);
    ip('route', 'add', `${SILENT}/32`, 'via', ROUTER);
    client.run('ip', ['route', 'add', 'default', 'via', ROUTER_FOR_CLIENT]);
    target.run('ip', ['route', 'add', 'default', 'via', '198.18.71.1']);
    router.run('ip', ['route', 'add', `${SILENT}/32`, 'via', TARGET]);
    for (const ns of [router, target]) ns.run('sysctl', ['-qw', 'net.ipv4.icmp_ratelimit=0']);
    router.run('sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    target.run('nft', ['add', 'table', 'inet', 'rpt']);
    target.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    target.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'tcp', 'dport', '3389', 'drop']);
    target.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'daddr', SILENT, 'drop']);
    const server = target.start(process.execPath, [
      '-e',
      `require('node:net').createServer((s) => s.on('error', () => {})).listen(3390, '${TARGET}', () => console.log('ready'));`,
    ]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the listener on 3390 did not start in 10 s')), 10_000);
      server.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }, 30_000);
  afterAll(() => {
    bridge?.remove();
    client?.destroy();
    router?.destroy();
    target?.destroy();
  });

  it('shows where TCP to port 3389 dies: the router answers, nothing after it (rdp-probe as root)', async () => {
    const run = await runCliProcess(['--json', '--no-external', '--timeout', '1s', TARGET], {
      namespace: client.name,
      timeoutMs: 45_000,
    });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.status).toBe('fail');
    const check = report.checks.find((c) => c.id === 'path.trace');
    expect(check?.status).toBe('info');
    const evidence = check?.evidence as PathTraceEvidence;
    expect(evidence).toMatchObject({
      address: TARGET,
      port: 3389,
      tool: 'traceroute',
      mode: 'tcp',
      command: `traceroute -n -T -p 3389 -q 1 -w 1 -m 12 ${TARGET}`,
      lastHop: { ttl: 1, address: ROUTER_FOR_CLIENT, public: false },
      destinationAnswered: false,
      ended: 'complete',
      notUsed: [],
      error: null,
    });
    expect(evidence.hops.map((h) => h.address)).toEqual([ROUTER_FOR_CLIENT, ...Array(11).fill(null)]);
    expect(check?.summary).toBe(
      `Packets to port 3389 get as far as ${ROUTER_FOR_CLIENT} (hop 1, a private address: inside your network or your provider's); nothing answers after it (TTL-limited TCP probes, traceroute). Routers and firewalls may not answer TTL-limited TCP probes, so silence after a hop does not prove the packets stop there.`,
    );
    // Evidence only: the run's verdict is tcp.connect's, and no place is vouched for by the trace.
    expect(report.findings.map((f) => f.code)).not.toContain('path.trace');
  });

  it('sees the router then the target with UDP probes and with net-ping’s ICMP', async () => {
    const udp = await trace(tcpResult(TARGET, 'filtered'), { tools: { tcp: false, netPing: false } });
    expect(udp.status).toBe('info');
    expect(udp.evidence).toMatchObject({
      tool: 'traceroute',
      mode: 'udp',
      command: `traceroute -n -q 1 -w 1 -m 12 ${TARGET}`,
      lastHop: { ttl: 2, address: TARGET, public: false },
      destinationAnswered: true,
      ended: 'complete',
      notUsed: [`traceroute -n -T -p 3389 -q 1 -w 1 -m 12 ${TARGET}: turned off`, 'net-ping: turned off'],
    });
    expect(udp.evidence.hops.map((h) => h.address)).toEqual([ROUTER, TARGET]);
    expect(udp.summary).toBe(
      `Packets reach ${TARGET} (hop 2, UDP probes, traceroute): the way there works, so what stops TCP to port 3389 is that port: a network security group, a firewall or the VM.`,
    );
    const icmp = await trace(tcpResult(TARGET, 'filtered'), { tools: { tcp: false, netPing: true } });
    expect(icmp.evidence).toMatchObject({
      tool: 'net-ping',
      mode: 'icmp',
      destinationAnswered: true,
      ended: 'complete',
    });
    expect(icmp.evidence.hops.map((h) => [h.ttl, h.address])).toEqual([
      [1, ROUTER],
      [2, TARGET],
    ]);
  });

  it('is skipped when TCP connects (a real tcp.connect to the listening port 3390)', async () => {
    const connect = await tcpConnectCheck({ withFresh: false, samples: 0 }).run({
      signal: new AbortController().signal,
      timeoutMs: 2000,
      target: targetOf(`${TARGET}:3390`),
      result: () => undefined,
    });
    expect(connect.status).toBe('pass');
    const tcp: CheckResult = { ...tcpResult(TARGET, 'open'), evidence: connect.evidence };
    const skipped = await trace(tcp, { tools: { tcp: true } });
    expect(skipped).toMatchObject({
      status: 'skipped',
      summary: 'Not traced: TCP to port 3390 connects, so there is nothing to trace.',
      evidence: null,
    });
  });

  it('stops at a small maximum TTL, and keeps the hops printed when its time runs out', async () => {
    const short = await trace(tcpResult(SILENT, 'filtered'), { tools: { tcp: false, netPing: false }, maxTtl: 3 });
    expect(short.evidence).toMatchObject({ maxTtl: 3, ended: 'complete', destinationAnswered: false });
    expect(short.evidence.hops.map((h) => h.address)).toEqual([ROUTER, null, null]);
    expect(short.ms).toBeLessThan(4000);

    // traceroute sends its probes together and waits a second for them: killed at 500 ms, hop 1 is printed.
    const killed = await trace(tcpResult(SILENT, 'filtered'), { tools: { tcp: false, netPing: false } }, 500);
    expect(killed.evidence).toMatchObject({
      tool: 'traceroute',
      ended: 'timeout',
      lastHop: { ttl: 1, address: ROUTER },
    });
    expect(killed.evidence.hops.map((h) => h.address)).toEqual([ROUTER]);
    expect(killed.summary).toContain(`Packets get as far as ${ROUTER} (hop 1,`);
    expect(killed.summary).toContain('The trace reached its time limit after hop 1; later hops are unknown.');
    expect(killed.ms).toBeLessThan(2000);

    // net-ping goes hop after hop, a second per silent one: at 2.5 s it has hop 1 and one or two silent ones.
    const raw = await trace(tcpResult(SILENT, 'filtered'), { tools: { tcp: false, netPing: true } }, 2500);
    expect(raw.evidence).toMatchObject({ tool: 'net-ping', ended: 'timeout', lastHop: { ttl: 1, address: ROUTER } });
    expect(raw.evidence.hops[0]?.address).toBe(ROUTER);
    expect(raw.evidence.hops.slice(1).every((h) => h.address === null)).toBe(true);
    expect(raw.evidence.hops.length).toBeLessThanOrEqual(3);
    expect(raw.ms).toBeLessThan(4000);
  });
});
