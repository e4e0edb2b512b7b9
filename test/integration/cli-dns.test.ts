import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { runCliProcess } from '../support/cli.js';
import { startDnsmasq } from '../support/dnsmasq.js';
import { startTcpListener } from '../support/listener.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../support/netns.js';

// A lab in its own namespace: the OS resolver (resolv.conf) asks OLD_DNS, which still gives the VM's
// old public IP; NEW_DNS gives the current one through a CNAME, as Azure's cloudapp names do. The old
// IP drops RDP, the new one listens.
const OLD_DNS = '198.18.0.53';
const NEW_DNS = '198.18.0.54';
const SILENT_DNS = '198.18.0.99';
const STUB_DNS = '127.0.0.53';
const OLD_VIP = '198.51.100.10';
const NEW_VIP = '203.0.113.10';
const NAME = 'vm.example.test';
const CLOUDAPP = 'myvm.westeurope.cloudapp.example.test';

const namespaces = canUseNamespaces(['nft', 'dnsmasq']);
if (!namespaces.ok) console.warn(`Skipped DNS lab tests: ${namespaces.why}.`);

function report(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

describe.skipIf(!namespaces.ok)('DNS checks against real dnsmasq servers', () => {
  let ns: TestNamespace;
  beforeAll(async () => {
    ns = createNamespace([`${OLD_DNS}/32`, `${NEW_DNS}/32`, `${SILENT_DNS}/32`, `${OLD_VIP}/32`, `${NEW_VIP}/32`]);
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'daddr', OLD_VIP, 'tcp', 'dport', '3389', 'drop']);
    await startDnsmasq(ns, OLD_DNS, 'example.test', [`--host-record=${NAME},${OLD_VIP}`]);
    const many = Array.from({ length: 40 }, (_, i) => `--host-record=big.example.test,198.18.1.${i + 1}`);
    await startDnsmasq(ns, NEW_DNS, 'example.test', [
      `--cname=${NAME},${CLOUDAPP}`,
      `--host-record=${CLOUDAPP},${NEW_VIP}`,
      ...many,
    ]);
    // systemd-resolved's stub: a caching server on 127.0.0.53 that still holds the old answer.
    await startDnsmasq(ns, STUB_DNS, 'example.test', [`--host-record=${NAME},${OLD_VIP}`]);
    await startTcpListener(ns, NEW_VIP, 3389);
  }, 60_000);
  beforeEach(() => {
    ns.writeEtc('resolv.conf', `nameserver ${OLD_DNS}\n`);
    ns.writeEtc('hosts', '127.0.0.1 localhost\n');
  });
  afterAll(() => ns?.destroy());

  it('finds a stale cached address that explains a filtered connection', async () => {
    const run = await runCliProcess(['--json', '--timeout', '800ms', '--nameserver', NEW_DNS, NAME], {
      namespace: ns.name,
    });
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    const os = r.checks.find((c) => c.id === 'dns.os')?.evidence;
    expect(os).toMatchObject({ kind: 'dns.os', addresses: [{ address: OLD_VIP, family: 4 }] });
    const fresh = r.checks.find((c) => c.id === 'dns.fresh')?.evidence;
    expect(fresh).toMatchObject({
      kind: 'dns.fresh',
      answeredBy: NEW_DNS,
      addresses: [NEW_VIP],
      cnameChain: [CLOUDAPP],
      nameservers: { addresses: [NEW_DNS], origin: 'option' },
    });
    expect(r.checks.find((c) => c.id === 'tcp.connect')?.evidence).toMatchObject({
      attempts: [
        { address: OLD_VIP, via: 'os', outcome: 'filtered' },
        { address: NEW_VIP, via: 'fresh', outcome: 'open' },
      ],
    });
    expect(r.findings.map((f) => f.code)).toEqual(['dns.stale-cache', 'tcp.filtered']);
    expect(r.findings[0]).toMatchObject({ severity: 'blocker', source: 1, confidence: 'high' });
    expect(r.findings[0]?.remedy.steps.map((s) => s.command)).toContain('ipconfig /flushdns');
    expect(r.verdict).toMatchObject({ reachable: 'no', likelySource: 1, confidence: 'high' });
  });

  it('reports a hosts-file entry instead of a stale cache', async () => {
    ns.writeEtc('hosts', `127.0.0.1 localhost\n# pinned by someone long ago\n${OLD_VIP}   ${NAME}\n`);
    const run = await runCliProcess(['--json', '--timeout', '800ms', '--nameserver', NEW_DNS, NAME], {
      namespace: ns.name,
    });
    const r = report(run.stdout);
    expect(r.checks.find((c) => c.id === 'dns.hosts')?.evidence).toMatchObject({
      kind: 'dns.hosts',
      file: '/etc/hosts',
      entries: [{ address: OLD_VIP, names: [NAME], line: 3 }],
    });
    const codes = r.findings.map((f) => f.code);
    expect(codes).toContain('dns.hosts-override');
    expect(codes).not.toContain('dns.stale-cache');
  });

  it('asks the system nameservers when none is given', async () => {
    ns.writeEtc('resolv.conf', `nameserver ${NEW_DNS}\n`);
    const run = await runCliProcess(['--json', NAME], { namespace: ns.name });
    const r = report(run.stdout);
    expect(r.checks.find((c) => c.id === 'dns.fresh')?.evidence).toMatchObject({
      nameservers: { addresses: [NEW_DNS], origin: 'system' },
      addresses: [NEW_VIP],
    });
    // Name resolution is healthy; only the stand-in listener (not an RDP server) is reported.
    expect(r.findings.map((f) => f.code).filter((code) => code.startsWith('dns.'))).toEqual([]);
    expect(r.checks.find((c) => c.id === 'tcp.connect')?.status).toBe('pass');
  });

  it("asks systemd-resolved's upstream servers, not its caching stub", async () => {
    ns.writeEtc('resolv.conf', `nameserver ${STUB_DNS}\n`);
    // `ip netns exec` gives the CLI a private mount namespace: a tmpfs on /run there is invisible outside.
    const setup = `mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/resolve && printf 'nameserver ${NEW_DNS}\\n' > /run/systemd/resolve/resolv.conf`;
    const run = await runCliProcess(['--json', '--timeout', '800ms', NAME], { namespace: ns.name, setup });
    const r = report(run.stdout);
    expect(r.checks.find((c) => c.id === 'dns.fresh')?.evidence).toMatchObject({
      nameservers: { addresses: [NEW_DNS], origin: 'systemd-resolved-upstream' },
      answeredBy: NEW_DNS,
    });
    expect(r.findings.map((f) => f.code)).toEqual(['dns.stale-cache', 'tcp.filtered']);
  });

  it('flags a name that does not point at the expected IP', async () => {
    const run = await runCliProcess(
      ['--json', '--timeout', '800ms', '--nameserver', NEW_DNS, '--expect-ip', NEW_VIP, NAME],
      { namespace: ns.name },
    );
    const r = report(run.stdout);
    const mismatch = r.findings.find((f) => f.code === 'dns.mismatch-expected');
    // The nameservers already give the expected address, so the cache on this computer is to blame.
    expect(mismatch).toMatchObject({ source: 1, severity: 'blocker' });
    expect(mismatch?.detail).toContain(`not to the expected ${NEW_VIP}`);
  });

  it('reports a name that does not exist', async () => {
    const run = await runCliProcess(['--json', '--nameserver', NEW_DNS, 'nope.example.test'], { namespace: ns.name });
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.checks.find((c) => c.id === 'dns.os')?.evidence).toMatchObject({ addresses: [], errorCode: 'ENOTFOUND' });
    expect(r.checks.find((c) => c.id === 'dns.fresh')?.status).toBe('fail');
    expect(r.findings.map((f) => f.code)).toEqual(['dns.resolution-failed']);
    expect(r.findings[0]).toMatchObject({ source: 0, confidence: 'high' });
    expect(r.verdict.reachable).toBe('no');
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const run = await runCliProcess(['--json', '--nameserver', NEW_DNS, '--timeout', '800ms', 'big.example.test'], {
      namespace: ns.name,
    });
    const fresh = report(run.stdout).checks.find((c) => c.id === 'dns.fresh')?.evidence;
    if (fresh?.kind !== 'dns.fresh') throw new Error('no dns.fresh evidence');
    const a = fresh.queries.find((q) => q.type === 'A');
    expect(a).toMatchObject({ transport: 'tcp', truncated: true, outcome: 'answer' });
    expect(fresh.addresses).toHaveLength(40);
  });

  it('records a nameserver that never answers, within the timeout', async () => {
    const run = await runCliProcess(['--json', '--timeout', '500ms', '--nameserver', SILENT_DNS, NAME], {
      namespace: ns.name,
    });
    const r = report(run.stdout);
    const fresh = r.checks.find((c) => c.id === 'dns.fresh');
    expect(fresh?.status).toBe('error');
    expect(fresh?.summary).toBe(`No nameserver answered for ${NAME} (${SILENT_DNS}).`);
    expect(fresh?.evidence).toMatchObject({ queries: [{ outcome: 'timeout' }, { outcome: 'timeout' }] });
    expect(fresh?.durationMs).toBeLessThan(500 + 250);
  });
});
