import type { AddressContext } from './flow-types.js';
import { type IpRange, type IpValue, parseIp, parseIpRange } from './ip-range.js';

/** The address context with every prefix parsed, keys lower-cased. */
export interface CompiledContext {
  readonly vmIps: readonly IpValue[];
  readonly nicAsgIds: ReadonlySet<string> | undefined;
  readonly asgMembers: ReadonlyMap<string, readonly IpRange[]>;
  readonly virtualNetwork: readonly IpRange[] | undefined;
  readonly serviceTags: ReadonlyMap<string, readonly IpRange[]>;
}

/** Parses a list of prefixes, skipping what is not an address or CIDR block. */
export function parseRanges(prefixes: readonly string[]): IpRange[] {
  const out: IpRange[] = [];
  for (const prefix of prefixes) {
    const range = parseIpRange(prefix);
    if (range !== undefined) out.push(range);
  }
  return out;
}

/** Lower-cases keys and parses values of a tag → prefixes map. */
export function compileTagMap(map: Readonly<Record<string, readonly string[]>> | undefined): Map<string, IpRange[]> {
  const out = new Map<string, IpRange[]>();
  for (const [key, prefixes] of Object.entries(map ?? {})) out.set(key.toLowerCase(), parseRanges(prefixes));
  return out;
}

const cache = new WeakMap<AddressContext, CompiledContext>();

/** Compiles an address context (cached per context object). */
export function compileContext(context: AddressContext): CompiledContext {
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const vmIps: IpValue[] = [];
  for (const text of context.vmIps ?? []) {
    const ip = parseIp(text);
    if (ip !== undefined) vmIps.push(ip);
  }
  const result: CompiledContext = {
    vmIps,
    nicAsgIds: context.nicAsgIds === undefined ? undefined : new Set(context.nicAsgIds.map((id) => id.toLowerCase())),
    asgMembers: compileTagMap(context.asgMembers),
    virtualNetwork:
      context.virtualNetworkPrefixes === undefined ? undefined : parseRanges(context.virtualNetworkPrefixes),
    serviceTags: compileTagMap(context.serviceTags),
  };
  cache.set(context, result);
  return result;
}
