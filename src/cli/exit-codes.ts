import type { Report } from '../core/report-schema.js';

/** The CLI's exit codes; `--help` prints this table. */
export const EXIT = {
  /** RDP is reachable on the default path and nothing blocks it. */
  reachable: 0,
  /** A problem was found (a blocker, or not reachable). */
  problem: 1,
  /** Bad input: usage, an unreadable or malformed file. */
  badInput: 2,
  /** The probe itself failed: the checks could not tell. */
  probeFailed: 3,
} as const;

/** The exit code a report stands for. */
export function exitCodeFor(report: Pick<Report, 'verdict' | 'findings'>): number {
  if (report.verdict.reachable === 'unknown') return EXIT.probeFailed;
  if (report.verdict.reachable === 'no' || report.findings.some((f) => f.severity === 'blocker')) return EXIT.problem;
  return EXIT.reachable;
}
