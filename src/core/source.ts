/**
 * The places an RDP connection crosses, in the order the troubleshooting article walks them.
 * 0 is the target itself (its name, its public IP, the VM's power state); 1–5 are the article's sources.
 */
export const SOURCES = {
  0: { name: 'target', title: 'The target (name, public IP, VM state)' },
  1: { name: 'client', title: 'Your computer' },
  2: { name: 'edge', title: "Your organization's network edge" },
  3: { name: 'azure-endpoint', title: 'The Azure endpoint (public IP, load balancer)' },
  4: { name: 'nsg', title: 'Network security groups' },
  5: { name: 'vm', title: 'The VM' },
} as const;

/** A place an RDP connection crosses: 0 target, 1 client, 2 edge, 3 Azure endpoint, 4 NSGs, 5 VM. */
export type Source = keyof typeof SOURCES;

/** Every source, in the article's order. */
export const SOURCE_IDS: readonly Source[] = [0, 1, 2, 3, 4, 5];

/** Plain-language title of a source, for reports. */
export function sourceTitle(source: Source): string {
  return SOURCES[source].title;
}
