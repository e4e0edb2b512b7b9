import { useState } from 'react';
import type { RdpProbeApi } from '../../src/api.js';
import type { Report } from '../../src/core/report-schema.js';
import type { VmRepair } from '../../src/core/vm-checks/vm-check-schema.js';
import { AzurePanel } from './azure-panel.js';
import { ExportBundle } from './export-bundle.js';
import { RepairDialog } from './repair-dialog.js';
import { VerdictView } from './verdict-view.js';
import { type AppliedRepair, VmChecksPanel } from './vm-checks-panel.js';

/** Props of a finished run's result. */
export interface RunResultProps {
  readonly api: RdpProbeApi;
  readonly runId: string;
  readonly report: Report;
  readonly errorCode: string;
  /** The engine's new report of this run (imported VM checks, a repair). */
  readonly onReport: (report: Report) => void;
}

type Confirming = { readonly repair: VmRepair; readonly busy: boolean; readonly error: string | null };

/** The titles of the findings with these codes, as `report` names them. */
function titles(report: Report, codes: readonly string[]): string[] {
  return codes.map((code) => report.findings.find((f) => f.code === code)?.title ?? code);
}

/**
 * A finished run: the verdict and findings, the Azure side, the VM checks, and the bundle export. A repair a
 * finding proposes opens its own confirmation (the VM's name typed), and only for a run that read the VM from
 * Azure live: the engine applies it with that run's connection, checks again and answers the new report.
 */
export function RunResult(props: RunResultProps) {
  const { api, runId, report, onReport } = props;
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [applied, setApplied] = useState<AppliedRepair | null>(null);
  const vm = report.azure?.vm ?? null;
  const vmName = vm?.name ?? null;
  const live = report.azure?.collection != null && vm !== null && vm.id !== null && vmName !== null;

  function apply(repair: VmRepair, typed: string) {
    setConfirming({ repair, busy: true, error: null });
    api.invoke('vm:repair', { runId, repairId: repair.id, confirmVmName: typed }).then(
      (answer) => {
        if (answer.kind === 'invalid') {
          setConfirming({ repair, busy: false, error: answer.error.message });
          return;
        }
        setApplied({
          title: repair.title,
          outcome: answer.outcome,
          before: titles(report, answer.before),
          after: answer.after === null ? null : titles(answer.report, answer.after),
          serial: (applied?.serial ?? 0) + 1,
        });
        onReport(answer.report);
        setConfirming(null);
      },
      (error: unknown) =>
        setConfirming({ repair, busy: false, error: `The probe engine did not answer (${String(error)}).` }),
    );
  }

  return (
    <>
      <VerdictView
        key={runId}
        report={report}
        errorCode={props.errorCode}
        {...(live ? { onRepair: (repair: VmRepair) => setConfirming({ repair, busy: false, error: null }) } : {})}
      />
      <AzurePanel snapshot={report.azure} />
      <VmChecksPanel api={api} runId={runId} report={report} onReport={onReport} applied={applied} />
      <ExportBundle key={`export-${runId}`} api={api} runId={runId} />
      {confirming !== null && vmName !== null && (
        <RepairDialog
          repair={confirming.repair}
          vmName={vmName}
          busy={confirming.busy}
          error={confirming.error}
          onApply={(typed) => apply(confirming.repair, typed)}
          onCancel={() => setConfirming(null)}
          returnFocus={() => document.querySelector<HTMLElement>('[data-testid="vm-checks-panel"] h2')}
        />
      )}
    </>
  );
}
