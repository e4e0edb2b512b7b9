import type { ProbeStartResponse } from '../../src/api.js';
import type { RunProgress } from '../../src/core/progress.js';
import type { CheckResult, PlanEntry, Report } from '../../src/core/report-schema.js';
import type { InputError } from '../../src/core/result.js';

/** What the UI knows about one run while it goes and once it finished. */
export interface RunView {
  readonly runId: string;
  readonly plan: readonly PlanEntry[];
  readonly deadlineMs: number;
  /** Keys (`id@path`) of checks that started. */
  readonly started: ReadonlySet<string>;
  /** Finished checks by key. */
  readonly results: ReadonlyMap<string, CheckResult>;
  /** Device-code sign-in's instructions (URL and code) while `azure.collect` waits for the user; else null. */
  readonly deviceCode: string | null;
}

/** The probe as the UI shows it: a tagged union, one state at a time. */
export type RunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting'; readonly early: readonly RunEvent[] }
  | { readonly kind: 'invalid'; readonly error: InputError }
  | { readonly kind: 'running'; readonly run: RunView; readonly cancelling: boolean }
  | { readonly kind: 'finished'; readonly run: RunView; readonly report: Report }
  /** The engine could not be reached at all (a bug, never an expected failure). */
  | { readonly kind: 'broken'; readonly message: string };

/** An engine event about a run. */
export type RunEvent =
  | { readonly kind: 'progress'; readonly runId: string; readonly progress: RunProgress }
  | { readonly kind: 'finished'; readonly runId: string; readonly report: Report }
  | { readonly kind: 'device-code'; readonly runId: string; readonly message: string };

/** What can happen to the probe. */
export type RunAction =
  | { readonly kind: 'start-requested' }
  | { readonly kind: 'start-answered'; readonly response: ProbeStartResponse }
  | { readonly kind: 'start-failed'; readonly message: string }
  | { readonly kind: 'cancel-requested' }
  | { readonly kind: 'event'; readonly event: RunEvent }
  /** The engine re-diagnosed the finished run (imported VM checks, a repair): its new report. */
  | { readonly kind: 'report-updated'; readonly runId: string; readonly report: Report };

/** The key of the live Azure collection: its result ends a device-code sign-in, one way or the other. */
const AZURE_COLLECT_KEY = 'azure.collect@direct';

/** The state before any probe. */
export const IDLE: RunState = { kind: 'idle' };

/** The key of a check result, as the runner's progress names it. */
export function resultKey(result: Pick<CheckResult, 'id' | 'path'>): string {
  return `${result.id}@${result.path}`;
}

function applyEvent(state: RunState, event: RunEvent): RunState {
  if (state.kind === 'starting') return { kind: 'starting', early: [...state.early, event] };
  if (state.kind !== 'running' || state.run.runId !== event.runId) return state;
  const run = state.run;
  if (event.kind === 'finished') {
    const results = new Map(run.results);
    for (const result of event.report.checks) results.set(resultKey(result), result);
    return { kind: 'finished', run: { ...run, results, deviceCode: null }, report: event.report };
  }
  if (event.kind === 'device-code') return { ...state, run: { ...run, deviceCode: event.message } };
  const progress = event.progress;
  if (progress.kind === 'check-started') {
    return { ...state, run: { ...run, started: new Set(run.started).add(progress.key) } };
  }
  const results = new Map(run.results).set(progress.key, progress.result);
  const deviceCode = progress.key === AZURE_COLLECT_KEY ? null : run.deviceCode;
  return { ...state, run: { ...run, results, deviceCode } };
}

/**
 * The reducer of the probe's state. Events that arrive before the engine's answer to `probe:start`
 * (the run may begin emitting at once) are kept and replayed once the run id is known.
 */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.kind) {
    case 'start-requested':
      return { kind: 'starting', early: [] };
    case 'start-answered': {
      if (state.kind !== 'starting') return state;
      const response = action.response;
      if (response.kind === 'invalid') return { kind: 'invalid', error: response.error };
      const run: RunView = {
        runId: response.runId,
        plan: response.plan,
        deadlineMs: response.deadlineMs,
        started: new Set(),
        results: new Map(),
        deviceCode: null,
      };
      return state.early.reduce<RunState>(applyEvent, { kind: 'running', run, cancelling: false });
    }
    case 'start-failed':
      return { kind: 'broken', message: action.message };
    case 'cancel-requested':
      return state.kind === 'running' ? { ...state, cancelling: true } : state;
    case 'event':
      return applyEvent(state, action.event);
    case 'report-updated':
      return state.kind === 'finished' && state.run.runId === action.runId
        ? { ...state, report: action.report }
        : state;
  }
}
