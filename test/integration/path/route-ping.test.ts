import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKey, DIRECT_PATH } from '../../../src/core/ids.js';
import type { CheckResult, IcmpPingEvidence, RoutePathEvidence } from '../../../src/core/report-schema.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { icmpPingCheck } from '../../../src/node/checks/icmp-ping-check.js';
import { tcp } from '../../support/checks.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { bridgeToNamespace, type VethBridge } from '../../support/veth.js';

/** iputils' ping takes -V, not --version: canUseNamespaces cannot check it. */
function pingInstalled(): { ok: true } | { ok: false; why: string } {
  try {
    execFileSync('ping', ['-V'], { stdio: 'ignore', timeout: 5000 });
    return { ok: true };
  } catch {
    return { ok: false, why: 'ping is not installed (bash .ci/run installs iputils-ping)' };
  }
}

const tools = canUseNamespaces(['nft']);
const namespaces = tools.ok ? pingInstalled() : tools;
if (!namespaces.ok) console.warn(`Skipped the route and ping tests: ${namespaces.why}.`);

// A namespace whose route to 203.0.113.0/24 goes through an interface named wg0 (a veth: the kernel here
// may lack the dummy and wireguard modules; the name is what counts), read with the real `ip -j route get`.
describe.skipIf(!namespaces.ok)('route.path through a WireGuard-named interface', () => {
  let ns: TestNamespace;
  beforeAll(() => {
    ns = createNamespace([]);
    ns.run('ip', ['link', 'add', 'wg0', 'type', 'veth', 'peer', 'name', 'vethwg']);
    ns.run('ip', ['addr', 'add', '198.18.50.1/24', 'dev', 'wg0']);
    ns.run('ip', ['link', 'set', 'wg0', 'up']);
    ns.run('ip', ['link', 'set', 'vethwg', 'up']);
    ns.run('ip', ['route', 'add', '203.0.113.0/24', 'dev', 'wg0']);
  });
  afterAll(() => ns?.destroy());

  it('names the interface and the VPN, and informs that the NSG sees the VPN’s address', async () => {
    const run = await runCliProcess(['--json', '--timeout', '500ms', '203.0.113.10'], { namespace: ns.name });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const route = report.checks.find((c) => c.id === 'route.path');
    expect(route?.status).toBe('info');
    expect(route?.summary).toBe(
      'Traffic to 203.0.113.10 leaves through wg0 — a VPN interface: WireGuard creates it, directly (on-link), from 198.18.50.1, MTU 1500.',
    );
    const evidence = route?.evidence as RoutePathEvidence;
    expect(evidence).toMatchObject({
      os: 'linux',
      destination: '203.0.113.10',
      lookup: { command: 'ip -j route get 203.0.113.10', outcome: 'read', message: null },
      outcome: 'route',
      route: { interface: 'wg0', gateway: null, source: '198.18.50.1', mtu: 1500 },
      vpn: { name: 'wg0', agent: 'WireGuard' },
    });
    expect(evidence.vpnInterfaces.map((v) => v.name)).toEqual(['wg0']);
    const vpn = report.findings.find((f) => f.code === 'path.via-vpn');
    expect(vpn).toMatchObject({ severity: 'info', source: 1 });
    expect(vpn?.detail).toContain('through wg0 (WireGuard creates it), from 198.18.50.1');
  });

  it('reports no route as the one failure', async () => {
    const run = await runCliProcess(['--json', '--timeout', '500ms', '198.51.100.9'], { namespace: ns.name });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const route = report.checks.find((c) => c.id === 'route.path');
    expect(route).toMatchObject({
      status: 'fail',
      summary: 'Your computer has no route to 198.51.100.9 (ip -j route get 198.51.100.9).',
      evidence: { outcome: 'no-route', route: null },
    });
    const ping = report.checks.find((c) => c.id === 'icmp.ping');
    expect(ping?.status).toBe('info');
  });
});

// Ping from this process (root: net-ping's raw socket; and the OS ping) to two namespaces linked by veth:
// one answers, one drops ICMP echo with nft.
describe.skipIf(!namespaces.ok)('icmp.ping against real peers', () => {
  let answering: TestNamespace;
  let silent: TestNamespace;
  let bridges: VethBridge[] = [];
  const target = (() => {
    const parsed = parseTarget('198.18.33.2');
    if (parsed.kind === 'err') throw new Error(parsed.error.message);
    return parsed.value;
  })();
  beforeAll(() => {
    answering = createNamespace([]);
    silent = createNamespace([]);
    bridges = [
      bridgeToNamespace(answering, '198.18.33.1', '198.18.33.2'),
      bridgeToNamespace(silent, '198.18.33.5', '198.18.33.6'),
    ];
    silent.run('nft', ['add', 'table', 'inet', 'rpt']);
    silent.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    silent.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'icmp', 'type', 'echo-request', 'drop']);
  });
  afterAll(() => {
    for (const b of bridges) b.remove();
    answering?.destroy();
    silent?.destroy();
  });

  async function ping(address: string, netPing: boolean) {
    const tcpResult: CheckResult = {
      id: 'tcp.connect',
      path: 'direct',
      title: 'tcp',
      status: 'fail',
      summary: '',
      startedAt: '2026-11-25T10:00:00.000Z',
      durationMs: 1,
      evidence: tcp(3389, [{ address, via: 'literal', outcome: 'filtered' }]),
    };
    const started = performance.now();
    const outcome = await icmpPingCheck({ tools: { netPing } }).run({
      signal: new AbortController().signal,
      timeoutMs: 5000,
      target,
      result: (key) => (key === checkKey('tcp.connect', DIRECT_PATH) ? tcpResult : undefined),
    });
    return { ...outcome, evidence: outcome.evidence as IcmpPingEvidence, ms: performance.now() - started };
  }

  it('gets answers with the raw socket and with the OS ping', async () => {
    const raw = await ping('198.18.33.2', true);
    expect(raw.status).toBe('pass');
    expect(raw.evidence).toMatchObject({
      method: 'net-ping',
      netPing: null,
      sent: 3,
      received: 3,
      error: null,
      mtu: null,
    });
    const os = await ping('198.18.33.2', false);
    expect(os.status).toBe('pass');
    expect(os.evidence).toMatchObject({
      method: 'os-ping',
      command: 'ping -n -c 3 -i 0.2 -W 1 198.18.33.2',
      netPing: 'turned off',
      sent: 3,
      received: 3,
    });
    expect(os.evidence.rttMs).toHaveLength(3);
    expect(os.summary).toMatch(/^198\.18\.33\.2 answers ping \(3\/3, median [\d.]+ ms, os-ping\)\.$/);
  });

  it('reports silence as information, never a failure, and says it proves nothing', async () => {
    for (const netPing of [true, false]) {
      const quiet = await ping('198.18.33.6', netPing);
      expect(quiet.status).toBe('info');
      expect(quiet.evidence).toMatchObject({ sent: 3, received: 0, error: null });
      expect(quiet.summary).toContain('Azure public IPs often do not answer ICMP');
      expect(quiet.summary).toContain('no answer proves nothing');
      expect(quiet.ms).toBeLessThan(4000);
    }
  });
});
