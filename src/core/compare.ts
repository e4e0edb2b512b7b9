import { lowerFirst } from './format/text.js';
import type { CheckResult, Report } from './report-schema.js';
import { sourceTitle } from './source.js';
import { formatTarget } from './target.js';

/** One check side by side in two reports, aligned on (check id, path). */
export interface ComparedCheck {
  readonly key: string;
  readonly title: string;
  readonly a: Pick<CheckResult, 'status' | 'summary'> | null;
  readonly b: Pick<CheckResult, 'status' | 'summary'> | null;
  readonly differs: boolean;
}

/** What differs between two reports, and the conclusion in one sentence. */
export interface Comparison {
  readonly checks: ComparedCheck[];
  readonly findingsOnlyInA: string[];
  readonly findingsOnlyInB: string[];
  readonly conclusion: string;
}

/** Compares two reports (e.g. the direct path at home and the corporate path at the office). */
export function compareReports(a: Report, b: Report, names: readonly [string, string] = ['A', 'B']): Comparison {
  const keyOf = (c: CheckResult) => `${c.id}@${c.path}`;
  const keys = [...new Set([...a.checks.map(keyOf), ...b.checks.map(keyOf)])];
  const checks = keys.map((key) => {
    const ca = a.checks.find((c) => keyOf(c) === key) ?? null;
    const cb = b.checks.find((c) => keyOf(c) === key) ?? null;
    const pick = (c: CheckResult | null) => (c === null ? null : { status: c.status, summary: c.summary });
    return {
      key,
      title: (ca ?? cb)?.title ?? key,
      a: pick(ca),
      b: pick(cb),
      differs: ca?.status !== cb?.status || ca?.summary !== cb?.summary,
    };
  });
  const codesA = new Set(a.findings.map((f) => f.code));
  const codesB = new Set(b.findings.map((f) => f.code));
  return {
    checks,
    findingsOnlyInA: [...codesA].filter((c) => !codesB.has(c)),
    findingsOnlyInB: [...codesB].filter((c) => !codesA.has(c)),
    conclusion: conclude(a, b, names),
  };
}

function conclude(a: Report, b: Report, [nameA, nameB]: readonly [string, string]): string {
  const target = (r: Report) => formatTarget(r.target);
  const why = (r: Report) => {
    const top = r.findings.find((f) => f.severity === 'blocker');
    return top === undefined ? r.verdict.summary : `${lowerFirst(sourceTitle(top.source))} (${lowerFirst(top.title)})`;
  };
  const ra = a.verdict.reachable;
  const rb = b.verdict.reachable;
  const sameTarget = target(a) === target(b) ? '' : ` (${target(a)} vs ${target(b)})`;
  if (ra === 'yes' && rb === 'yes') return `RDP is reachable in both ${nameA} and ${nameB}${sameTarget}.`;
  if (ra === 'yes' && rb === 'no') return `RDP works in ${nameA} and fails in ${nameB} at ${why(b)}${sameTarget}.`;
  if (ra === 'no' && rb === 'yes') return `RDP fails in ${nameA} at ${why(a)} and works in ${nameB}${sameTarget}.`;
  if (ra === 'no' && rb === 'no')
    return `RDP fails in both: ${nameA} at ${why(a)}; ${nameB} at ${why(b)}${sameTarget}.`;
  return `At least one report could not tell whether RDP is reachable (${nameA}: ${ra}, ${nameB}: ${rb})${sameTarget}.`;
}
