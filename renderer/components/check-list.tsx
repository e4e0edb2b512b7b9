import type { CheckResult, CheckStatus } from '../../src/core/report-schema.js';
import { type RunView, resultKey } from '../state/run-state.js';

/** A check status in words, as the list and the comparison show it. */
export const CHECK_STATUS_TEXT: Readonly<Record<CheckStatus, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  warn: 'Warning',
  info: 'Note',
  skipped: 'Skipped',
  error: 'Could not run',
  timeout: 'Timed out',
  cancelled: 'Cancelled',
};

function stateOf(run: RunView, key: string): { status: string; result: CheckResult | undefined } {
  const result = run.results.get(key);
  if (result !== undefined) return { status: result.status, result };
  return { status: run.started.has(key) ? 'running' : 'waiting', result: undefined };
}

/** Every check of the run with its live state: waiting, running, then its result in one sentence. */
export function CheckList({ run }: { readonly run: RunView }) {
  return (
    <ol className="checks">
      {run.plan.map((entry) => {
        const key = resultKey(entry);
        const { status, result } = stateOf(run, key);
        return (
          <li key={key} className={`check check-${status}`} data-check={key} data-status={status}>
            <span className="check-title">{entry.title}</span>
            <span className="check-status">
              {result === undefined
                ? status === 'running'
                  ? 'Checking…'
                  : 'Waiting'
                : CHECK_STATUS_TEXT[result.status]}
              {result !== undefined && <span className="check-time"> · {Math.round(result.durationMs)} ms</span>}
            </span>
            {result !== undefined && <span className="check-summary">{result.summary}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** One sentence for the screen-reader live region: how far the run is, and the last check's result. */
export function progressAnnouncement(run: RunView, last: CheckResult | undefined): string {
  const done = `${run.results.size} of ${run.plan.length} checks done`;
  return last === undefined ? `Probing: ${done}.` : `${last.title}: ${CHECK_STATUS_TEXT[last.status]}. ${done}.`;
}
