import type { CheckId } from '../../src/core/ids.js';
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

/** The places the UI draws, in path order: the target (name and address) first, then client to VM. */
export const PLACE_ORDER: readonly Source[] = [0, 1, 2, 3, 4, 5];

/** Short names of the places for the path drawing. */
export const PLACE_NAMES: Readonly<Record<Source, string>> = {
  0: 'Name and address',
  1: 'Your computer',
  2: "Your organization's network",
  3: 'Azure endpoint',
  4: 'Network security groups',
  5: 'The VM',
};

/**
 * The places a passing check vouches for. An open RDP port proves the address and the whole path at the
 * TCP level; the DNS answer proves the name; the hosts file and DNS cache are on your computer; RDP is the VM.
 */
const PLACES_OF_CHECK: Readonly<Record<CheckId, readonly Source[]>> = {
  'dns.os': [0],
  'dns.fresh': [0],
  'dns.hosts': [1],
  'dns.os-cache': [1],
  'tcp.connect': [0, 1, 2, 3, 4, 5],
  'rdp.negotiate': [5],
  'rdp.protocols': [5],
  'rdp.tls': [5],
  'rdp.ntlm': [5],
  'udp.rdp': [4, 5],
};

const PASSING: ReadonlySet<CheckStatus> = new Set(['pass', 'warn', 'info']);
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
  if (done.some((r) => !PASSING.has(r.status) && !NEUTRAL.has(r.status))) {
    return { state: 'unknown', note: 'A check did not pass; the diagnosis will say where' };
  }
  return { state: 'pass', note: 'OK so far' };
}

function once(source: Source, entries: readonly PlanEntry[], input: PlaceInput): Omit<PlaceView, 'source'> {
  const findings = input.findings ?? [];
  const blockers = findings.filter((f) => f.severity === 'blocker');
  const here = blockers.find((f) => f.source === source);
  if (here !== undefined) return { state: 'fail', note: `Most likely the problem: ${here.title}` };
  if (blockers.some((f) => f.candidates.includes(source))) {
    return { state: 'unknown', note: 'Could also be the problem: the evidence cannot rule it out' };
  }
  const warning = findings.find((f) => f.severity === 'warning' && f.source === source);
  if (warning !== undefined) return { state: 'warn', note: `Works, with a warning: ${warning.title}` };
  const results = entries.map((e) => input.results.get(resultKey(e))).filter((r) => r !== undefined);
  if (results.some((r) => PASSING.has(r.status))) return { state: 'pass', note: 'Its checks passed' };
  if (results.length === 0) return { state: 'unknown', note: 'Not checked by this probe' };
  return { state: 'unknown', note: 'Its checks could not confirm it' };
}

/**
 * The state of each place, from check results while the run goes (a place is checking until all its
 * checks finished) and from the findings' sources and candidates once the report is in.
 */
export function placeViews(input: PlaceInput | null): PlaceView[] {
  return PLACE_ORDER.map((source) => {
    if (input === null) return { source, state: 'idle', note: 'Not checked yet' };
    const entries = input.plan.filter((e) => PLACES_OF_CHECK[e.id].includes(source));
    const view = input.findings === null ? whileRunning(entries, input) : once(source, entries, input);
    return { source, ...view };
  });
}
