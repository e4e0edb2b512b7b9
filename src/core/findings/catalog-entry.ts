import type { Source } from '../source.js';

/** How much a finding matters: a blocker stops RDP, a warning may, info explains. */
export type Severity = 'blocker' | 'warning' | 'info';

/** One way to carry out a remedy: a command for one OS, or for the Azure CLI. */
export interface CatalogStep {
  readonly os: 'any' | 'windows' | 'macos' | 'linux' | 'azure-cli';
  readonly label: string;
  /** The command to copy. `{host}`, `{port}`, `{address}` and `{expected}` are filled in from the run. */
  readonly command: string;
}

/** A catalog entry: everything about a finding that does not depend on one run. */
export interface CatalogEntry {
  readonly severity: Severity;
  /** The most likely source when this finding is the deciding one. */
  readonly source: Source;
  /** Sources the evidence of this finding alone cannot rule out, most likely first. */
  readonly candidates: readonly Source[];
  readonly title: string;
  /** The fix in plain words. */
  readonly remedy: string;
  readonly steps: readonly CatalogStep[];
}
