import { basename } from 'node:path';
import type { InvokeChannels, VmCheckScriptResponse, VmImportOutputResponse, VmRepairResponse } from '../../api.js';
import { resourceName } from '../../core/azure/resource-id.js';
import { rediagnoseWithVmChecks } from '../../core/rediagnose.js';
import type { Report } from '../../core/report-schema.js';
import { inputError } from '../../core/result.js';
import { proposedRepair, vmNameConfirmed, vmProblemCodes } from '../../core/vm-checks/repair-confirmation.js';
import { importVmCheckOutput } from '../../core/vm-checks/vm-check-input.js';
import type { FileDialogs } from '../bundle/bundle-actions.js';
import { DEFAULT_VM_CHECKS_TIMEOUT_MS } from '../checks/vm-checks-check.js';
import type { AzureLiveRequest, VmChecksLiveRequest } from '../probe.js';
import { readInputFile } from '../read-input-file.js';
import { readCheckScript } from './check-script.js';

/**
 * A finished run as the engine keeps it: its report, and what a later import or repair needs. The Azure
 * connection (the signed-in credential) lives here, in the engine's process, and never crosses IPC: the
 * renderer only names the run.
 */
export interface KeptRun {
  readonly report: Report;
  /** The run read Azure live: where and as whom; null otherwise. */
  readonly azure: AzureLiveRequest | null;
  /** The run had the user's consent to run the check script on the VM; null otherwise. */
  readonly vmChecks: VmChecksLiveRequest | null;
  /** The error code the user's RDP client showed, for re-diagnosing. */
  readonly clientErrorCode: number | null;
}

type Handler<K extends keyof InvokeChannels> = (
  request: InvokeChannels[K]['request'],
) => Promise<InvokeChannels[K]['response']>;

/** The handlers of the VM channels, and `dispose` to abort a repair in flight (window closed). */
export interface VmActions {
  readonly checkScript: Handler<'vm:check-script'>;
  readonly importOutput: Handler<'vm:import-output'>;
  readonly repair: Handler<'vm:repair'>;
  dispose(): void;
}

/** The most read from an admin's saved output: the script prints about 1 KB, Run Command keeps 4 KB. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

const NOT_KEPT = (what: string) =>
  ({
    kind: 'invalid',
    error: inputError('runId', `The report of that probe is no longer kept; run the probe again, then ${what}.`),
  }) as const;

/**
 * Creates the VM channels' handlers over the engine's kept runs (`runOf`) and main's file dialogs; `update`
 * stores a run's new report (after an import or a repair), so exports and later repairs see it.
 */
