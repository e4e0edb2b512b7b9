import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import {
  type ArmEmulator,
  installVmWorld,
  NAMESPACE_BRIDGE_HOST,
  startArmEmulator,
  type VmWorld,
} from '../../support/arm-emulator/index.js';
import { writeStandInAz } from '../../support/azure-live.js';
import { runCliProcess } from '../../support/cli.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { bridgeToNamespace, type VethBridge } from '../../support/veth.js';

// Issue 8 end to end through the command: the VM sits behind a load balancer whose NAT rule maps 3389 to
// backend 3389, while inside the VM RDP listens on 3390. Run Command is the local ARM emulator answering with
// the check script's output for that VM (hand-written to the script's contract: there is no PowerShell here).
// Nothing runs on the VM without --vm-checks; a repair runs only when confirmed.

const VIP = '203.0.113.10';
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'vm-checks');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const namespaces = canUseNamespaces(['nft']);
if (!namespaces.ok) console.warn(`Skipped the VM checks CLI test: ${namespaces.why}.`);

describe.skipIf(!namespaces.ok)('rdp-probe --vm-checks', () => {
  let ns: TestNamespace;
  let bridge: VethBridge;
  let emulator: ArmEmulator;
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-vm-checks-'));
  const caFile = join(dir, 'arm-ca.pem');
  const env = { PATH: `${dir}:${process.env.PATH ?? ''}` };
  let counter = 0;

  beforeAll(async () => {
    ns = createNamespace([`${VIP}/32`]);
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'input', '{ type filter hook input priority 0 ; }']);
    ns.run('nft', ['add', 'rule', 'inet', 'rpt', 'input', 'ip', 'daddr', VIP, 'tcp', 'dport', '3389', 'drop']);
    bridge = bridgeToNamespace(ns, NAMESPACE_BRIDGE_HOST, '198.18.250.2');
    emulator = await startArmEmulator({ host: NAMESPACE_BRIDGE_HOST });
    writeFileSync(caFile, emulator.ca);
    writeStandInAz(dir);
  });
  afterAll(async () => {
    await emulator?.close();
    bridge?.remove();
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A VM behind a load balancer (NAT 3389 → 3389) in a subscription of its own, whose RDP listens on 3390. */
  function portChangedVm(options: { vmAgentStatus?: 'Ready' | 'Not Ready' } = {}): {
    world: VmWorld;
    scripts: string[][];
  } {
    counter += 1;
    const world = installVmWorld(emulator, {
      subscriptionId: `00000000-0000-0000-0000-0000000001${String(counter).padStart(2, '0')}`,
      publicIp: null,
      loadBalancer: { frontendIp: VIP, natRules: [{ name: 'rdp-vm1', frontendPort: 3389, backendPort: 3389 }] },
      ...options,
    });
    const scripts: string[][] = [];
    let repaired = false;
    emulator.onAction(world.vmId, 'runCommand', (body) => {
      const script = (body as { script?: string[] }).script ?? [];
      scripts.push(script);
      if (script.some((line) => line.includes('-Name PortNumber'))) {
        repaired = true;
        return {
          status: 'lro',
          body: {
            value: [
              { code: 'ComponentStatus/StdOut/succeeded', message: '' },
              { code: 'ComponentStatus/StdErr/succeeded', message: '' },
            ],
          },
        };
      }
      const output = repaired ? fixture('healthy.txt') : fixture('port-3390.txt');
      return {
        status: 'lro',
        body: {
          value: [
            { code: 'ComponentStatus/StdOut/succeeded', message: output },
            { code: 'ComponentStatus/StdErr/succeeded', message: '' },
          ],
        },
      };
    });
    return { world, scripts };
  }

  const live = (world: VmWorld) => ['--azure-vm', world.vmId, '--arm-endpoint', emulator.endpoint, '--arm-ca', caFile];
  let before = 0;
  beforeEach(() => {
    before = emulator.requests.length;
  });
  const runCommandCalls = () =>
    emulator.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/runCommand'));

  it('names vm.port-changed with both ports and offers the repair; the script that ran is the one shipped', async () => {
    const { world, scripts } = portChangedVm();
    const run = await runCliProcess(['--json', '--timeout', '500ms', ...live(world), '--vm-checks', VIP], {
      namespace: ns.name,
      env,
      timeoutMs: 90_000,
    });
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const first = report.findings[0];
    expect(first?.code).toBe('vm.port-changed');
    expect(first?.detail).toContain('3390');
    expect(first?.detail).toContain('3389');
    expect(first?.repairs?.map((r) => r.id)).toContain('vm.repair.set-port');
    expect(report.vmChecks).toMatchObject({ source: 'run-command', problem: null, output: { rdp: { port: 3390 } } });
    expect(report.checks.find((c) => c.id === 'vm.checks')).toMatchObject({ status: 'pass' });
    expect(scripts).toHaveLength(1);
    const shipped = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'assets', 'vm-checks', 'check-rdp.ps1'),
      'utf8',
    );
    expect(scripts[0]?.join('\n')).toBe(shipped.replace(/\r\n/g, '\n').replace(/\n$/, ''));
    expect(run.stderr).toContain('With --vm-checks, the read-only script check-rdp.ps1');
  });

  it('runs nothing on the VM without --vm-checks', async () => {
    const { world } = portChangedVm();
    const run = await runCliProcess(['--json', '--timeout', '500ms', ...live(world), VIP], {
      namespace: ns.name,
      env,
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.vmChecks).toBeUndefined();
    expect(report.findings.map((f) => f.code)).not.toContain('vm.port-changed');
    expect(runCommandCalls()).toEqual([]);
  });

  it('does not wait for Run Command when the VM agent is not ready, and says why', async () => {
    const { world } = portChangedVm({ vmAgentStatus: 'Not Ready' });
    const run = await runCliProcess(['--json', '--timeout', '500ms', ...live(world), '--vm-checks', VIP], {
      namespace: ns.name,
      env,
      timeoutMs: 60_000,
    });
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(runCommandCalls()).toEqual([]);
    expect(report.vmChecks?.problem).toMatch(/VM agent reports "Not Ready": Run Command needs a ready agent/);
    expect(report.findings.map((f) => f.code)).toContain('vm.checks-unavailable');
  });

  it('applies the confirmed repair, then shows the checks before and after', async () => {
    const { world, scripts } = portChangedVm();
    const run = await runCliProcess(
      ['--timeout', '500ms', ...live(world), '--vm-checks', '--repair', 'set-port', '--yes', VIP],
      { namespace: ns.name, env, timeoutMs: 120_000 },
    );
    expect(run.stderr).toContain('Repair vm.repair.set-port: Make RDP listen on port 3389');
    expect(run.stderr).toMatch(/Sets PortNumber .* from 3390 to 3389/);
    expect(run.stderr).toMatch(/VM checks before: .*vm\.port-changed/);
    expect(run.stderr).toContain('VM checks after:  no VM problem');
    expect(run.stdout).toContain('After the repair:');
    // Check, repair, check again: three Run Command calls, the repair's script exactly as proposed.
    expect(scripts).toHaveLength(3);
    expect(scripts[1]).toEqual([
      'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" -Name PortNumber -Type DWord -Value 3389',
      'Restart-Service -Name TermService -Force',
    ]);
  });

  it('changes nothing when the repair is not confirmed and no terminal can ask', async () => {
    const { world, scripts } = portChangedVm();
    const run = await runCliProcess(
      ['--timeout', '500ms', ...live(world), '--vm-checks', '--repair', 'set-port', VIP],
      {
        namespace: ns.name,
        env,
        timeoutMs: 90_000,
      },
    );
    expect(run.stderr).toContain('not applied: confirm with --yes after reading what it changes');
    expect(scripts).toHaveLength(1);
    expect(run.code).toBe(1);
  });

  it('imports output an admin ran by hand, and refuses a file that is not that output', async () => {
    const { world } = portChangedVm();
    const saved = join(dir, 'from-admin.txt');
    writeFileSync(saved, fixture('port-3390.txt'));
    const run = await runCliProcess(
      ['--json', '--timeout', '500ms', ...live(world), '--vm-checks-output', saved, VIP],
      { namespace: ns.name, env, timeoutMs: 60_000 },
    );
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.vmChecks?.source).toBe('imported');
    expect(report.findings[0]?.code).toBe('vm.port-changed');
    expect(runCommandCalls()).toEqual([]);
    const bad = await runCliProcess(['--vm-checks-output', caFile, VIP], { namespace: ns.name });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rdp-probe: .*arm-ca\.pem/);
  });
});
