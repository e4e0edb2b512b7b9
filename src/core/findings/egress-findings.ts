import type { CatalogEntry } from './catalog-entry.js';

/** Findings about the address your traffic leaves from: the one an NSG rule or a JIT request must allow. */
export const EGRESS_FINDINGS = {
  'egress.differs': {
    severity: 'info',
    source: 2,
    candidates: [4],
    title: 'Your proxy leaves from another public address than your direct traffic',
    remedy:
      "Your computer's direct traffic and your proxy's traffic reach the internet from different public addresses. RDP clients do not use the proxy, so an NSG rule or a Just-In-Time access request must allow the direct address; the Azure portal's \"My IP\" (your browser, through the proxy) may fill in the proxy's instead. Allow the direct address (or both) on the RDP rule.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Allow RDP from your direct address on the NSG',
        command:
          'az network nsg rule create -g <resource-group> --nsg-name <nsg-name> -n Allow-RDP-Me --priority 300 --access Allow --protocol Tcp --direction Inbound --source-address-prefixes {address} --destination-port-ranges {port}',
      },
    ],
  },
} as const satisfies Record<`egress.${string}`, CatalogEntry>;
