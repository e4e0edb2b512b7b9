import type { CatalogEntry } from './catalog-entry.js';

/** Findings about the target as given (its file, its gateway). */
export const TARGET_FINDINGS = {
  'target.rd-gateway': {
    severity: 'info',
    source: 2,
    candidates: [],
    title: 'This .rdp file connects through an RD Gateway',
    remedy:
      'Your RDP client will not dial the VM directly: it tunnels RDP over HTTPS (port 443) to the gateway, which connects to the VM. Direct results below show whether the VM could be reached without the gateway; if only the gateway path fails, ask its administrator.',
    steps: [],
  },
} as const satisfies Record<`target.${string}`, CatalogEntry>;
