import { resourceGroupOf, resourceName, sameResourceId, subscriptionOf } from '../../../core/azure/resource-id.js';
import type { RepairOutcome } from '../../../core/vm-checks/repair-confirmation.js';
import { readRunCommandResult } from '../../../core/vm-checks/vm-check-input.js';
import type { VmRepair, VmRepairId } from '../../../core/vm-checks/vm-check-schema.js';
import { plainJson } from './arm-call.js';
import { type ArmConnection, armClients } from './arm-clients.js';
import { CollectLog } from './collect-log.js';

/**
 * The user's confirmation of one repair on one VM, given after they were shown `whatChanges`. A repair runs
 * only with a confirmation naming it and the VM: repairs are never bundled or applied on the way.
 */
export interface RepairConfirmation {
  readonly repairId: VmRepairId;
  readonly vmId: string;
}

/** What applying a repair did (defined in core: the UI contract carries it). */
export type { RepairOutcome };

const POLL_MS = 3000;

/**
 * Applies one confirmed repair to the VM: its PowerShell lines through Run Command, or the VMAccess extension
 * for the Remote Desktop reset. This is the only call in RDP Probe that changes Azure or the VM.
 */
export async function applyRepair(request: {
  readonly connection: ArmConnection;
  readonly vmId: string;
  readonly location: string | null;
  readonly repair: VmRepair;
  readonly confirmation: RepairConfirmation;
  readonly signal: AbortSignal;
}): Promise<RepairOutcome> {
  const { repair, confirmation, vmId } = request;
  if (confirmation.repairId !== repair.id || !sameResourceId(confirmation.vmId, vmId)) {
    // A caller bug: a confirmation is for one repair on one VM.
    throw new Error(
      `repair ${repair.id} on ${vmId} was not the one confirmed (${confirmation.repairId} on ${confirmation.vmId})`,
    );
  }
  const clients = armClients(request.connection, subscriptionOf(vmId) ?? '');
  const group = resourceGroupOf(vmId) ?? '';
  const name = resourceName(vmId);
  const log = new CollectLog(request.signal);
  const poll = { updateIntervalInMs: request.connection.pollIntervalMs ?? POLL_MS };
  if (repair.script === null) {
    const location = request.location;
    if (location === null) {
      return {
        repairId: repair.id,
        applied: false,
        detail: `The repair did not run on ${name}: its region is not known.`,
        output: null,
      };
    }
    const done = await log.call(`VMAccess reset on ${name}`, (options) =>
      clients.compute.virtualMachineExtensions
        .createOrUpdate(
          group,
          name,
          'VMAccessAgent',
          {
            location,
            publisher: 'Microsoft.Compute',
            typePropertiesType: 'VMAccessAgent',
            typeHandlerVersion: '2.0',
            autoUpgradeMinorVersion: true,
            settings: {},
          },
          { ...options, ...poll },
        )
        .pollUntilDone({ abortSignal: options.abortSignal }),
    );
    if (done.kind === 'err') return failed(repair.id, name, done.failure);
    return {
      repairId: repair.id,
      applied: true,
      detail: `VMAccess reset the Remote Desktop configuration of ${name}.`,
      output: null,
    };
  }
  const ran = await log.call(`run repair ${repair.id} on ${name} (Run Command)`, (options) =>
    clients.compute.virtualMachines
      .runCommand(
        group,
        name,
        { commandId: 'RunPowerShellScript', script: [...(repair.script ?? [])] },
        { ...options, ...poll },
      )
      .pollUntilDone({ abortSignal: options.abortSignal }),
  );
  if (ran.kind === 'err') return failed(repair.id, name, ran.failure);
  const streams = readRunCommandResult(plainJson(ran.value), 'The repair result');
  const output = streams.kind === 'ok' ? streams.value : null;
  const stderr = output?.stderr.trim() ?? '';
  return {
    repairId: repair.id,
    applied: stderr === '',
    detail:
      stderr === ''
        ? `${repair.title}: done on ${name}.`
        : `${repair.title}: the script reported an error on ${name}: ${stderr.split(/\r?\n/)[0]}`,
    output,
  };
}

function failed(
  repairId: VmRepairId,
  name: string,
  failure: { status: number | null; code: string; message: string },
): RepairOutcome {
  const why =
    failure.status === 403
      ? `Azure refused (${failure.code}): changing the VM needs Virtual Machine Contributor or a role with runCommand/action and extensions/write.`
      : `${failure.code}${failure.status === null ? '' : ` (HTTP ${failure.status})`}: ${failure.message}`;
  return { repairId, applied: false, detail: `The repair did not run on ${name}. ${why}`, output: null };
}
