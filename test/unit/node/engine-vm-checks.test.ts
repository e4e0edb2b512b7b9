import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AzureRequest, EventChannels, ProbeStartRequest } from '../../../src/api.js';
import { type Report, ReportSchema } from '../../../src/core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../../../src/core/result.js';
import type { ArmConnection } from '../../../src/node/azure/live/arm-clients.js';
import { AZURE_CLOUDS, withArmEndpoint } from '../../../src/node/azure/live/cloud.js';
import type { FileDialogs } from '../../../src/node/bundle/bundle-actions.js';
import { createEngineApi, type EngineApi } from '../../../src/node/engine-api.js';
import { readCheckScript } from '../../../src/node/vm-checks/check-script.js';
import { type ArmEmulator, installVmWorld, startArmEmulator, type VmWorld } from '../../support/arm-emulator/index.js';
import { probeRequest } from '../../support/probe-request.js';
import { StaticTokenCredential } from '../../support/static-credential.js';

// The desktop app's VM checks and repairs through the engine API. Consent is the SHA-256 of the script the
// UI showed: refused without Azure or for another hash, before any sign-in. Against the ARM emulator: no Run
// Command without consent; with it, a VM behind a load balancer (NAT 3389 → backend 3389) whose RDP listens
// on 3390 is vm.port-changed with the set-port repair, which `vm:repair` applies only for the VM's name typed
// in full, then runs the checks again. The probes dial 127.0.0.1:3389 (loopback): the world's frontend
// address 203.0.113.10 is only data in the emulator and is never dialled.

