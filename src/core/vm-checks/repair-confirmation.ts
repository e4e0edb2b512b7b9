import type { Report } from '../report-schema.js';
import type { VmRepair, VmRepairId } from './vm-check-schema.js';

/** What applying a repair did: plain data, so it crosses IPC and goes into the UI as is. */
export interface RepairOutcome {
  readonly repairId: VmRepairId;
  readonly applied: boolean;
  /** One sentence: what happened, or why not. */
  readonly detail: string;
  /** What the repair's script printed (Run Command), when it ran one. */
  readonly output: { readonly stdout: string; readonly stderr: string } | null;
}

/** The repair a finding of `report` proposes with this id, or null: repairs come from the diagnosis, never from a caller. */
export function proposedRepair(report: Report, id: string): VmRepair | null {
  for (const finding of report.findings) {
    const repair = finding.repairs?.find((r) => r.id === id);
    if (repair !== undefined) return repair;
  }
  return null;
}

/**
 * Whether the name the user typed confirms a repair on the VM named `vmName`: the same name, spaces around
 * it aside. The UI enables its Apply button and the engine accepts the repair by this one rule, so a
 * confirmation cannot be given by a click alone or for another VM.
 */
export function vmNameConfirmed(typed: string, vmName: string): boolean {
  return vmName !== '' && typed.trim() === vmName;
}

/** The VM problems of a report (the `vm.*` findings that are not information), by code, to compare before and after. */
export function vmProblemCodes(report: Report): string[] {
  return report.findings.filter((f) => f.code.startsWith('vm.') && f.severity !== 'info').map((f) => f.code);
}
