/** Helpers for ARM resource IDs (`/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>/...`). */

/** The last segment of a resource ID: the resource's name. */
export function resourceName(id: string): string {
  const parts = id.split('/').filter((part) => part !== '');
  return parts.at(-1) ?? id;
}

/** The resource group named in a resource ID, or null when it names none. */
export function resourceGroupOf(id: string): string | null {
  const match = /\/resourceGroups\/([^/]+)/i.exec(id);
  return match?.[1] ?? null;
}

/** The subscription named in a resource ID, or null. */
export function subscriptionOf(id: string): string | null {
  const match = /\/subscriptions\/([^/]+)/i.exec(id);
  return match?.[1] ?? null;
}

/** Whether two resource IDs name the same resource: ARM IDs compare case-insensitively. */
export function sameResourceId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/** The parent of a child resource ID (`.../networkInterfaces/nic/ipConfigurations/ip1` → `.../networkInterfaces/nic`). */
export function parentResourceId(id: string): string {
  const parts = id.replace(/\/+$/, '').split('/');
  return parts.slice(0, -2).join('/');
}

/** Whether a resource ID points into a resource type (`networkInterfaces`, `loadBalancers`), case-insensitively. */
export function isResourceOfType(id: string, type: string): boolean {
  return id.toLowerCase().includes(`/${type.toLowerCase()}/`);
}
