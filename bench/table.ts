/** One row of the benchmark table. */
export interface BenchRow {
  readonly name: string;
  readonly value: string;
  readonly aim?: string;
  readonly met?: boolean;
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => [r.name, r.value, r.aim ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const header = ['measure', 'median', 'aim', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}
