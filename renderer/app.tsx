import { useState } from 'react';
import type { RdpProbeApi } from '../src/api.js';
import { CheckList, progressAnnouncement } from './components/check-list.js';
import { DeviceCodeNotice } from './components/device-code-notice.js';
import { PathMatrixTable } from './components/path-matrix-table.js';
import { PathView } from './components/path-view.js';
import { RunResult } from './components/run-result.js';
import { SavedResults } from './components/saved-results.js';
import { TargetForm } from './components/target-form.js';
import { placeViews } from './state/places.js';
import type { RunState } from './state/run-state.js';
import { useShellTarget } from './state/shell-targets.js';
import { useProbe } from './state/use-probe.js';

function placeInput(state: RunState) {
  if (state.kind === 'running') return { ...state.run, findings: null };
  if (state.kind === 'finished') return { ...state.run, findings: state.report.findings };
  return null;
}

/**
 * The whole UI: the target form, device-code sign-in when Azure asks for it, the path with its places,
 * the live checks, the verdict with its findings (and their repairs), the Azure side, the checks inside the
 * VM and the bundle export, then opening and comparing bundles.
 */
export function App({ api }: { readonly api: RdpProbeApi }) {
  const { state, start, cancel, updateReport } = useProbe(api);
  const shellTarget = useShellTarget();
  const [errorCode, setErrorCode] = useState('');
  const running = state.kind === 'starting' || state.kind === 'running';
  const run = state.kind === 'running' || state.kind === 'finished' ? state.run : null;

  let announcement = '';
  if (state.kind === 'running') {
    announcement = progressAnnouncement(state.run, [...state.run.results.values()].at(-1));
  } else if (state.kind === 'finished') announcement = 'Probe finished.';
  else if (state.kind === 'starting') announcement = 'Starting the probe.';

  return (
    <>
      <header className="app-header">
        <h1>RDP Probe</h1>
        <p>Find out why Remote Desktop to your Azure VM fails, and how to fix it.</p>
      </header>
      <main>
        <section aria-labelledby="target-heading" className="panel">
          <h2 id="target-heading">What to check</h2>
          <TargetForm
            running={running}
            cancelling={state.kind === 'running' && state.cancelling}
            inputError={state.kind === 'invalid' ? state.error : null}
            shellTarget={shellTarget}
            onSubmit={(submission) => {
              setErrorCode(submission.errorCode);
              start(submission.request);
            }}
            onCancel={cancel}
            loadScript={() => api.invoke('vm:check-script', {})}
          />
        </section>
        {state.kind === 'running' && state.run.deviceCode !== null && (
          <DeviceCodeNotice message={state.run.deviceCode} />
        )}
        <section aria-labelledby="path-heading" className="panel">
          <h2 id="path-heading">The path to your VM</h2>
          <PathView places={placeViews(placeInput(state))} />
        </section>
        <section aria-labelledby="checks-heading" className="panel">
          <h2 id="checks-heading">Checks</h2>
          <p className="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </p>
          {run === null ? (
            <p className="muted">The checks appear here when you press Probe.</p>
          ) : (
            <CheckList run={run} />
          )}
          {state.kind === 'finished' && <PathMatrixTable checks={state.report.checks} />}
          {state.kind === 'broken' && (
            <p className="form-error" role="alert">
              The probe engine did not answer ({state.message}). Restart RDP Probe and try again.
            </p>
          )}
        </section>
        {state.kind === 'finished' && (
          <section aria-label="Result" className="panel result" data-testid="result">
            <RunResult
              key={state.run.runId}
              api={api}
              runId={state.run.runId}
              report={state.report}
              errorCode={errorCode}
              onReport={(report) => updateReport(state.run.runId, report)}
            />
          </section>
        )}
        <SavedResults api={api} />
      </main>
    </>
  );
}
