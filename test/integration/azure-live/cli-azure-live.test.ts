import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import {
  type ArmEmulator,
  installVmWorld,
  NAMESPACE_BRIDGE_HOST,
  startArmEmulator,
  type VmWorld,
} from '../../support/arm-emulator/index.js';
import { officeOnlyRdpRule, writeStandInAz } from '../../support/azure-live.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { bridgeToNamespace, type VethBridge } from '../../support/veth.js';

// The headline case through the command as users run it, reading Azure live: the CLI runs in a
// namespace of its own where the VM's public IP drops RDP (as an NSG does); Resource Manager is the local
// emulator, reached over a veth bridge; the credential is the real AzureCliCredential, running a stand-in
// `az` that prints a fake token and records what it was asked.

const VIP = '203.0.113.10';
const CLIENT = '198.51.100.7';
const OFFICE_ONLY = officeOnlyRdpRule();

const namespaces = canUseNamespaces(['nft']);
if (!namespaces.ok) console.warn(`Skipped the live Azure CLI test: ${namespaces.why}.`);

describe.skipIf(!namespaces.ok)('rdp-probe reading Azure live', () => {
  let ns: TestNamespace;
  let bridge: VethBridge;
  let emulator: ArmEmulator;
  let world: VmWorld;
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-azure-live-'));
  const caFile = join(dir, 'arm-ca.pem');
  const azLog = join(dir, 'az-args.txt');
  const env = { PATH: `${dir}:${process.env.PATH ?? ''}` };

  beforeAll(async () => {
    ns = createNamespace([`${VIP}/32`]);
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'daddr', VIP, 'tcp', 'dport', '3389', 'drop']);
    bridge = bridgeToNamespace(ns, NAMESPACE_BRIDGE_HOST, '198.18.250.2');
    emulator = await startArmEmulator({ host: NAMESPACE_BRIDGE_HOST });
    world = installVmWorld(emulator, { nicNsgRules: [OFFICE_ONLY] });
    writeFileSync(caFile, emulator.ca);
    // AzureCliCredential runs `az account get-access-token --output json --resource <audience>`.
    writeStandInAz(dir, azLog);
  });
  afterAll(async () => {
    await emulator?.close();
    bridge?.remove();
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const live = () => ['--arm-endpoint', emulator.endpoint, '--arm-ca', caFile];

  it('names the rule that allows RDP only from other sources, agreeing with IP flow verify', async () => {
    const run = await runCliProcess(
      ['--json', '--timeout', '500ms', '--azure-vm', world.vmId, ...live(), '--source-ip', CLIENT, VIP],
      { namespace: ns.name, env, timeoutMs: 60_000 },
    );
    expect(run.stderr).not.toMatch(/rdp-probe: /);
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.findings[0]?.code).toBe('nsg.allowed-other-source');
    expect(report.findings[0]?.detail).toContain('Allow-RDP-Office');
    expect(report.findings.map((f) => f.code)).not.toContain('nsg.flow-verify-disagrees');
    expect(report.verdict.likelySource).toBe(4);
    expect(report.azure?.origin.kind).toBe('arm');
    expect(report.azure?.ipFlowVerify[0]?.result).toMatchObject({
      access: 'Deny',
      ruleName: 'defaultSecurityRules/DenyAllInBound',
    });
    expect(report.azure?.collection).toMatchObject({
      credential: 'Azure CLI account (az login)',
      failure: null,
      locatedBy: 'resource ID',
    });
    expect(report.checks.find((c) => c.id === 'azure.collect')).toMatchObject({ status: 'pass' });
    // The token never reaches the report.
    expect(run.stdout).not.toContain('fake-cli-token');
    expect(readFileSync(azLog, 'utf8')).toContain(
      'account get-access-token --output json --resource https://management.azure.com',
    );
  });

  it('finds the VM by the address dialled when only the subscription is given, and prints progress', async () => {
    const run = await runCliProcess(
      ['--timeout', '500ms', '--subscription', world.subscriptionId, ...live(), '--source-ip', CLIENT, VIP],
      { namespace: ns.name, env, timeoutMs: 60_000 },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Read the VM, its network and NSGs from Azure');
    expect(run.stdout).toContain('nsg.allowed-other-source');
    expect(run.stdout).toMatch(/public IP .*203\.0\.113\.10.* → NIC vm1-nic/);
  });

  it('explains a failed sign-in and still diagnoses from the local checks', async () => {
    const run = await runCliProcess(['--json', '--timeout', '500ms', '--azure-vm', world.vmId, ...live(), VIP], {
      namespace: ns.name,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const notRead = report.findings.find((f) => f.code === 'azure.not-read');
    expect(notRead?.detail).toMatch(/^Signing in to Azure failed: .*Azure CLI/);
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.status).not.toBe('pass');
  });

  it('refuses a CA file that is not PEM, naming it, with exit code 2', async () => {
    const run = await runCliProcess(
      ['--azure-vm', world.vmId, '--arm-endpoint', emulator.endpoint, '--arm-ca', join(dir, 'az'), VIP],
      {
        namespace: ns.name,
      },
    );
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(
      /^rdp-probe: .*\/az holds no PEM certificate; expected -----BEGIN CERTIFICATE----- blocks\.\n$/,
    );
  });
});