export function createVmActions(
  dialogs: FileDialogs | undefined,
  runOf: (runId: string) => KeptRun | undefined,
  update: (runId: string, report: Report) => void,
): VmActions {
  const disposed = new AbortController();
  /** Runs with a repair in flight: one at a time per run, so two confirmations never interleave. */
  const repairing = new Set<string>();

  async function checkScript(): Promise<VmCheckScriptResponse> {
    const script = await readCheckScript();
    return { kind: 'script', text: script.text, sha256: script.sha256 };
  }

  async function importOutput({
    runId,
  }: InvokeChannels['vm:import-output']['request']): Promise<VmImportOutputResponse> {
    const run = runOf(runId);
    if (run === undefined) return NOT_KEPT('import the output');
    if (dialogs?.chooseVmCheckOutput === undefined) {
      return {
        kind: 'invalid',
        error: inputError(
          'file dialog',
          "This engine has no file dialogs: the script's output is imported in the desktop app.",
        ),
      };
    }
    const path = await dialogs.chooseVmCheckOutput();
    if (path === null) return { kind: 'cancelled' };
    const name = basename(path);
    const bytes = await readInputFile(path, "check-rdp.ps1's output", MAX_OUTPUT_BYTES);
    if (bytes.kind === 'err') return { kind: 'invalid', error: bytes.error };
    const imported = importVmCheckOutput(bytes.value, name, new Date().toISOString());
    if (imported.kind === 'err') return { kind: 'invalid', error: imported.error };
    // The run may have been dropped while the dialog was open.
    const now = runOf(runId);
    if (now === undefined) return NOT_KEPT('import the output');
    const report = rediagnoseWithVmChecks(now.report, imported.value, now.clientErrorCode);
    update(runId, report);
    return { kind: 'imported', name, report };
  }

  async function repair(request: InvokeChannels['vm:repair']['request']): Promise<VmRepairResponse> {
    const { runId, repairId, confirmVmName } = request;
    const run = runOf(runId);
    if (run === undefined) return NOT_KEPT('apply the repair');
    const vm = run.report.azure?.vm ?? null;
    if (run.azure === null || vm === null || vm.id === null) {
      return {
        kind: 'invalid',
        error: inputError(
          'runId',
          'Repairs run through Azure: probe again with the VM read from Azure (the Azure section), then apply it. Nothing was changed.',
        ),
      };
    }
    // The repair is the one the diagnosis proposed for this run: the renderer names it, never sends a script.
    const proposed = proposedRepair(run.report, repairId);
    if (proposed === null) {
      return {
        kind: 'invalid',
        error: inputError('repairId', `No finding of this report proposes ${repairId}; nothing was changed.`),
      };
    }
    const vmName = vm.name ?? resourceName(vm.id);
    if (!vmNameConfirmed(confirmVmName, vmName)) {
      return {
        kind: 'invalid',
        error: inputError(
          'confirmVmName',
          `"${confirmVmName.slice(0, 64)}" is not the VM's name: type ${vmName} to confirm. Nothing was changed.`,
        ),
      };
    }
    if (repairing.has(runId)) {
      return {
        kind: 'invalid',
        error: inputError('runId', 'A repair of this VM is still running: wait for it, then apply the next one.'),
      };
    }
    repairing.add(runId);
    try {
      return await applyAndCheck(runId, run, run.azure, { id: vm.id, location: vm.location }, proposed);
    } finally {
      repairing.delete(runId);
    }
  }

  async function applyAndCheck(
    runId: string,
    run: KeptRun,
    azure: AzureLiveRequest,
    vm: { readonly id: string; readonly location: string | null },
    proposed: NonNullable<ReturnType<typeof proposedRepair>>,
  ): Promise<VmRepairResponse> {
    // Loaded on demand, as the CLI does: the compute client is large.
    const { applyRepair } = await import('../azure/live/apply-repair.js');
    const { runVmChecks } = await import('../azure/live/run-vm-checks.js');
    const timeoutMs = run.vmChecks?.timeoutMs ?? DEFAULT_VM_CHECKS_TIMEOUT_MS;
    const outcome = await applyRepair({
      connection: azure.connection,
      vmId: vm.id,
      location: vm.location,
      repair: proposed,
      confirmation: { repairId: proposed.id, vmId: vm.id },
      signal: AbortSignal.any([disposed.signal, AbortSignal.timeout(timeoutMs)]),
    });
    const before = vmProblemCodes(run.report);
    const snapshot = run.report.azure;
    if (!outcome.applied || run.vmChecks === null || snapshot === undefined) {
      return { kind: 'outcome', outcome, before, after: null, report: run.report };
    }
    const { checks } = await runVmChecks({
      connection: azure.connection,
      snapshot,
      script: run.vmChecks.script,
      consent: run.vmChecks.consent,
      signal: AbortSignal.any([disposed.signal, AbortSignal.timeout(run.vmChecks.timeoutMs)]),
    });
    // Re-diagnose the run's latest report (an import may have replaced it meanwhile).
    const latest = runOf(runId)?.report ?? run.report;
    const report = rediagnoseWithVmChecks(latest, checks, run.clientErrorCode);
    update(runId, report);
    return { kind: 'outcome', outcome, before, after: vmProblemCodes(report), report };
  }

  return {
    checkScript,
    importOutput,
    repair,
    dispose: () => disposed.abort(new Error('cancelled')),
  };
}
