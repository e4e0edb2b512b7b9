import { readAzureErrorBody } from './azure-error.js';

/** What a JSON document holds, recognised by its content (ARM `type`, resource ID or shape), never by file name. */
export type AzureDocumentKind =
  | 'vm'
  | 'vm-instance-view'
  | 'nic'
  | 'subnet'
  | 'nsg'
  | 'public-ip'
  | 'load-balancer'
  | 'effective-nsg'
  | 'ip-flow-verify'
  | 'azure-error'
  /** An array or `{ value: [...] }` of resources (`az … list`): each item is classified on its own. */
  | 'list'
  | 'unknown';

const TYPES: Readonly<Record<string, AzureDocumentKind>> = {
  'microsoft.compute/virtualmachines': 'vm',
  'microsoft.network/networkinterfaces': 'nic',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/networksecuritygroups': 'nsg',
  'microsoft.network/publicipaddresses': 'public-ip',
  'microsoft.network/loadbalancers': 'load-balancer',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resource type an ARM ID names: `…/providers/Microsoft.Network/virtualNetworks/v/subnets/s` → `microsoft.network/virtualnetworks/subnets`. */
export function typeFromResourceId(id: string): string | null {
  const parts = id.split('/').filter((part) => part !== '');
  const at = parts.findIndex((part) => part.toLowerCase() === 'providers');
  const namespace = parts[at + 1];
  if (at < 0 || namespace === undefined) return null;
  const rest = parts.slice(at + 2);
  if (rest.length === 0 || rest.length % 2 !== 0) return null;
  const types = rest.filter((_, index) => index % 2 === 0);
  return [namespace, ...types].join('/').toLowerCase();
}

function looksEffective(value: unknown): boolean {
  return isObject(value) && ('effectiveSecurityRules' in value || ('association' in value && 'tagMap' in value));
}

/** Recognises one parsed JSON document. */
export function classifyAzureDocument(value: unknown): AzureDocumentKind {
  if (Array.isArray(value)) return value.length > 0 && value.every(looksEffective) ? 'effective-nsg' : 'list';
  if (!isObject(value)) return 'unknown';
  if (readAzureErrorBody(value) !== null) return 'azure-error';
  if (Array.isArray(value.value)) {
    return value.value.length > 0 && value.value.every(looksEffective) ? 'effective-nsg' : 'list';
  }
  if (typeof value.type === 'string') {
    const kind = TYPES[value.type.toLowerCase()];
    if (kind !== undefined) return kind;
  }
  if (typeof value.id === 'string') {
    const fromId = typeFromResourceId(value.id);
    const kind = fromId === null ? undefined : TYPES[fromId];
    if (kind !== undefined) return kind;
  }
  if (typeof value.access === 'string' && Object.keys(value).every((key) => key === 'access' || key === 'ruleName')) {
    return 'ip-flow-verify';
  }
  if (Array.isArray(value.statuses) && ('vmAgent' in value || 'computerName' in value || 'osName' in value)) {
    return 'vm-instance-view';
  }
  if ('powerState' in value && ('networkProfile' in value || 'osProfile' in value)) return 'vm';
  return 'unknown';
}

/** The items of a `list` document (a bare array or `{ value: [...] }`). */
export function listItems(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.value)) return value.value;
  return [];
}
