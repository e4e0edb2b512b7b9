import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetRdpConfigRepair, setPortRepair } from '../../../src/core/vm-checks/vm-repairs.js';
import { applyRepair } from '../../../src/node/azure/live/apply-repair.js';
import type { ArmConnection } from '../../../src/node/azure/live/arm-clients.js';
import { type ArmEmulator, installVmWorld, startArmEmulator } from '../../support/arm-emulator/index.js';
import { emulatorConnection } from '../../support/azure-live.js';

// The only calls RDP Probe makes that change anything, against the ARM emulator: a repair's script through
// Run Command, and the VMAccess extension for the Remote Desktop reset; each only with its confirmation.

let emulator: ArmEmulator;
beforeAll(async () => {
  emulator = await startArmEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function connection(): ArmConnection {
  return emulatorConnection(emulator);
}

const target = { resourceGroup: 'rg-probe', vmName: 'vm1' };

describe('applyRepair against the ARM emulator', () => {
  it('resets the Remote Desktop configuration with the VMAccess extension', async () => {
    const world = installVmWorld(emulator, { subscriptionId: '00000000-0000-0000-0000-0000000002a1' });
    const repair = resetRdpConfigRepair(target);
    const outcome = await applyRepair({
      connection: connection(),
      vmId: world.vmId,
      location: 'westeurope',
      repair,
      confirmation: { repairId: repair.id, vmId: world.vmId },
      signal: AbortSignal.timeout(10_000),
    });
    expect(outcome).toMatchObject({ applied: true, detail: 'VMAccess reset the Remote Desktop configuration of vm1.' });
    const put = emulator.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`${world.vmId}/extensions/VMAccessAgent`);
    expect(put?.body).toMatchObject({
      location: 'westeurope',
      properties: { publisher: 'Microsoft.Compute', type: 'VMAccessAgent', typeHandlerVersion: '2.0', settings: {} },
    });
  });

  it("runs a scripted repair's lines exactly, and reports a refusal instead of throwing", async () => {
    const world = installVmWorld(emulator, { subscriptionId: '00000000-0000-0000-0000-0000000002a2' });
    const repair = setPortRepair(3389, 3390, target);
    const scripts: unknown[] = [];
    emulator.onAction(world.vmId, 'runCommand', (body) => {
      scripts.push((body as { script?: unknown }).script);
      return { status: 'lro', body: { value: [{ code: 'ComponentStatus/StdOut/succeeded', message: '' }] } };
    });
    const request = {
      connection: connection(),
      vmId: world.vmId,
      location: 'westeurope',
      repair,
      confirmation: { repairId: repair.id, vmId: world.vmId },
      signal: AbortSignal.timeout(10_000),
    };
    expect(await applyRepair(request)).toMatchObject({ applied: true });
    expect(scripts).toEqual([repair.script]);

    emulator.forbid(`${world.vmId}/runCommand`, 'Microsoft.Compute/virtualMachines/runCommand/action');
    const refused = await applyRepair(request);
    expect(refused.applied).toBe(false);
    expect(refused.detail).toMatch(/did not run on vm1\. Azure refused \(AuthorizationFailed\)/);
    expect(scripts).toHaveLength(1);
  });

  it('refuses to run a repair the confirmation does not name', async () => {
    const world = installVmWorld(emulator, { subscriptionId: '00000000-0000-0000-0000-0000000002a3' });
    const before = emulator.requests.length;
    await expect(
      applyRepair({
        connection: connection(),
        vmId: world.vmId,
        location: 'westeurope',
        repair: setPortRepair(3389, 3390, target),
        confirmation: { repairId: 'vm.repair.start-service', vmId: world.vmId },
        signal: AbortSignal.timeout(10_000),
      }),
    ).rejects.toThrow(/was not the one confirmed/);
    expect(emulator.requests.length).toBe(before);
  });
});
