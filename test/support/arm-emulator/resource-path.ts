// ARM paths: a resource id names one resource (an even number of segments after the provider namespace),
// a collection path one type (an odd number). Ids compare case-insensitively, as ARM compares them.

/** What a request path names. */
export interface ParsedPath {
  /** Non-empty segments as given. */
  readonly segments: readonly string[];
  /** The case-insensitive key: lower case, one slash between segments, no trailing slash. */
  readonly key: string;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** The resource provider namespace (`Microsoft.Network`), for `Microsoft.Resources` paths too. */
  readonly namespace?: string;
  /** `resource` (an id), `collection` (a list of one type) or `other` (not an ARM resource path). */
  readonly shape: 'resource' | 'collection' | 'other';
  /** The full type, `Microsoft.Network/networkSecurityGroups/securityRules`. */
  readonly type?: string;
  /** The type and names as ARM's not-found message gives them, `Microsoft.Network/networkInterfaces/nic1`. */
  readonly typeAndName?: string;
}

/** Splits a path into its non-empty segments. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The case-insensitive key of an id or path. */
export function idKey(path: string): string {
  return `/${pathSegments(path).join('/')}`.toLowerCase();
}

/** The key of the parent path (one segment less). */
export function parentKey(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash <= 0 ? '/' : key.slice(0, slash);
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

function typed(
  segments: readonly string[],
  base: { subscriptionId: string; resourceGroup?: string },
  namespace: string,
  rest: readonly string[],
): ParsedPath {
  const key = idKey(segments.join('/'));
  if (rest.length === 0) return { segments, key, ...base, namespace, shape: 'other' };
  const types = rest.filter((_, index) => index % 2 === 0);
  const shape = rest.length % 2 === 0 ? 'resource' : 'collection';
  return {
    segments,
    key,
    ...base,
    namespace,
    shape,
    type: [namespace, ...types].join('/'),
    typeAndName: [namespace, ...rest].join('/'),
  };
}

/** Classifies a request path (or a resource id). */
export function parsePath(path: string): ParsedPath {
  const segments = pathSegments(path);
  const key = idKey(path);
  const [first, subscriptionId, third, fourth, fifth, sixth] = segments;
  if (same(first, 'tenants') && segments.length === 1) {
    return {
      segments,
      key,
      namespace: 'Microsoft.Resources',
      shape: 'collection',
      type: 'Microsoft.Resources/tenants',
    };
  }
  if (!same(first, 'subscriptions')) return { segments, key, shape: 'other' };
  const subscriptions = { segments, key, namespace: 'Microsoft.Resources', type: 'Microsoft.Resources/subscriptions' };
  if (subscriptionId === undefined) return { ...subscriptions, shape: 'collection' };
  if (third === undefined) return { ...subscriptions, subscriptionId, shape: 'resource', typeAndName: subscriptionId };
  if (same(third, 'resourceGroups')) {
    const groups = { segments, key, subscriptionId, namespace: 'Microsoft.Resources' };
    const type = 'Microsoft.Resources/resourceGroups';
    if (fourth === undefined) return { ...groups, shape: 'collection', type };
    if (fifth === undefined) return { ...groups, resourceGroup: fourth, shape: 'resource', type, typeAndName: fourth };
    if (!same(fifth, 'providers') || sixth === undefined) {
      return { segments, key, subscriptionId, resourceGroup: fourth, shape: 'other' };
    }
    return typed(segments, { subscriptionId, resourceGroup: fourth }, sixth, segments.slice(6));
  }
  if (same(third, 'providers') && fourth !== undefined) {
    return typed(segments, { subscriptionId }, fourth, segments.slice(4));
  }
  return { segments, key, subscriptionId, shape: 'other' };
}

/** The last segment of an id: the resource's name. */
export function nameOf(id: string): string {
  return pathSegments(id).at(-1) ?? '';
}
