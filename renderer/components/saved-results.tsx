import { useId, useState } from 'react';
import type { BundleCompareResponse, BundleOpenResponse, RdpProbeApi } from '../../src/api.js';
import { ComparisonView } from './comparison-view.js';
import { OpenedReport } from './opened-report.js';

type Shown =
  | { readonly kind: 'none' }
  | { readonly kind: 'busy' }
  | Exclude<BundleOpenResponse, { kind: 'invalid' }>
  | Exclude<BundleCompareResponse, { kind: 'invalid' }>
  | { readonly kind: 'failed'; readonly message: string };

/** Opens a bundle someone sent, or compares two bundles or reports; the files come from native dialogs. */
export function SavedResults({ api }: { readonly api: RdpProbeApi }) {
  const id = useId();
  const [shown, setShown] = useState<Shown>({ kind: 'none' });
  // Counts answers, so opening the same file again shows it anew (and moves focus to it again).
  const [answers, setAnswers] = useState(0);

  function run(action: () => Promise<BundleOpenResponse | BundleCompareResponse>) {
    setShown({ kind: 'busy' });
    action().then(
      (response) => {
        setAnswers((n) => n + 1);
        setShown(response.kind === 'invalid' ? { kind: 'failed', message: response.error.message } : response);
      },
      (error: unknown) => setShown({ kind: 'failed', message: `The probe engine did not answer (${String(error)}).` }),
    );
  }

  const busy = shown.kind === 'busy';
  return (
    <section aria-labelledby={`${id}-heading`} className="panel saved">
      <h2 id={`${id}-heading`}>Bundles and saved reports</h2>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => run(() => api.invoke('bundle:open', {}))}
        >
          Open a bundle someone sent…
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => run(() => api.invoke('bundle:compare', {}))}
        >
          Compare two bundles or reports…
        </button>
      </div>
      <p role="status" className="muted">
        {busy ? 'Waiting for you to choose…' : shown.kind === 'cancelled' ? 'Nothing was opened.' : ''}
      </p>
      {shown.kind === 'failed' && (
        <p className="form-error" role="alert">
          {shown.message}
        </p>
      )}
      {shown.kind === 'opened' && <OpenedReport key={answers} file={shown} />}
      {shown.kind === 'compared' && <ComparisonView key={answers} names={shown.names} comparison={shown.comparison} />}
    </section>
  );
}
