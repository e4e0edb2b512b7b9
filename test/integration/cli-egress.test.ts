import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { runCliProcess } from '../support/cli.js';
import { startDnsmasq } from '../support/dnsmasq.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../support/netns.js';
import {
  IDS,
  ipFlowVerify,
  nicExample,
  nsgExample,
  OFFICE_ONLY,
  publicIpShow,
  VIP,
  vmShowDetails,
} from '../unit/core/azure/azure-fixtures.js';

// The headline case without --source-ip: the NSG allows RDP only from 203.0.113.0/24; the client's
// address is not given but found by egress.ip, whose resolver (dnsmasq in the test's namespace, set with
// --egress-resolver) answers 198.51.100.7 as OpenDNS and Google would. The VM's public IP is a
// documentation address the namespace drops silently on 3389, as the NSG would.
const TEST_VIP = '198.51.100.80';
const RESOLVER = '198.18.0.53';
const CLIENT = '198.51.100.7';

const namespaces = canUseNamespaces(['nft', 'dnsmasq']);
if (!namespaces.ok) console.warn(`Skipped the egress CLI test: ${namespaces.why}.`);

describe.skipIf(!namespaces.ok)('rdp-probe --azure-snapshot without --source-ip', () => {
  let ns: TestNamespace;
  let dnsmasq: ChildProcess;
  let log = '';
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-cli-egress-'));
  const folder = join(dir, 'from-admin');
  const egressArgs = ['--egress-resolver', `opendns@${RESOLVER}`, '--egress-resolver', `google@${RESOLVER}`];
  beforeAll(async () => {
    ns = createNamespace([`${TEST_VIP}/32`, `${RESOLVER}/32`]);
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'tcp', 'dport', '3389', 'drop']);
    dnsmasq = await startDnsmasq(ns, RESOLVER, 'opendns.com', [
      `--address=/myip.opendns.com/${CLIENT}`,
      `--txt-record=o-o.myaddr.l.google.com,${CLIENT}`,
      '--log-queries',
      '--log-facility=-',
    ]);
    dnsmasq.stderr?.on('data', (chunk: Buffer | string) => {
      log += chunk.toString();
    });
    mkdirSync(folder);
    const save = (name: string, value: unknown) =>
      writeFileSync(join(folder, name), JSON.stringify(value, null, 2).replaceAll(VIP, TEST_VIP));
    save('vm.json', vmShowDetails());
    save('nic.json', nicExample());
    save('nsg.json', nsgExample(OFFICE_ONLY));
    save('subnet.json', { id: IDS.subnet, name: 'default', addressPrefix: '172.20.2.0/24' });
    save('pip.json', publicIpShow());
    save('flow.json', ipFlowVerify('Deny', 'defaultSecurityRules/DenyAllInBound'));
  }, 30_000);
  afterAll(() => {
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates the NSG for the address egress.ip found and names the rule that allows others', async () => {
    const run = await runCliProcess(
      ['--json', '--timeout', '500ms', '--azure-snapshot', folder, ...egressArgs, TEST_VIP],
      { namespace: ns.name },
    );
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const egress = report.checks.find((c) => c.id === 'egress.ip');
    expect(egress?.status).toBe('pass');
    expect(egress?.evidence).toMatchObject({ mode: 'public', address: CLIENT, addressFrom: 'dns' });
    const nsg = report.findings.find((f) => f.code === 'nsg.allowed-other-source');
    expect(nsg?.detail).toContain('Allow-RDP-Office');
    expect(nsg?.detail).toContain('203.0.113.0/24');
    expect(nsg?.detail).toContain(CLIENT);
    expect(report.verdict.likelySource).toBe(4);
    expect(report.options).toMatchObject({ sourceIp: CLIENT, sourceIpFrom: 'dns' });
    expect(log).toMatch(/query\[A\] myip\.opendns\.com/);
    expect(log).toMatch(/query\[TXT\] o-o\.myaddr\.l\.google\.com/);
  });

  it('asks no resolver with --no-external and evaluates no client address', async () => {
    const before = log.length;
    const run = await runCliProcess(
      ['--json', '--timeout', '500ms', '--no-external', '--azure-snapshot', folder, ...egressArgs, TEST_VIP],
      { namespace: ns.name },
    );
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const egress = report.checks.find((c) => c.id === 'egress.ip');
    expect(egress?.status).toBe('skipped');
    expect(egress?.summary).toContain('--no-external');
    expect(report.options.sourceIp).toBeNull();
    expect(report.options.sourceIpFrom).toBeUndefined();
    expect(report.findings.find((f) => f.code === 'nsg.allowed-other-source')?.detail ?? '').not.toContain(CLIENT);
    await new Promise((r) => setTimeout(r, 200));
    expect(log.slice(before)).not.toMatch(/query\[/);
  });

  it('prefers --source-ip over what egress.ip would find, and says so', async () => {
    const run = await runCliProcess(
      [
        '--json',
        '--timeout',
        '500ms',
        '--source-ip',
        '198.51.100.99',
        '--azure-snapshot',
        folder,
        ...egressArgs,
        TEST_VIP,
      ],
      { namespace: ns.name },
    );
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.options).toMatchObject({ sourceIp: '198.51.100.99', sourceIpFrom: 'option' });
    expect(report.checks.find((c) => c.id === 'egress.ip')).toMatchObject({
      status: 'info',
      evidence: { mode: 'option', address: '198.51.100.99' },
    });
  });
});
