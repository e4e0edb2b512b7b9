import { isRecord } from './examples.js';
import { type NicTopology, type ReadResource, type ReferencedNsg, readNicTopology } from './topology.js';

// The effective NSG API's shape (network/NetworkInterfaceEffectiveNSGList.json): one entry per NSG with its
// association, every rule named `securityRules/<name>` or `defaultSecurityRules/<name>`, protocol `All` for
// `*`, port ranges as `first-last`, `*` as `0.0.0.0/0`, single addresses as `/32` (`/128`), and the service
// tags the emulator can expand honestly given with `expanded…AddressPrefix`: VirtualNetwork (the VNet's
// address space and 168.63.129.16/32) and AzureLoadBalancer (168.63.129.16/32). Other tags (Internet,
// Storage…) stay unexpanded: ARM lists hundreds of prefixes there, which the emulator does not invent.

const AZURE_PLATFORM = '168.63.129.16/32';
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function protocolOf(protocol: unknown): string {
  const text = typeof protocol === 'string' ? protocol : '*';
  switch (text.toLowerCase()) {
    case '*':
    case 'any':
    case 'all':
      return 'All';
    case 'tcp':
      return 'Tcp';
    case 'udp':
      return 'Udp';
    case 'icmp':
      return 'Icmp';
    case 'esp':
      return 'Esp';
    case 'ah':
      return 'Ah';
    default:
      return text;
  }
}

function portOf(port: string): string {
  if (port === '*') return '0-65535';
  return port.includes('-') ? port : `${port}-${port}`;
}

function addressOf(prefix: string): string {
  const lower = prefix.toLowerCase();
  if (lower === '*' || lower === 'any') return '0.0.0.0/0';
  if (IPV4.test(prefix)) return `${prefix}/32`;
  if (prefix.includes(':') && !prefix.includes('/')) return `${prefix}/128`;
  return prefix;
}

function expansionOf(prefix: string, vnetPrefixes: readonly string[]): readonly string[] | undefined {
  switch (prefix.toLowerCase()) {
    case 'virtualnetwork':
      return [...vnetPrefixes, AZURE_PLATFORM];
    case 'azureloadbalancer':
      return [AZURE_PLATFORM];
    default:
      return undefined;
  }
}

function isTag(prefix: string): boolean {
  return /^[A-Za-z]/.test(prefix) && prefix !== '*';
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

/** One side's fields (`source…` or `destination…`) in the effective shape. */
function addressSide(
  props: Record<string, unknown>,
  side: 'source' | 'destination',
  vnetPrefixes: readonly string[],
  ruleName: string,
): Record<string, unknown> {
  const groups = props[`${side}ApplicationSecurityGroups`];
  if (Array.isArray(groups) && groups.length > 0) {
    throw new Error(
      `rule ${ruleName} uses application security groups, which the emulator does not expand; ` +
        'answer effectiveNetworkSecurityGroups with onAction',
    );
  }
  const single = props[`${side}AddressPrefix`];
  const many = list(props[`${side}AddressPrefixes`]);
  const prefixes = many.length > 0 ? many : [typeof single === 'string' && single !== '' ? single : '*'];
  const converted = prefixes.map(addressOf);
  const out: Record<string, unknown> =
    converted.length === 1 ? { [`${side}AddressPrefix`]: converted[0] } : { [`${side}AddressPrefixes`]: converted };
  if (prefixes.some(isTag)) {
    const expanded: string[] = [];
    for (const prefix of prefixes) {
      const expansion = isTag(prefix) ? expansionOf(prefix, vnetPrefixes) : [addressOf(prefix)];
      if (expansion === undefined) return out;
      expanded.push(...expansion);
    }
    out[`expanded${side === 'source' ? 'Source' : 'Destination'}AddressPrefix`] = expanded;
  }
  return out;
}

function portSide(props: Record<string, unknown>, side: 'source' | 'destination'): Record<string, unknown> {
  const single = props[`${side}PortRange`];
  const many = list(props[`${side}PortRanges`]);
  if (many.length > 0) return { [`${side}PortRanges`]: many.map(portOf) };
  return { [`${side}PortRange`]: portOf(typeof single === 'string' && single !== '' ? single : '*') };
}

function effectiveRule(
  rule: unknown,
  group: 'securityRules' | 'defaultSecurityRules',
  vnetPrefixes: readonly string[],
) {
  const raw = isRecord(rule) ? rule : {};
  const props = isRecord(raw.properties) ? raw.properties : {};
  const name = `${group}/${typeof raw.name === 'string' ? raw.name : ''}`;
  return {
    name,
    protocol: protocolOf(props.protocol),
    ...portSide(props, 'source'),
    ...portSide(props, 'destination'),
    ...addressSide(props, 'source', vnetPrefixes, name),
    ...addressSide(props, 'destination', vnetPrefixes, name),
    access: props.access,
    priority: props.priority,
    direction: props.direction,
  };
}

function priorityOf(rule: unknown): number {
  const props = isRecord(rule) && isRecord(rule.properties) ? rule.properties : {};
  return typeof props.priority === 'number' ? props.priority : Number.MAX_SAFE_INTEGER;
}

function entry(nsg: ReferencedNsg, association: Record<string, unknown>, topology: NicTopology): unknown {
  const props = isRecord(nsg.body.properties) ? nsg.body.properties : {};
  const custom = (Array.isArray(props.securityRules) ? [...props.securityRules] : []).sort(
    (a, b) => priorityOf(a) - priorityOf(b),
  );
  const defaults = Array.isArray(props.defaultSecurityRules) ? props.defaultSecurityRules : [];
  return {
    networkSecurityGroup: { id: nsg.id },
    association,
    effectiveSecurityRules: [
      ...custom.map((rule) => effectiveRule(rule, 'securityRules', topology.vnetPrefixes)),
      ...defaults.map((rule) => effectiveRule(rule, 'defaultSecurityRules', topology.vnetPrefixes)),
    ],
  };
}

/**
 * The NIC's effective NSGs built from the NSGs stored now (NIC's, then subnet's), or undefined when the NIC
 * is not stored. Throws for rules it cannot render honestly (application security groups).
 */
export function effectiveNsgList(read: ReadResource, nicId: string): { value: unknown[] } | undefined {
  const topology = readNicTopology(read, nicId);
  if (topology === undefined) return undefined;
  const value: unknown[] = [];
  if (topology.nicNsg !== undefined) value.push(entry(topology.nicNsg, { networkInterface: { id: nicId } }, topology));
  if (topology.subnetNsg !== undefined && topology.subnetId !== undefined) {
    value.push(entry(topology.subnetNsg, { subnet: { id: topology.subnetId } }, topology));
  }
  return { value };
}
