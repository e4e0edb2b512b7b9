import { useId, useState } from 'react';
import type { BundleExportResponse, RdpProbeApi } from '../../src/api.js';
import { FULL_REDACTION, NO_REDACTION } from '../../src/core/bundle/redaction-categories.js';
import type { RedactionOptions } from '../../src/core/bundle/redaction-options.js';
import { maskedSentence, REDACTION_LABELS, REDACTION_ORDER } from '../state/redaction-labels.js';

type Outcome = BundleExportResponse | { readonly kind: 'broken'; readonly message: string };

function statusText(outcome: Outcome | null): string {
  if (outcome === null) return '';
  if (outcome.kind === 'saved') {
    const size = `${Math.max(1, Math.round(outcome.bytes / 1024))} kB`;
    return `Saved the bundle to ${outcome.path} (${size}). ${maskedSentence(outcome.redacted)}`;
  }
  return outcome.kind === 'cancelled' ? 'Export cancelled: nothing was saved.' : '';
}

function errorText(outcome: Outcome | null): string | null {
  if (outcome?.kind === 'invalid') return `Could not export the bundle: ${outcome.error.message}`;
  if (outcome?.kind === 'broken') return `The probe engine did not answer (${outcome.message}).`;
  return null;
}

/**
 * Export the finished run as a bundle for support: what to mask (a checkbox per category, or all of
 * them), then the native save dialog. The engine holds the report; only the run id and choices go.
 */
export function ExportBundle({ api, runId }: { readonly api: RdpProbeApi; readonly runId: string }) {
  const id = useId();
  const [mask, setMask] = useState<RedactionOptions>(NO_REDACTION);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  function exportBundle() {
    setBusy(true);
    setOutcome(null);
    api
      .invoke('bundle:export', { runId, redaction: mask })
      .then(setOutcome, (error: unknown) => setOutcome({ kind: 'broken', message: String(error) }))
      .finally(() => setBusy(false));
  }

  const error = errorText(outcome);
  return (
    <section className="export" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Export a bundle for support</h2>
      <p>One file with this report, readable in a browser, to send to whoever helps you.</p>
      <fieldset className="masks">
        <legend>What to mask in the bundle</legend>
        {REDACTION_ORDER.map((category) => (
          <div className="field checkbox" key={category}>
            <input
              id={`${id}-${category}`}
              type="checkbox"
              checked={mask[category]}
              onChange={(event) => setMask({ ...mask, [category]: event.target.checked })}
            />
            <label htmlFor={`${id}-${category}`}>{REDACTION_LABELS[category]}</label>
          </div>
        ))}
      </fieldset>
      <p className="note">Passwords, credentials and tokens are always removed, whatever you choose.</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setMask(FULL_REDACTION)}>
          Mask everything
        </button>
        <button type="button" className="primary" onClick={exportBundle} disabled={busy}>
          {busy ? 'Exporting…' : 'Export bundle…'}
        </button>
      </div>
      <p role="status" className="export-status">
        {statusText(outcome)}
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
