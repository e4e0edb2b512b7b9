import type { CheckId } from '../ids.js';
import type { CheckResult, CheckStatus } from '../report-schema.js';
import type { Styles } from './ansi.js';
import { STATUS_MARK } from './status-mark.js';

/** One row of the path matrix: a check id and its status on each path (null: not run there). */
export interface PathMatrixRow {
  readonly id: CheckId;
  readonly cells: readonly (CheckStatus | null)[];
}

/** The paths probed (direct first) and, per check that ran on another path, its status on each. */
export interface PathMatrix {
  readonly paths: readonly string[];
  readonly rows: readonly PathMatrixRow[];
}

/**
 * Lines the paths up check by check: null when only one path was probed. Rows are the checks that ran
 * on a path other than `direct`, after `tcp.connect` (the direct path's reach, which a proxy's
 * `proxy.connect` stands in for).
 */
export function pathMatrix(checks: readonly CheckResult[]): PathMatrix | null {
  const paths = [...new Set(checks.map((c) => c.path))].sort((a, b) => (a === 'direct' ? -1 : b === 'direct' ? 1 : 0));
  if (paths.length < 2) return null;
  const ids = new Set<CheckId>(checks.some((c) => c.id === 'tcp.connect') ? ['tcp.connect'] : []);
  for (const check of checks) if (check.path !== 'direct') ids.add(check.id);
  const rows = [...ids].map((id) => ({
    id,
    cells: paths.map((path) => checks.find((c) => c.id === id && c.path === path)?.status ?? null),
  }));
  return { paths, rows };
}

/** A check whose status on another path differs from its status on `direct`. */
export interface PathDifference {
  readonly id: CheckId;
  readonly path: string;
  readonly direct: CheckStatus;
  readonly other: CheckStatus;
  /** What the check said on the other path. */
  readonly summary: string;
}

/**
 * The checks that ran on `direct` and on another path with a different status, as `rdp-probe compare`
 * lines them up for two reports: `tcp.connect: direct pass → bind:198.18.31.1 fail`.
 */
export function pathDifferences(checks: readonly CheckResult[]): PathDifference[] {
  return checks.flatMap((other) => {
    if (other.path === 'direct') return [];
    const direct = checks.find((c) => c.id === other.id && c.path === 'direct');
    if (direct === undefined || direct.status === other.status) return [];
    return [{ id: other.id, path: other.path, direct: direct.status, other: other.status, summary: other.summary }];
  });
}

/**
 * The matrix as text lines, one column per path, then where the paths differ from `direct`; empty when
 * only one path was probed.
 */
export function renderPathMatrix(checks: readonly CheckResult[], s: Styles): string[] {
  const matrix = pathMatrix(checks);
  if (matrix === null) return [];
  const cell = (status: CheckStatus | null) => (status === null ? '·' : `${STATUS_MARK[status]} ${status}`);
  const first = Math.max(5, ...matrix.rows.map((r) => r.id.length)) + 2;
  const widths = matrix.paths.map(
    (path, i) => Math.max(path.length, ...matrix.rows.map((r) => cell(r.cells[i] ?? null).length)) + 2,
  );
  const paint = (status: CheckStatus | null, text: string) =>
    status === 'pass'
      ? s.green(text)
      : status === 'fail' || status === 'error' || status === 'timeout'
        ? s.red(text)
        : status === 'warn'
          ? s.yellow(text)
          : s.dim(text);
  return [
    s.bold('Paths side by side'),
    s.dim(`${'check'.padEnd(first)}${matrix.paths.map((p, i) => p.padEnd(widths[i] ?? 0)).join('')}`.trimEnd()),
    ...matrix.rows.map((row) =>
      `${row.id.padEnd(first)}${row.cells.map((c, i) => paint(c, cell(c).padEnd(widths[i] ?? 0))).join('')}`.trimEnd(),
    ),
    ...differenceLines(checks, s),
  ];
}

function differenceLines(checks: readonly CheckResult[], s: Styles): string[] {
  const differences = pathDifferences(checks);
  if (differences.length === 0) return [];
  return [
    'Where the paths differ from direct:',
    ...differences.map((d) => `  ${d.id}: direct ${d.direct} → ${d.path} ${d.other}  ${s.dim(d.summary)}`.trimEnd()),
  ];
}
