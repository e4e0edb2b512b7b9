import { isRecord } from './examples.js';
import { idKey, parentKey, parsePath } from './resource-path.js';

interface Stored {
  readonly id: string;
  readonly body: unknown;
}

const MAX_DEPTH = 8;

/** Objects with this `id` (case-insensitive) inside `value`, down to a bounded depth. */
function findById(value: unknown, key: string, depth: number, found: Record<string, unknown>[]): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) findById(item, key, depth + 1, found);
    return;
  }
  if (!isRecord(value)) return;
  if (typeof value.id === 'string' && idKey(value.id) === key) found.push(value);
  for (const child of Object.values(value)) findById(child, key, depth + 1, found);
}

function propertyIgnoringCase(record: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * The emulator's resources: bodies by case-insensitive id. Child resources that ARM returns inside their
 * parent (subnets in a virtual network, rules in an NSG, IP configurations in a NIC, NAT rules in a load
 * balancer) are found there too, unless stored on their own.
 */
export class ResourceStore {
  private readonly resources = new Map<string, Stored>();
  /** Removed ids: no longer found embedded in a parent either (until put again). */
  private readonly removed = new Set<string>();

  /** Stores a copy of `body` at `id`. */
  put(id: string, body: unknown): void {
    this.resources.set(idKey(id), { id, body: structuredClone(body) });
    this.removed.delete(idKey(id));
  }

  /** Removes the resource at `id`, whether stored on its own or embedded in a parent. */
  remove(id: string): void {
    this.resources.delete(idKey(id));
    this.removed.add(idKey(id));
  }

  private isRemoved(key: string): boolean {
    for (let at = key; at !== '/'; at = parentKey(at)) if (this.removed.has(at)) return true;
    return false;
  }

  /** The resource at `id`: stored there, or embedded in a stored ancestor (not a copy). */
  find(id: string): unknown | undefined {
    const key = idKey(id);
    const exact = this.resources.get(key);
    if (exact !== undefined) return exact.body;
    if (this.isRemoved(key)) return undefined;
    for (let ancestor = parentKey(key); ancestor !== '/'; ancestor = parentKey(ancestor)) {
      const holder = this.resources.get(ancestor);
      if (holder === undefined) continue;
      const found: Record<string, unknown>[] = [];
      findById(holder.body, key, 0, found);
      // A child's full body wins over a bare `{ id }` reference to it elsewhere in the parent.
      const best = found.sort((a, b) => Object.keys(b).length - Object.keys(a).length)[0];
      if (best !== undefined) return best;
    }
    return undefined;
  }

  /**
   * The members of a collection path: resources stored directly under it, and the array of that name in
   * the parent's `properties` (`…/networkSecurityGroups/x/securityRules`). Undefined when neither exists.
   */
  children(collection: string): unknown[] | undefined {
    const key = idKey(collection);
    const members = new Map<string, unknown>();
    let known = false;
    const parent = this.find(parentKey(key));
    if (isRecord(parent) && isRecord(parent.properties)) {
      const embedded = propertyIgnoringCase(parent.properties, key.slice(key.lastIndexOf('/') + 1));
      if (Array.isArray(embedded)) {
        known = true;
        for (const item of embedded) {
          const id = isRecord(item) && typeof item.id === 'string' ? idKey(item.id) : `#${members.size}`;
          if (!this.isRemoved(id)) members.set(id, item);
        }
      }
    }
    for (const [childKey, child] of this.resources) {
      if (parentKey(childKey) === key && parsePath(child.id).shape === 'resource') {
        known = true;
        members.set(childKey, child.body);
      }
    }
    return known ? [...members.values()] : undefined;
  }

  /** Every stored resource of `type` in the subscription, whatever its resource group. */
  ofTypeInSubscription(subscriptionId: string, type: string): unknown[] {
    const out: unknown[] = [];
    for (const { id, body } of this.resources.values()) {
      const parsed = parsePath(id);
      if (
        parsed.shape === 'resource' &&
        parsed.subscriptionId?.toLowerCase() === subscriptionId.toLowerCase() &&
        parsed.type?.toLowerCase() === type.toLowerCase()
      ) {
        out.push(body);
      }
    }
    return out;
  }

  /** Every stored resource whose id matches (for lists ARM computes across a level, like JIT policies). */
  matching(pattern: RegExp): unknown[] {
    return [...this.resources.values()].filter(({ id }) => pattern.test(id)).map(({ body }) => structuredClone(body));
  }

  /** Whether some stored resource (anywhere) has this type. */
  hasType(type: string): boolean {
    const lower = type.toLowerCase();
    for (const { id } of this.resources.values()) if (parsePath(id).type?.toLowerCase() === lower) return true;
    return false;
  }
}
