import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IcmpPingEvidence } from '../../../src/core/report-schema.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { makeCertificate, removeCertificate, type TestCertificate } from '../../support/certificate.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { linkNamespaces, startTlsRdp } from '../../support/path-lab.js';

// A real MTU black hole: client (198.18.40.1) → router → RDP server (198.18.41.2), every link 1500 bytes
// but the router's routes limited to 1300 (a tunnel on the way), and nft on the router dropping the ICMP
// "fragmentation needed" it would send back. TCP connects and the small packets pass; the server's TLS
// certificate flight (full-size segments, MSS 1460) never arrives. Fresh namespaces: no cached path MTU.
const CLIENT = '198.18.40.1';
const SERVER = '198.18.41.2';

function pingInstalled(): boolean {
  try {
    execFileSync('ping', ['-V'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

const tools = canUseNamespaces(['nft']);
const lab =
  tools.ok && !pingInstalled()
    ? { ok: false as const, why: 'ping is not installed (bash .ci/run installs iputils-ping)' }
    : tools;
if (!lab.ok) console.warn(`Skipped the MTU black-hole test: ${lab.why}.`);

describe.skipIf(!lab.ok)('an MTU black hole: TCP connects, TLS stalls', () => {
  let client: TestNamespace;
  let router: TestNamespace;
  let server: TestNamespace;
  let cert: TestCertificate;
  beforeAll(async () => {
    client = createNamespace([]);
    router = createNamespace([]);
    server = createNamespace([]);
    linkNamespaces(client, 'c0', `${CLIENT}/30`, router, 'r0', '198.18.40.2/30');
    linkNamespaces(router, 'r1', '198.18.41.1/30', server, 's0', `${SERVER}/30`);
    client.run('ip', ['route', 'add', 'default', 'via', '198.18.40.2']);
    server.run('ip', ['route', 'add', 'default', 'via', '198.18.41.1']);
    router.run('sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    router.run('ip', ['route', 'replace', '198.18.40.0/30', 'dev', 'r0', 'mtu', '1300']);
    router.run('ip', ['route', 'replace', '198.18.41.0/30', 'dev', 'r1', 'mtu', '1300']);
    router.run('nft', ['add', 'table', 'inet', 'rpt']);
    router.run('nft', ['add', 'chain', 'inet', 'rpt', 'output', '{ type filter hook output priority 0 ; }']);
    router.run('nft', [
      'add',
      'rule',
      'inet',
      'rpt',
      'output',
      'icmp',
      'type',
      'destination-unreachable',
      'icmp',
      'code',
      'frag-needed',
      'drop',
    ]);
    cert = makeCertificate('MTU-LAB');
    await startTlsRdp(server, SERVER, 3389, cert);
  }, 30_000);
  afterAll(() => {
    client?.destroy();
    router?.destroy();
    server?.destroy();
    if (cert !== undefined) removeCertificate(cert);
  });

  it('measures the path with don’t-fragment pings and reports path.mtu-suspected with the remedy', async () => {
    const run = await runCliProcess(['--json', '--timeout', '1s', SERVER], {
      namespace: client.name,
      timeoutMs: 45_000,
    });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const at = (id: string) => report.checks.find((c) => c.id === id && c.path === 'direct');
    expect(at('tcp.connect')?.status).toBe('pass');
    expect(at('rdp.negotiate')?.status).toBe('pass');
    expect(at('rdp.tls')).toMatchObject({ status: 'fail', evidence: { error: 'no TLS handshake within 1000 ms' } });
    const ping = at('icmp.ping');
    expect(ping?.status).toBe('pass');
    const mtu = (ping?.evidence as IcmpPingEvidence | undefined)?.mtu;
    expect(mtu).toMatchObject({
      largestPassed: 1272,
      pathMtu: 1300,
      command: `ping -n -M do -s <size> -c 1 -W 1 ${SERVER}`,
    });
    expect(mtu?.probes.filter((p) => p.outcome === 'reply').map((p) => p.packetBytes)).toEqual([1300, 1200, 1000, 576]);
    expect(mtu?.probes.filter((p) => p.outcome === 'no-reply').map((p) => p.packetBytes)).toEqual([
      1500, 1400, 1380, 1360, 1340, 1320,
    ]);
    const finding = report.findings.find((f) => f.code === 'path.mtu-suspected');
    expect(finding).toMatchObject({ severity: 'warning', source: 2, confidence: 'medium' });
    expect(finding?.detail).toContain('the largest that passed carried 1272 bytes (1300-byte packets)');
    expect(finding?.remedy.steps.map((s) => s.command)).toContain('sudo ip link set dev c0 mtu 1300');
    expect(report.findings.find((f) => f.code === 'rdp.tls-failed')).toMatchObject({ source: 2, candidates: [5] });
  });

  it('says nothing of the MTU once the path carries full-size packets', async () => {
    router.run('ip', ['route', 'replace', '198.18.40.0/30', 'dev', 'r0']);
    router.run('ip', ['route', 'replace', '198.18.41.0/30', 'dev', 'r1']);
    const run = await runCliProcess(['--json', '--timeout', '1s', SERVER], {
      namespace: client.name,
      timeoutMs: 45_000,
    });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'rdp.tls')?.status).toBe('pass');
    expect((report.checks.find((c) => c.id === 'icmp.ping')?.evidence as IcmpPingEvidence | undefined)?.mtu).toBeNull();
    expect(report.findings.map((f) => f.code)).not.toContain('path.mtu-suspected');
  });
});
