import { AZURE_FINDINGS } from './azure-findings.js';
import { AZURE_LIVE_FINDINGS } from './azure-live-findings.js';
import type { CatalogEntry } from './catalog-entry.js';
import { CLIENT_FINDINGS } from './client-findings.js';
import { DNS_FINDINGS } from './dns-findings.js';
import { EDGE_FINDINGS } from './edge-findings.js';
import { EGRESS_FINDINGS } from './egress-findings.js';
import { PATH_FINDINGS } from './path-findings.js';
import { RDP_FINDINGS } from './rdp-findings.js';
import { TARGET_FINDINGS } from './target-findings.js';
import { TCP_FINDINGS } from './tcp-findings.js';
import { VM_FINDINGS } from './vm-findings.js';

export type { CatalogEntry, CatalogStep, Severity } from './catalog-entry.js';
export { THRESHOLDS } from './tcp-findings.js';

/**
 * The finding catalog: every finding code RDP Probe can report, in one place. Codes are stable and
 * searchable; docs/findings.md is generated from it (`npm run findings-doc`). Each family of checks keeps
 * its entries in its own file; add the family here.
 */
export const CATALOG = {
  ...TARGET_FINDINGS,
  ...CLIENT_FINDINGS,
  ...DNS_FINDINGS,
  ...TCP_FINDINGS,
  ...EDGE_FINDINGS,
  ...EGRESS_FINDINGS,
  ...PATH_FINDINGS,
  ...RDP_FINDINGS,
  ...AZURE_FINDINGS,
  ...AZURE_LIVE_FINDINGS,
  ...VM_FINDINGS,
} as const satisfies Record<string, CatalogEntry>;

/** A stable finding code such as `tcp.filtered`. */
export type FindingCode = keyof typeof CATALOG;

/** Every finding code, in catalog order. */
export const FINDING_CODES = Object.keys(CATALOG) as [FindingCode, ...FindingCode[]];

/** The catalog entry of a code, typed as the general shape. */
export function catalogEntry(code: FindingCode): CatalogEntry {
  return CATALOG[code];
}
