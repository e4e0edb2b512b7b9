import { useEffect, useId, useRef, useState } from 'react';
import type { RdpProbeApi } from '../../src/api.js';
import type { Report } from '../../src/core/report-schema.js';
import type { RepairOutcome } from '../../src/core/vm-checks/repair-confirmation.js';
import { copyText } from '../copy-text.js';

/** A repair the user applied: what it did, and the VM's problems (titles) before and after. */
export interface AppliedRepair {
  readonly title: string;
  readonly outcome: RepairOutcome;
  readonly before: readonly string[];
  /** Null: the checks inside the VM did not run again. */
  readonly after: readonly string[] | null;
  /** Counts repairs, so a second one moves the focus again. */
  readonly serial: number;
}

/** Props of the "Inside the VM" panel. */
export interface VmChecksPanelProps {
  readonly api: RdpProbeApi;
  readonly runId: string;
  readonly report: Report;
  /** The engine re-diagnosed the run with imported output: show its new report. */
  readonly onReport: (report: Report) => void;
  readonly applied: AppliedRepair | null;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: string }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}

function checksSentence(report: Report): string {
  const checks = report.vmChecks;
  if (checks === undefined) {
    return 'Not checked inside the VM. Tick "Also check inside the VM" in the Azure section and probe again, or copy the script for an administrator to run on the VM and import what it prints.';
  }
  if (checks.output === null) return `The checks inside the VM did not run: ${checks.problem ?? 'no output'}`;
  const from = checks.source === 'run-command' ? 'through Run Command' : "from the script's output you imported";
  return `Read inside ${checks.output.computer ?? 'the VM'} ${from}, ${when(checks.collectedAt)}.`;
}

function Problems(props: { readonly heading: string; readonly titles: readonly string[] | null }) {
  return (
    <div className="repair-side">
      <h4>{props.heading}</h4>
      {props.titles === null ? (
        <p>Not checked again: RDP Probe had no consent to run the checks inside the VM. Probe again to see.</p>
      ) : props.titles.length === 0 ? (
        <p>No problem inside the VM.</p>
      ) : (
        <ul>
          {props.titles.map((title) => (
            <li key={title}>{title}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * "Inside the VM": where the VM checks came from (Run Command, or output an admin sent), "Import the script's
 * output…" (main's open dialog; the engine re-diagnoses this run with it), "Copy the script" for an admin,
 * and what the last repair did, with the VM's problems before and after.
 */
export function VmChecksPanel(props: VmChecksPanelProps) {
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const appliedHeading = useRef<HTMLHeadingElement>(null);
  const { api, runId, onReport, applied } = props;

  // A repair's result takes the focus: its dialog closed, and its "Apply…" button may be gone.
  const serial = applied?.serial ?? 0;
  useEffect(() => {
    if (serial > 0) appliedHeading.current?.focus();
  }, [serial]);

  function importOutput() {
    setStatus({ kind: 'busy', what: 'Waiting for you to choose the file…' });
    api.invoke('vm:import-output', { runId }).then(
      (answer) => {
        if (answer.kind === 'imported') {
          onReport(answer.report);
          setStatus({ kind: 'done', message: `Imported ${answer.name}: the diagnosis now includes it.` });
        } else if (answer.kind === 'cancelled') setStatus({ kind: 'done', message: 'Nothing was imported.' });
        else setStatus({ kind: 'failed', message: answer.error.message });
      },
      (error: unknown) => setStatus({ kind: 'failed', message: `The probe engine did not answer (${String(error)}).` }),
    );
  }

  function copyScript() {
    setStatus({ kind: 'busy', what: 'Copying the script…' });
    api
      .invoke('vm:check-script', {})
      .then(async (answer) => {
        if (answer.kind !== 'script') return setStatus({ kind: 'failed', message: answer.error.message });
        const copied = await copyText(answer.text);
        setStatus(
          copied
            ? {
                kind: 'done',
                message: `Copied check-rdp.ps1 (SHA-256 ${answer.sha256}). An administrator runs it in an elevated PowerShell on the VM and sends back the line it prints.`,
              }
            : { kind: 'failed', message: 'Could not copy the script to the clipboard.' },
        );
      })
      .catch((error: unknown) =>
        setStatus({ kind: 'failed', message: `The probe engine did not answer (${String(error)}).` }),
      );
  }

  const busy = status.kind === 'busy';
  return (
    <section className="vm-checks-panel" aria-labelledby={`${id}-heading`} data-testid="vm-checks-panel">
      <h2 id={`${id}-heading`} tabIndex={-1}>
        Inside the VM
      </h2>
      <p>{checksSentence(props.report)}</p>
      {applied !== null && (
        <div className="applied-repair" data-testid="applied-repair" data-applied={applied.outcome.applied}>
          <h3 ref={appliedHeading} tabIndex={-1}>
            Repair: {applied.title}
          </h3>
          <p className={applied.outcome.applied ? undefined : 'form-error'}>{applied.outcome.detail}</p>
          {applied.outcome.applied && (
            <div className="repair-sides">
              <Problems heading="Before" titles={applied.before} />
              <Problems heading="After" titles={applied.after} />
            </div>
          )}
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={importOutput}>
          Import the script's output…
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={copyScript}>
          Copy the script
        </button>
      </div>
      <p role="status" className="muted">
        {status.kind === 'busy' ? status.what : status.kind === 'done' ? status.message : ''}
      </p>
      {status.kind === 'failed' && (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      )}
    </section>
  );
}
