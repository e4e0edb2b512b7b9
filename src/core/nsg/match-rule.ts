import type { CompiledAddresses, CompiledPorts, CompiledRule } from './compiled-rule.js';
import type { Flow, MatchField } from './flow-types.js';
import { type IpRange, type IpValue, isPublicAddress, parseIp, rangeContains } from './ip-range.js';
import type { CompiledContext } from './match-context.js';

/** A flow with its addresses parsed, plus what the current layer and context know. */
export interface FlowEnv {
  readonly flow: Flow;
  readonly source: IpValue;
  readonly destination: IpValue;
  /** The VM's side of the flow: the destination inbound, the source outbound. */
  readonly self: IpValue;
  readonly context: CompiledContext;
  /** The layer's tag map (effective API), lower-case keys. */
  readonly tagMap: ReadonlyMap<string, readonly IpRange[]>;
}

/** How one rule fared against a flow. */
export interface RuleMatch {
  readonly outcome: 'match' | 'no-match' | 'unknown';
  readonly field?: MatchField;
  readonly note?: string;
}

/** `true` match, `false` no match, a string: undecidable, and why. */
export type Tri = boolean | string;

const AZURE_LOAD_BALANCER = parseIp('168.63.129.16') as IpValue;
const MATCH: RuleMatch = { outcome: 'match' };
const NO_MATCH: Readonly<Record<MatchField, RuleMatch>> = {
  protocol: { outcome: 'no-match', field: 'protocol' },
  'destination-port': { outcome: 'no-match', field: 'destination-port' },
  'source-port': { outcome: 'no-match', field: 'source-port' },
  'destination-address': { outcome: 'no-match', field: 'destination-address' },
  'source-address': { outcome: 'no-match', field: 'source-address' },
};

function sameIp(a: IpValue, b: IpValue): boolean {
  return a.family === b.family && a.value === b.value;
}

function inRanges(ranges: readonly IpRange[], ip: IpValue): boolean {
  for (const range of ranges) if (rangeContains(range, ip)) return true;
  return false;
}

/** Whether an address is the VM's own (so inside VirtualNetwork and a member of the NIC's ASGs). */
function isSelf(ip: IpValue, env: FlowEnv): boolean {
  if (sameIp(ip, env.self)) return true;
  for (const own of env.context.vmIps) if (sameIp(ip, own)) return true;
  return false;
}

function matchTag(tag: string, ip: IpValue, env: FlowEnv): Tri {
  const key = tag.toLowerCase();
  const expansion = env.tagMap.get(key) ?? env.context.serviceTags.get(key);
  const vnet = env.context.virtualNetwork;
  if (key === 'virtualnetwork') {
    if (isSelf(ip, env)) return true;
    if (expansion !== undefined) return inRanges(expansion, ip);
    if (vnet !== undefined) return inRanges(vnet, ip);
    return 'VirtualNetwork: the virtual network address space was not supplied';
  }
  if (expansion !== undefined) return inRanges(expansion, ip);
  if (key === 'azureloadbalancer') return sameIp(ip, AZURE_LOAD_BALANCER);
  if (key === 'internet') {
    if (isSelf(ip, env) || (vnet !== undefined && inRanges(vnet, ip))) return false;
    return isPublicAddress(ip);
  }
  return `service tag ${tag} has no known expansion`;
}

function matchAsg(id: string, ip: IpValue, env: FlowEnv): Tri {
  const { context } = env;
  if (isSelf(ip, env)) {
    if (context.nicAsgIds !== undefined) return context.nicAsgIds.has(id);
    return `application security group ${id}: the NIC's memberships were not supplied`;
  }
  const members = context.asgMembers.get(id);
  if (members !== undefined) return inRanges(members, ip);
  // ASG members are NICs in the virtual network, so an address outside it cannot be one.
  if (context.virtualNetwork !== undefined) {
    return inRanges(context.virtualNetwork, ip) ? `application security group ${id}: members not supplied` : false;
  }
  if (isPublicAddress(ip)) return false;
  return `application security group ${id}: members not supplied`;
}

/** Matches one address against one compiled side of a rule. */
export function matchAddresses(side: CompiledAddresses, ip: IpValue, env: FlowEnv): Tri {
  if (side.any) return true;
  if (ip.family === 4) {
    const { v4 } = side;
    for (let i = 0; i < v4.length; i += 2)
      if (ip.value >= (v4[i] as number) && ip.value <= (v4[i + 1] as number)) return true;
  } else {
    const { v6 } = side;
    for (let i = 0; i < v6.length; i += 2)
      if (ip.value >= (v6[i] as bigint) && ip.value <= (v6[i + 1] as bigint)) return true;
  }
  let unknown: string | undefined;
  for (const tag of side.tags) {
    const result = matchTag(tag, ip, env);
    if (result === true) return true;
    if (typeof result === 'string') unknown ??= result;
  }
  for (const id of side.asgs) {
    const result = matchAsg(id, ip, env);
    if (result === true) return true;
    if (typeof result === 'string') unknown ??= result;
  }
  return unknown ?? false;
}

/** Matches a flow's port against a compiled port side; ports do not exist for Icmp, Esp and Ah. */
export function matchPorts(side: CompiledPorts, flow: Flow, port: number | undefined): Tri {
  if (side.any) return true;
  if (flow.protocol !== 'Tcp' && flow.protocol !== 'Udp') return false;
  if (port === undefined) return 'the flow does not say its port';
  const { ranges } = side;
  for (let i = 0; i < ranges.length; i += 2)
    if (port >= (ranges[i] as number) && port <= (ranges[i + 1] as number)) return true;
  return false;
}

/** Matches a compiled rule's protocol against the flow's. */
export function matchProtocol(compiled: CompiledRule, flow: Flow): boolean {
  const { protocol } = compiled.rule;
  return protocol === 'Any' || protocol === flow.protocol;
}

/**
 * Matches one rule against a flow. Fields are checked cheapest first; a definite mismatch anywhere wins
 * over an undecidable field, which makes the rule "unknown" rather than silently matched or skipped.
 */
export function matchRule(compiled: CompiledRule, env: FlowEnv): RuleMatch {
  const { flow } = env;
  if (!matchProtocol(compiled, flow)) return NO_MATCH.protocol;
  const destinationPort = matchPorts(compiled.ports.destination, flow, flow.destinationPort);
  if (destinationPort === false) return NO_MATCH['destination-port'];
  const sourcePort = matchPorts(compiled.ports.source, flow, flow.sourcePort);
  if (sourcePort === false) return NO_MATCH['source-port'];
  const destination = matchAddresses(compiled.addresses.destination, env.destination, env);
  if (destination === false) return NO_MATCH['destination-address'];
  const source = matchAddresses(compiled.addresses.source, env.source, env);
  if (source === false) return NO_MATCH['source-address'];
  if (typeof destinationPort === 'string')
    return { outcome: 'unknown', field: 'destination-port', note: destinationPort };
  if (typeof sourcePort === 'string') return { outcome: 'unknown', field: 'source-port', note: sourcePort };
  if (typeof destination === 'string') return { outcome: 'unknown', field: 'destination-address', note: destination };
  if (typeof source === 'string') return { outcome: 'unknown', field: 'source-address', note: source };
  return MATCH;
}
