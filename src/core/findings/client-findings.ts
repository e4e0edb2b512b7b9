import type { CatalogEntry } from './catalog-entry.js';

/** Findings from what the user tells us their RDP client showed. */
export const CLIENT_FINDINGS = {
  'client.error-code': {
    severity: 'info',
    source: 1,
    candidates: [],
    title: 'What your RDP client reported',
    remedy:
      "The code your Remote Desktop client showed, decoded. It names the step that failed on the client's side; the checks above say where along the path it breaks.",
    steps: [],
  },
} as const satisfies Record<`client.${string}`, CatalogEntry>;
