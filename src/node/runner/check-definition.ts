import type { CheckId, CheckKey, PathId } from '../../core/ids.js';
import type { CheckResult, CheckStatus, Evidence } from '../../core/report-schema.js';
import type { Target } from '../../core/target.js';

/** What a check returns; the runner adds its id, path, title and timings. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** One plain sentence of what the check found. */
  readonly summary: string;
  readonly evidence: Evidence | null;
}

/** What the runner gives a check while it runs. */
export interface CheckContext {
  /** Aborted when the run is cancelled, its deadline passes, or this check overruns its timeout. */
  readonly signal: AbortSignal;
  /** This check's budget for its own waits (a connect that gets no answer within it is "filtered"). */
  readonly timeoutMs: number;
  readonly target: Target;
  /** The finished result of a check this one declared in `needs`. */
  result(key: CheckKey): CheckResult | undefined;
}

/** One check in a plan: an id and path that stay stable across versions, and the work itself. */
export interface CheckDefinition {
  readonly id: CheckId;
  readonly path: PathId;
  readonly title: string;
  /** Checks that must finish (in any state) before this one starts. */
  readonly needs: readonly CheckKey[];
  /** Overrides the run's per-check timeout for checks that do several bounded steps. */
  readonly timeoutMs?: number;
  run(context: CheckContext): Promise<CheckOutcome>;
}