const SUB = '00000000-0000-0000-0000-0000000000bb';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-probe/providers/Microsoft.Compute/virtualMachines/vm1`;
const TARGET = '127.0.0.1:3389';
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'vm-checks');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const UNKNOWN_RUN = 'run-00000000-0000-4000-8000-000000000000';
const SET_PORT_SCRIPT = [
  'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" -Name PortNumber -Type DWord -Value 3389',
  'Restart-Service -Name TermService -Force',
];

const byId = (vmId = VM_ID): AzureRequest => ({
  vmId,
  signIn: 'cli',
  tenantId: null,
  clientId: null,
  cloud: 'public',
});

describe('the engine API refusing VM-check and repair requests', () => {
  let api: EngineApi | undefined;
  afterEach(() => api?.dispose());

  /** An engine that records sign-ins and refuses them: nothing reaches a cloud. */
  function recordingEngine(dialogs?: FileDialogs) {
    const signIns: unknown[] = [];
    const engine = createEngineApi(dialogs, {
      azureConnection: async (choice): Promise<Result<ArmConnection, InputError>> => {
        signIns.push(choice);
        return err(inputError('azure', 'refused by the test'));
      },
    });
    api = engine;
    return { engine, signIns };
  }

  it('hands out the shipped script and its SHA-256', async () => {
    const { engine } = recordingEngine();
    const script = await readCheckScript();
    expect(await engine.invoke('vm:check-script', {})).toEqual({
      kind: 'script',
      text: script.text,
      sha256: script.sha256,
    });
    expect(script.text).toContain('check-rdp.ps1');
    expect(await engine.invoke('vm:check-script', { path: '/etc/passwd' } as never)).toMatchObject({
      kind: 'invalid',
    });
  });

  it('refuses consent for a script other than the shipped one, naming vmChecks, before signing in', async () => {
    const { engine, signIns } = recordingEngine();
    const answer = await engine.invoke(
      'probe:start',
      probeRequest(TARGET, { azure: byId(), vmChecks: { consentSha256: 'a'.repeat(64) } }),
    );
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'vmChecks' } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(/not the one you agreed to run/);
    expect(signIns).toEqual([]);
  });

  it('refuses consent without Azure, naming vmChecks', async () => {
    const { engine, signIns } = recordingEngine();
    const { sha256 } = await readCheckScript();
    const answer = await engine.invoke('probe:start', probeRequest(TARGET, { vmChecks: { consentSha256: sha256 } }));
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'vmChecks' } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(/name the VM in the Azure section/);
    expect(signIns).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['not hex', { consentSha256: 'z'.repeat(64) }],
    ['too short', { consentSha256: 'ab' }],
    ['with the script itself', { consentSha256: 'a'.repeat(64), script: ['Remove-Item C:\\ -Recurse'] }],
  ])('refuses a consent hash %s as malformed', async (_name, vmChecks) => {
    const { engine, signIns } = recordingEngine();
    const answer = await engine.invoke('probe:start', {
      ...probeRequest(TARGET, { azure: byId() }),
      vmChecks,
    } as ProbeStartRequest);
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'probe:start' } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(/malformed request at vmChecks/);
    expect(signIns).toEqual([]);
  });

  it('refuses a repair or an import for a run it does not keep', async () => {
    const { engine } = recordingEngine();
    expect(
      await engine.invoke('vm:repair', { runId: UNKNOWN_RUN, repairId: 'vm.repair.set-port', confirmVmName: 'vm1' }),
    ).toMatchObject({ kind: 'invalid', error: { input: 'runId' } });
    expect(await engine.invoke('vm:import-output', { runId: UNKNOWN_RUN })).toMatchObject({
      kind: 'invalid',
      error: { input: 'runId' },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['a repair that does not exist', { repairId: 'vm.repair.format-disk' }, /malformed request at repairId/],
    ['a script instead of a repair', { script: ['Stop-Computer'] }, /malformed request at top level/],
    ['a malformed run id', { runId: 'run-1' }, /malformed request at runId/],
  ])('refuses %s as malformed', async (_name, overrides, message) => {
    const { engine } = recordingEngine();
    const answer = await engine.invoke('vm:repair', {
      runId: UNKNOWN_RUN,
      repairId: 'vm.repair.set-port',
      confirmVmName: 'vm1',
      ...(overrides as object),
    });
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'vm:repair' } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(message);
  });
});

describe('the engine API running VM checks and repairs on the ARM emulator', () => {
  let emulator: ArmEmulator;
  let api: EngineApi | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-engine-vm-'));
  let counter = 0;
  const opens: (string | null)[] = [];
  const dialogs: FileDialogs = {
    chooseSavePath: async () => null,
    chooseOpenPaths: async () => null,
    chooseVmCheckOutput: async () => opens.shift() ?? null,
  };

  beforeAll(async () => {
    emulator = await startArmEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => api?.dispose());

  function engine(): EngineApi {
    const made = createEngineApi(dialogs, {
      azureConnection: async () =>
        ok({
          cloud: withArmEndpoint(AZURE_CLOUDS.public, emulator.endpoint),
          signedIn: { credential: new StaticTokenCredential(), label: 'test credential' },
          ca: emulator.ca,
          pollIntervalMs: 5,
        }),
    });
    api = made;
    return made;
  }

  /** A VM behind a load balancer (NAT 3389 → 3389), in a subscription of its own, whose RDP listens on 3390. */
  function portChangedVm(): { world: VmWorld; scripts: string[][] } {
    counter += 1;
    const world = installVmWorld(emulator, {
      subscriptionId: `00000000-0000-0000-0000-0000000002${String(counter).padStart(2, '0')}`,
      publicIp: null,
      loadBalancer: { frontendIp: '203.0.113.10', natRules: [{ name: 'rdp', frontendPort: 3389, backendPort: 3389 }] },
    });
    const scripts: string[][] = [];
    let repaired = false;
    emulator.onAction(world.vmId, 'runCommand', (body) => {
      const script = (body as { script?: string[] }).script ?? [];
      scripts.push(script);
      const isRepair = script.some((line) => line.includes('-Name PortNumber'));
      if (isRepair) repaired = true;
      const message = isRepair ? '' : repaired ? fixture('healthy.txt') : fixture('port-3390.txt');
      return { status: 'lro', body: { value: [{ code: 'ComponentStatus/StdOut/succeeded', message }] } };
    });
    return { world, scripts };
  }

  async function probe(
    made: EngineApi,
    world: VmWorld,
    overrides: Partial<ProbeStartRequest> = {},
  ): Promise<{ runId: string; report: Report }> {
    const finished = new Promise<EventChannels['probe:finished']>((resolve) => {
      made.on('probe:finished', resolve);
    });
    const started = await made.invoke(
      'probe:start',
      probeRequest(TARGET, { azure: byId(world.vmId), sourceIp: '198.51.100.7', ...overrides }),
    );
    if (started.kind !== 'started') throw new Error(started.error.message);
    const { runId, report } = await finished;
    expect(runId).toBe(started.runId);
    return { runId, report: ReportSchema.parse(report) };
  }

  const codes = (report: Report) => report.findings.map((f) => f.code);

  it('runs nothing on the VM without consent', async () => {
    const { world, scripts } = portChangedVm();
    const made = engine();
    const { runId, report } = await probe(made, world);
    expect(scripts).toEqual([]);
    expect(report.vmChecks).toBeUndefined();
    expect(report.plan.map((p) => p.id)).not.toContain('vm.checks');
    expect(codes(report)).not.toContain('vm.port-changed');
    // Nor does a repair run without the finding proposing it.
    const answer = await made.invoke('vm:repair', { runId, repairId: 'vm.repair.set-port', confirmVmName: 'vm1' });
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'repairId' } });
    expect(scripts).toEqual([]);
  });

  it('with consent: vm.port-changed with both ports; a repair needs the VM name typed, then checks again', async () => {
    const { world, scripts } = portChangedVm();
    const made = engine();
    const script = await readCheckScript();
    const { runId, report } = await probe(made, world, { vmChecks: { consentSha256: script.sha256.toUpperCase() } });

    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toEqual([...script.lines]);
    expect(report.vmChecks).toMatchObject({ source: 'run-command', problem: null, output: { rdp: { port: 3390 } } });
    const changed = report.findings.find((f) => f.code === 'vm.port-changed');
    expect(changed?.detail).toContain('3390');
    expect(changed?.detail).toContain('3389');
    expect(changed?.repairs?.map((r) => r.id)).toEqual(['vm.repair.set-port']);
    expect(changed?.repairs?.[0]?.script).toEqual(SET_PORT_SCRIPT);

    // Refused, with nothing run: a name that is not the VM's, a repair no finding proposes.
    for (const confirmVmName of ['', 'vm', 'VM1', 'vm1-other']) {
      const refused = await made.invoke('vm:repair', { runId, repairId: 'vm.repair.set-port', confirmVmName });
      expect(refused).toMatchObject({ kind: 'invalid', error: { input: 'confirmVmName' } });
    }
    const unproposed = await made.invoke('vm:repair', {
      runId,
      repairId: 'vm.repair.start-service',
      confirmVmName: 'vm1',
    });
    expect(unproposed).toMatchObject({ kind: 'invalid', error: { input: 'repairId' } });
    expect(scripts).toHaveLength(1);

    const answer = await made.invoke('vm:repair', { runId, repairId: 'vm.repair.set-port', confirmVmName: ' vm1 ' });
    if (answer.kind !== 'outcome') throw new Error(answer.error.message);
    expect(answer.outcome).toMatchObject({ repairId: 'vm.repair.set-port', applied: true });
    expect(scripts).toHaveLength(3);
    expect(scripts[1]).toEqual(SET_PORT_SCRIPT);
    expect(scripts[2]).toEqual([...script.lines]);
    expect(answer.before).toContain('vm.port-changed');
    expect(answer.after).not.toBeNull();
    expect(answer.after).not.toContain('vm.port-changed');
    const after = ReportSchema.parse(answer.report);
    expect(after.vmChecks?.output?.rdp?.port).toBe(3389);
    expect(codes(after)).not.toContain('vm.port-changed');
    // The run's kept report is the new one: the repair is no longer proposed.
    const again = await made.invoke('vm:repair', { runId, repairId: 'vm.repair.set-port', confirmVmName: 'vm1' });
    expect(again).toMatchObject({ kind: 'invalid', error: { input: 'repairId' } });
    expect(scripts).toHaveLength(3);
    // No token or header crossed: the answer is plain data.
    expect(JSON.stringify(answer)).not.toMatch(/rdp-probe-test-token|Bearer|authorization/i);
  });

  it("imports an admin's saved output into the run, and refuses a file that is not that output", async () => {
    const { world, scripts } = portChangedVm();
    const made = engine();
    const { runId } = await probe(made, world);
    const good = join(dir, 'from-admin.txt');
    writeFileSync(good, fixture('port-3390.txt'));
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'Hello, here is the output you asked for.\n');

    opens.push(null);
    expect(await made.invoke('vm:import-output', { runId })).toEqual({ kind: 'cancelled' });
    opens.push(bad);
    const refused = await made.invoke('vm:import-output', { runId });
    expect(refused).toMatchObject({ kind: 'invalid', error: { input: 'notes.txt' } });
    opens.push(good);
    const imported = await made.invoke('vm:import-output', { runId });
    if (imported.kind !== 'imported') throw new Error(`not imported: ${JSON.stringify(imported)}`);
    expect(imported.name).toBe('from-admin.txt');
    expect(imported.report.vmChecks?.source).toBe('imported');
    expect(codes(imported.report)).toContain('vm.port-changed');
    expect(scripts).toEqual([]);

    // A repair without consent to run the checks: applied, but the checks are not run again.
    const answer = await made.invoke('vm:repair', { runId, repairId: 'vm.repair.set-port', confirmVmName: 'vm1' });
    if (answer.kind !== 'outcome') throw new Error(answer.error.message);
    expect(answer.outcome.applied).toBe(true);
    expect(answer.after).toBeNull();
    expect(scripts).toEqual([SET_PORT_SCRIPT]);
  });
});
