import { PASSING_STATUSES, PLACE_ORDER, PLACES_OF_CHECK, placeVerdicts } from '../../src/core/places.js';
import type { CheckResult, CheckStatus, Finding, PlanEntry } from '../../src/core/report-schema.js';
import type { Source } from '../../src/core/source.js';
import { resultKey } from './run-state.js';

/** How one place on the path looks: not yet checked, being checked, or what its checks and findings say. */
export type PlaceState = 'idle' | 'waiting' | 'running' | 'pass' | 'warn' | 'fail' | 'unknown';

/** One place with its state and a short plain-language reason. */
export interface PlaceView {
  readonly source: Source;
  readonly state: PlaceState;
  readonly note: string;
}

/** Short names of the places for the path drawing. */
export const PLACE_NAMES: Readonly<Record<Source, string>> = {
  0: 'Name and address',
  1: 'Your computer',
  2: "Your organization's network",
  3: 'Azure endpoint',
  4: 'Network security groups',
  5: 'The VM',
};

const NEUTRAL: ReadonlySet<CheckStatus> = new Set(['skipped']);

/** What the place derivation needs: the plan, which checks started and finished, and the findings once known. */
export interface PlaceInput {
  readonly plan: readonly PlanEntry[];
  readonly started: ReadonlySet<string>;
  readonly results: ReadonlyMap<string, CheckResult>;
  /** The report's findings; null while the run goes. */
  readonly findings: readonly Finding[] | null;
}

function whileRunning(entries: readonly PlanEntry[], input: PlaceInput): Omit<PlaceView, 'source'> {
  if (entries.length === 0) return { state: 'waiting', note: 'Waiting for the diagnosis' };
  const results = entries.map((e) => input.results.get(resultKey(e)));
  const done = results.filter((r): r is CheckResult => r !== undefined);
  if (done.length === 0 && !entries.some((e) => input.started.has(resultKey(e)))) {
    return { state: 'waiting', note: 'Waiting' };
  }
  if (done.length < entries.length) return { state: 'running', note: 'Checking…' };
  if (done.some((r) => !PASSING_STATUSES.has(r.status) && !NEUTRAL.has(r.status))) {
    return { state: 'unknown', note: 'A check did not pass; the diagnosis will say where' };
  }
  return { state: 'pass', note: 'OK so far' };
}

function once(source: Source, input: PlaceInput): Omit<PlaceView, 'source'> {
  const results = [...input.results.values()];
  const verdict = placeVerdicts(results, input.findings ?? []).find((p) => p.source === source);
  return verdict === undefined
    ? { state: 'unknown', note: 'Not checked' }
    : { state: verdict.state, note: verdict.reason };
}

/**
 * The state of each place, from check results while the run goes (a place is checking until all its
 * checks finished) and from the findings' sources and candidates once the report is in.
 */
export function placeViews(input: PlaceInput | null): PlaceView[] {
  return PLACE_ORDER.map((source) => {
    if (input === null) return { source, state: 'idle', note: 'Not checked yet' };
    const entries = input.plan.filter((e) => PLACES_OF_CHECK[e.id].includes(source));
    const view = input.findings === null ? whileRunning(entries, input) : once(source, input);
    return { source, ...view };
  });
}
