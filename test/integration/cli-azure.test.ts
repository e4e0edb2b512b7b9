import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { runCliProcess } from '../support/cli.js';
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

// The headline case end to end: the VM's NSG allows RDP only from 203.0.113.0/24, the client
// leaves from 198.51.100.7, and the admin sent the az output as files. The VM's public IP is a test
// address (198.18.5.10) that a namespace of our own drops silently, as the NSG would.
const TEST_VIP = '198.18.5.10';
const CLIENT = '198.51.100.7';

const namespaces = canUseNamespaces(['nft']);
if (!namespaces.ok) console.warn(`Skipped the Azure snapshot CLI test: ${namespaces.why}.`);

describe.skipIf(!namespaces.ok)('rdp-probe --azure-snapshot', () => {
  let ns: TestNamespace;
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-cli-azure-'));
  const folder = join(dir, 'from-admin');
  beforeAll(() => {
    ns = createNamespace([`${TEST_VIP}/32`]);
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'tcp', 'dport', '3389', 'drop']);
    mkdirSync(folder);
    const save = (name: string, value: unknown) =>
      writeFileSync(join(folder, name), JSON.stringify(value, null, 2).replaceAll(VIP, TEST_VIP));
    save('vm.json', vmShowDetails());
    save('nic.json', nicExample());
    save('nsg.json', nsgExample(OFFICE_ONLY));
    save('subnet.json', { id: IDS.subnet, name: 'default', addressPrefix: '172.20.2.0/24' });
    save('pip.json', publicIpShow());
    save('flow.json', ipFlowVerify('Deny', 'defaultSecurityRules/DenyAllInBound'));
  });
  afterAll(() => {
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the rule that allows RDP only from other sources, and blames the NSG', async () => {
    const run = await runCliProcess(
      ['--json', '--timeout', '500ms', '--azure-snapshot', folder, '--source-ip', CLIENT, TEST_VIP],
      { namespace: ns.name },
    );
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const nsg = report.findings.find((f) => f.code === 'nsg.allowed-other-source');
    expect(nsg?.detail).toContain('Allow-RDP-Office');
    expect(nsg?.detail).toContain('203.0.113.0/24');
    expect(nsg?.detail).toContain(CLIENT);
    expect(report.findings[0]?.code).toBe('nsg.allowed-other-source');
    expect(report.verdict.likelySource).toBe(4);
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.evidence).toMatchObject({
      attempts: [{ outcome: 'filtered' }],
    });
    expect(report.azure?.vm?.computerName).toBeTruthy();
    expect(report.options.sourceIp).toBe(CLIENT);
  });

  it('says which file is bad and exits 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"id": "/subscriptions/x", ');
    const run = await runCliProcess(['--azure-snapshot', bad, TEST_VIP], { namespace: ns.name });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^rdp-probe: .*${bad.replaceAll('.', '\\.')}.*\\n$`));
  });

  it('refuses a source IP that is not an address', async () => {
    const run = await runCliProcess(['--source-ip', 'my-laptop', TEST_VIP], { namespace: ns.name });
    expect(run).toMatchObject({
      code: 2,
      stderr: 'rdp-probe: --source-ip: "my-laptop" is not an IP address; expected your public IP, e.g. 198.51.100.7.\n',
    });
  });
});
