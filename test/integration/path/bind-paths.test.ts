import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { makeCertificate, removeCertificate, type TestCertificate } from '../../support/certificate.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { linkNamespaces, startTlsRdp } from '../../support/path-lab.js';

// A client namespace with two "uplinks" to a target namespace: up0 (198.18.30.1) and up1 (198.18.31.1),
// each a veth of its own; a policy rule sends what leaves from 198.18.31.1 out up1. The target runs an RDP
// server (TLS) on 198.18.32.1:3389 and drops TCP to it from 198.18.31.1 with nft, so the same target is
// open from one local address and filtered from the other.
const UP0 = '198.18.30.1';
const UP1 = '198.18.31.1';
const TARGET = '198.18.32.1';

const namespaces = canUseNamespaces(['nft']);
if (!namespaces.ok) console.warn(`Skipped the --bind test: ${namespaces.why}.`);

describe.skipIf(!namespaces.ok)('rdp-probe --bind / --interface: paths side by side', () => {
  let client: TestNamespace;
  let server: TestNamespace;
  let cert: TestCertificate;
  beforeAll(async () => {
    client = createNamespace([]);
    server = createNamespace([`${TARGET}/32`]);
    linkNamespaces(client, 'up0', `${UP0}/30`, server, 't0', '198.18.30.2/30');
    linkNamespaces(client, 'up1', `${UP1}/30`, server, 't1', '198.18.31.2/30');
    client.run('ip', ['route', 'add', `${TARGET}/32`, 'via', '198.18.30.2', 'dev', 'up0']);
    client.run('ip', ['rule', 'add', 'from', UP1, 'table', '31']);
    client.run('ip', ['route', 'add', `${TARGET}/32`, 'via', '198.18.31.2', 'dev', 'up1', 'table', '31']);
    server.run('nft', ['add', 'table', 'inet', 'rpt']);
    server.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    server.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'saddr', UP1, 'tcp', 'dport', '3389', 'drop']);
    cert = makeCertificate('BIND-LAB');
    await startTlsRdp(server, TARGET, 3389, cert);
  }, 30_000);
  afterAll(() => {
    client?.destroy();
    server?.destroy();
    if (cert !== undefined) removeCertificate(cert);
  });

  it('runs TCP and the RDP handshake from each local address: one path open, one filtered', async () => {
    const run = await runCliProcess(['--json', '--timeout', '1s', '--bind', UP0, '--bind', UP1, TARGET], {
      namespace: client.name,
      timeoutMs: 45_000,
    });
    expect(run.stderr).toBe('');
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const at = (id: string, path: string) => report.checks.find((c) => c.id === id && c.path === path);
    expect(at('tcp.connect', 'direct')?.status).toBe('pass');
    const open = at('tcp.connect', `bind:${UP0}`);
    expect(open?.status).toBe('pass');
    expect(open?.evidence).toMatchObject({ attempts: [{ address: TARGET, outcome: 'open', localAddress: UP0 }] });
    const filtered = at('tcp.connect', `bind:${UP1}`);
    expect(filtered?.status).toBe('fail');
    expect(filtered?.summary).toBe(`No connection to port 3389 from ${UP1} (up1): ${TARGET} filtered.`);
    expect(at('rdp.negotiate', `bind:${UP0}`)).toMatchObject({ status: 'pass', evidence: { outcome: 'negotiated' } });
    expect(at('rdp.tls', `bind:${UP0}`)?.status).not.toBe('fail');
    expect(at('rdp.negotiate', `bind:${UP1}`)?.status).toBe('skipped');
    // The default path answers: the run is a success, the bound path's failure is evidence beside it.
    expect(run.code).toBe(0);
    expect(report.verdict.reachable).toBe('yes');
  });

  it('shows the paths side by side and where they differ, in text', async () => {
    const run = await runCliProcess(
      ['--timeout', '1s', '--quick', '--interface', 'up0', '--interface', 'up1', TARGET],
      {
        namespace: client.name,
        timeoutMs: 45_000,
      },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines.indexOf('Paths side by side');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^check\s+direct\s+bind:198\.18\.30\.1\s+bind:198\.18\.31\.1$/);
    expect(lines[header + 2]).toMatch(/^tcp\.connect\s+✓ pass\s+✓ pass\s+✗ fail$/);
    expect(lines[header + 3]).toMatch(/^rdp\.negotiate\s+✓ pass\s+✓ pass\s+- skipped$/);
    expect(run.stdout).toContain('Where the paths differ from direct:');
    expect(run.stdout).toContain(
      `  tcp.connect: direct pass → bind:${UP1} fail  No connection to port 3389 from ${UP1} (up1): ${TARGET} filtered.`,
    );
  });

  it('resolves --interface to its address and refuses what this computer does not have (exit 2)', async () => {
    const unknown = await runCliProcess(['--interface', 'eth9', TARGET], { namespace: client.name });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `rdp-probe: --interface: this computer has no interface named "eth9"; its interfaces: lo (127.0.0.1, ::1), up0 (${UP0}), up1 (${UP1}).\n`,
    );
    const v6 = await runCliProcess(['--interface', 'up1', '2001:db8::32'], { namespace: client.name });
    expect(v6.code).toBe(2);
    expect(v6.stderr).toMatch(
      /^rdp-probe: --interface: up1 has no IPv6 address \(the target is IPv6\); its interfaces: /,
    );
    const foreign = await runCliProcess(['--bind', '198.18.30.2', TARGET], { namespace: client.name });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(
      /^rdp-probe: --bind: 198\.18\.30\.2 is not an address of this computer; its interfaces: lo/,
    );
    expect(`${unknown.stdout}${v6.stdout}${foreign.stdout}`).toBe('');
  });
});
