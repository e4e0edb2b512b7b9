import { type CheckKey, checkKey } from '../../core/ids.js';
import type { RunProgress } from '../../core/progress.js';
import type { CheckResult } from '../../core/report-schema.js';
import type { Target } from '../../core/target.js';
import type { CheckDefinition, CheckOutcome } from './check-definition.js';

export type { RunProgress } from '../../core/progress.js';

export interface RunOptions {
  readonly target: Target;
  /** Per-check budget. */
  readonly timeoutMs: number;
  /** Wall-clock bound for the whole run; checks still running then are stopped and kept as cancelled. */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: RunProgress) => void;
}

export interface RunOutcome {
  /** One result per planned check, in plan order; checks that never ran say why. */
  readonly results: CheckResult[];
  readonly ended: 'completed' | 'cancelled' | 'deadline';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
}

/** Extra time a check gets past its own timeout to report before the runner stops waiting for it. */
export const CHECK_GRACE_MS = 250;

/** The run's deadline for a plan: each level of dependencies may take a full check timeout. */
export function deriveDeadline(plan: readonly CheckDefinition[], timeoutMs: number): number {
  const byKey = new Map(plan.map((c) => [checkKey(c.id, c.path), c]));
  const depth = new Map<CheckKey, number>();
  const depthOf = (key: CheckKey, seen: ReadonlySet<CheckKey>): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    const check = byKey.get(key);
    if (check === undefined || seen.has(key)) return 0;
    const next = new Set(seen).add(key);
    const own = check.timeoutMs ?? timeoutMs;
    const value = own + CHECK_GRACE_MS + Math.max(0, ...check.needs.map((n) => depthOf(n, next)));
    depth.set(key, value);
    return value;
  };
  const longest = Math.max(0, ...plan.map((c) => depthOf(checkKey(c.id, c.path), new Set())));
  return longest + 500;
}

/**
 * Runs a plan of checks concurrently, each as soon as the checks it needs have finished, each bounded by
 * its timeout, the whole bounded by a deadline and cancellable. Partial results survive cancellation and
 * a check that throws (recorded as `error`: that is a bug in the check, not a network outcome).
 */
export async function runPlan(plan: readonly CheckDefinition[], options: RunOptions): Promise<RunOutcome> {
  validatePlan(plan);
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const runAbort = new AbortController();
  const state: { ended: RunOutcome['ended'] } = { ended: 'completed' };
  const stop = (why: 'cancelled' | 'deadline') => {
    if (state.ended === 'completed') state.ended = why;
    runAbort.abort(new Error(why));
  };
  const onCancel = () => stop('cancelled');
  if (options.signal?.aborted) stop('cancelled');
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const deadlineTimer = setTimeout(() => stop('deadline'), options.deadlineMs);

  const results = new Map<CheckKey, CheckResult>();
  const running = new Map<CheckKey, Promise<void>>();
  const pending = new Map(plan.map((c) => [checkKey(c.id, c.path), c]));

  const launch = (key: CheckKey, check: CheckDefinition) => {
    pending.delete(key);
    const task = runOne(check, key, options, runAbort.signal, results).then((result) => {
      results.set(key, result);
      running.delete(key);
      options.onProgress?.({ kind: 'check-finished', key, result });
    });
    running.set(key, task);
  };

  // One listener for the whole loop, removed at the end: one per turn piled up on the signal.
  const runStopped = whenAborted(runAbort.signal);
  try {
    while (!runAbort.signal.aborted && (pending.size > 0 || running.size > 0)) {
      for (const [key, check] of pending) {
        if (check.needs.every((need) => results.has(need))) launch(key, check);
      }
      if (running.size === 0) break;
      await Promise.race([...running.values(), runStopped.promise]);
    }
    // Stopped: let running checks observe the abort and report; each is bounded by its own timer.
    await Promise.all(running.values());
  } finally {
    runStopped.off();
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener('abort', onCancel);
  }

  const finished = Date.now();
  const { ended } = state;
  const why =
    ended === 'deadline'
      ? "the run's deadline passed first"
      : ended === 'cancelled'
        ? 'the run was cancelled first'
        : 'a check it needs could not start';
  const ordered = plan.map((check) => {
    const key = checkKey(check.id, check.path);
    return (
      results.get(key) ?? {
        id: check.id,
        path: check.path,
        title: check.title,
        status: 'cancelled' as const,
        summary: `Not run: ${why}.`,
        startedAt: new Date(finished).toISOString(),
        durationMs: 0,
        evidence: null,
      }
    );
  });
  return {
    results: ordered,
    ended,
    startedAt,
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
  };
}

async function runOne(
  check: CheckDefinition,
  key: CheckKey,
  options: RunOptions,
  runSignal: AbortSignal,
  results: ReadonlyMap<CheckKey, CheckResult>,
): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? options.timeoutMs;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  options.onProgress?.({ kind: 'check-started', key, title: check.title, at: startedAt });
  const own = new AbortController();
  const signal = AbortSignal.any([runSignal, own.signal]);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      own.abort(new Error('timeout'));
      resolve({ status: 'timeout', summary: `Gave no result within ${timeoutMs} ms.`, evidence: null });
    }, timeoutMs + CHECK_GRACE_MS);
  });
  const runStop = whenAborted(runSignal);
  const stopped = runStop.promise.then(
    (): CheckOutcome => ({
      status: 'cancelled',
      summary: `Stopped: ${String((runSignal.reason as Error | undefined)?.message) === 'deadline' ? "the run's deadline passed" : 'the run was cancelled'}.`,
      evidence: null,
    }),
  );
  let outcome: CheckOutcome;
  try {
    const work = check.run({ signal, timeoutMs, target: options.target, result: (need) => results.get(need) });
    outcome = await Promise.race([work, overrun, stopped]);
  } catch (error) {
    outcome = {
      status: 'error',
      summary: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}.`,
      evidence: null,
    };
  } finally {
    clearTimeout(timer);
    runStop.off();
    own.abort(new Error('finished'));
  }
  return {
    id: check.id,
    path: check.path,
    title: check.title,
    status: outcome.status,
    summary: outcome.summary,
    startedAt,
    durationMs: Date.now() - started,
    evidence: outcome.evidence,
  };
}

/**
 * A promise that resolves when the signal aborts (never rejects), and `off` to drop its listener once
 * it is not needed: a run's signal outlives each check, and kept listeners piled up (Node warns at 11).
 */
function whenAborted(signal: AbortSignal): { readonly promise: Promise<void>; readonly off: () => void } {
  if (signal.aborted) return { promise: Promise.resolve(), off: () => {} };
  let listener = () => {};
  const promise = new Promise<void>((resolve) => {
    listener = () => resolve();
    signal.addEventListener('abort', listener, { once: true });
  });
  return { promise, off: () => signal.removeEventListener('abort', listener) };
}

/** A plan with duplicate keys or unknown needs is a programming error, not a network outcome. */
function validatePlan(plan: readonly CheckDefinition[]): void {
  const keys = new Set<CheckKey>();
  for (const check of plan) {
    const key = checkKey(check.id, check.path);
    if (keys.has(key)) throw new Error(`plan has ${key} twice`);
    keys.add(key);
  }
  for (const check of plan) {
    for (const need of check.needs) {
      if (!keys.has(need)) throw new Error(`${check.id} needs ${need}, which is not in the plan`);
    }
  }
}
