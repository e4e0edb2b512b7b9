import type { Report } from '../core/report-schema.js';
import { proposedRepair, vmProblemCodes } from '../core/vm-checks/repair-confirmation.js';
import type { VmRepairId } from '../core/vm-checks/vm-check-schema.js';
import type { AzureLiveRequest, VmChecksLiveRequest } from '../node/probe.js';
import type { CliIo } from './main.js';

/** What the repair step needs from the probe run. */
export interface RepairFlow {
  readonly repairId: VmRepairId;
  /** `--yes`: the user confirmed on the command line, having read what it changes (or `--help`). */
  readonly confirmedUpFront: boolean;
  readonly azure: AzureLiveRequest;
  /** Re-running the checks afterwards needs the consent given with --vm-checks. */
  readonly vmChecks: VmChecksLiveRequest | null;
  readonly clientErrorCode: number | null;
}

/**
 * Applies one repair the diagnosis proposed, after the user confirmed it (`--yes`, or typing yes at the
 * prompt), then re-runs the VM checks and prints the VM's findings before and after. Returns the report to
 * finish with (the new one when the checks ran again), or null when nothing was changed.
 */
export async function runRepairFlow(report: Report, flow: RepairFlow, io: CliIo): Promise<Report | null> {
  const repair = proposedRepair(report, flow.repairId);
  const vm = report.azure?.vm ?? null;
  if (repair === null || vm === null || vm.id === null) {
    io.stderr(`rdp-probe: no finding proposes ${flow.repairId} for this VM; nothing was changed.\n`);
    return null;
  }
  const lines = [
    `Repair ${repair.id}: ${repair.title}`,
    `On VM ${vm.name ?? vm.id}: ${repair.whatChanges}`,
    ...(repair.script === null ? [] : ['It runs, through Run Command:', ...repair.script.map((line) => `  ${line}`)]),
  ];
  io.stderr(`${lines.join('\n')}\n`);
  const confirmed =
    flow.confirmedUpFront ||
    (io.confirm !== undefined &&
      (await io.confirm(`Apply this change to ${vm.name ?? 'the VM'}? Type yes to apply: `)));
  if (!confirmed) {
    io.stderr(
      io.confirm === undefined
        ? 'rdp-probe: not applied: confirm with --yes after reading what it changes (no terminal to ask).\n'
        : 'Not applied.\n',
    );
    return null;
  }
  const { applyRepair } = await import('../node/azure/live/apply-repair.js');
  const outcome = await applyRepair({
    connection: flow.azure.connection,
    vmId: vm.id,
    location: vm.location,
    repair,
    confirmation: { repairId: repair.id, vmId: vm.id },
    signal: io.signal ?? AbortSignal.timeout(flow.vmChecks?.timeoutMs ?? 150_000),
  });
  io.stderr(`${outcome.detail}\n`);
  if (!outcome.applied || flow.vmChecks === null || report.azure === undefined) return null;
  const { runVmChecks } = await import('../node/azure/live/run-vm-checks.js');
  const { rediagnoseWithVmChecks } = await import('../core/rediagnose.js');
  const { checks } = await runVmChecks({
    connection: flow.azure.connection,
    snapshot: report.azure,
    script: flow.vmChecks.script,
    consent: flow.vmChecks.consent,
    signal: io.signal ?? AbortSignal.timeout(flow.vmChecks.timeoutMs),
  });
  const after = rediagnoseWithVmChecks(report, checks, flow.clientErrorCode);
  const before = vmProblemCodes(report);
  const now = vmProblemCodes(after);
  io.stderr(
    `VM checks before: ${before.join(', ') || 'no VM problem'}\nVM checks after:  ${checks.output === null ? `could not run again (${checks.problem})` : now.join(', ') || 'no VM problem'}\n`,
  );
  return after;
}
