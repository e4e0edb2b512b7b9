import { resourceGroupOf, resourceName, subscriptionOf } from '../../../core/azure/resource-id.js';
import type { AzureSnapshot } from '../../../core/azure/snapshot-schema.js';
import { unavailableVmChecks, vmChecksFromRunCommand } from '../../../core/vm-checks/vm-check-input.js';
import type { VmChecks } from '../../../core/vm-checks/vm-check-schema.js';
import type { CheckScript } from '../../vm-checks/check-script.js';
import { plainJson } from './arm-call.js';
import { type ArmConnection, armClients } from './arm-clients.js';
import { CollectLog } from './collect-log.js';

export { DEFAULT_VM_CHECKS_TIMEOUT_MS } from '../../checks/vm-checks-check.js';

/**
 * The user's consent to run the check script on the VM: the SHA-256 of the script they were shown. The script
 * runs only when it is the one shown, so consent cannot be given once and used for something else.
 */
export interface VmChecksConsent {
  readonly scriptSha256: string;
}

/** What running the VM checks needs: where, the VM (as collected), the script, and the user's consent. */
export interface RunVmChecksRequest {
  readonly connection: ArmConnection;
  readonly snapshot: AzureSnapshot;
  readonly script: CheckScript;
  readonly consent: VmChecksConsent;
  readonly signal: AbortSignal;
  readonly now?: () => Date;
}

/** Run Command results arrive in tens of seconds: polling more often only adds calls. */
const POLL_MS = 3000;

/**
 * Runs check-rdp.ps1 on the VM with Run Command (`RunPowerShellScript`) and reads its JSON. Never throws for
 * Azure's answers: no consent for this script, a VM that is not running, an agent that is not ready (Run
 * Command needs it), refused rights or a timeout each become VM checks with `problem` set, without waiting.
 */
export async function runVmChecks(request: RunVmChecksRequest): Promise<{ checks: VmChecks; log: CollectLog }> {
  const now = () => (request.now?.() ?? new Date()).toISOString();
  const log = new CollectLog(request.signal);
  const unavailable = (problem: string) => ({ checks: unavailableVmChecks('run-command', now(), problem), log });
  if (request.consent.scriptSha256 !== request.script.sha256) {
    // A bug in the caller, not the user's doing: consent must name the script that runs.
    throw new Error('VM checks consent was given for another script than the one about to run');
  }
  const vm = request.snapshot.vm;
  if (vm === null || vm.id === null)
    return unavailable('the VM was not read from Azure, so there is nothing to run the checks on.');
  const name = vm.name ?? resourceName(vm.id);
  if (vm.powerState !== null && vm.powerState.code !== 'running') {
    return unavailable(`${name} is ${vm.powerState.display.toLowerCase()}: Run Command needs a running VM.`);
  }
  if (vm.vmAgent !== null && vm.vmAgent.status.toLowerCase() !== 'ready') {
    return unavailable(
      `${name}'s VM agent reports "${vm.vmAgent.status}": Run Command needs a ready agent, so the checks were not started. Copy the script and ask an admin to run it on the VM, or look at the boot diagnostics screenshot.`,
    );
  }
  const subscriptionId = subscriptionOf(vm.id) ?? '';
  const clients = armClients(request.connection, subscriptionId);
  const called = await log.call(`run check-rdp.ps1 on ${name} (Run Command)`, (options) =>
    clients.compute.virtualMachines
      .runCommand(
        resourceGroupOf(vm.id ?? '') ?? '',
        name,
        { commandId: 'RunPowerShellScript', script: [...request.script.lines] },
        { ...options, updateIntervalInMs: request.connection.pollIntervalMs ?? POLL_MS },
      )
      .pollUntilDone({ abortSignal: options.abortSignal }),
  );
  if (called.kind === 'ok') return { checks: vmChecksFromRunCommand(plainJson(called.value), now()), log };
  const { status, code, message } = called.failure;
  if (status === 403) {
    return unavailable(
      `Azure refused Run Command on ${name} (${code}): it needs Microsoft.Compute/virtualMachines/runCommand/action, which Virtual Machine Contributor has. Copy the script and ask an admin to run it.`,
    );
  }
  if (code === 'Timeout')
    return unavailable(`Run Command on ${name} gave no result in time; it may still finish on the VM.`);
  return unavailable(`Run Command on ${name} failed (${code}${status === null ? '' : `, HTTP ${status}`}): ${message}`);
}
