import type {
  FilterChain,
  FilterCondition,
  FilterRule,
  FilterRuleset,
  FilterVerdict,
} from '../firewall/packet-filter.js';
import { type PortSet, parsePortRange } from '../firewall/port-set.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** The command whose output `parseNftRuleset` reads (read-only: it lists, never changes, the ruleset). */
export const NFT_LIST_ARGS = ['-j', 'list', 'ruleset'] as const;

/** A parsed `nft -j list ruleset`: the filter model plus what could not be read. */
export interface NftRuleset {
  readonly ruleset: FilterRuleset;
  /** How many rules use iptables-nft extensions (`xt`), which the JSON cannot show. */
  readonly extensionRules: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Protocols whose header fields imply a packet that is not TCP. */
const NOT_TCP = new Set(['udp', 'udplite', 'sctp', 'dccp', 'icmp', 'icmpv6', 'igmp', 'arp', 'vlan', 'esp', 'ah']);
/** meta keys nft prints without the `meta` keyword. */
const BARE_META = new Set(['iif', 'oif', 'iifname', 'oifname', 'iiftype', 'oiftype']);
const FAMILY_OF: Readonly<Record<string, 4 | 6>> = { ip: 4, ipv4: 4, ip6: 6, ipv6: 6 };

/** How nft writes the left side of a match (`tcp dport`, `meta l4proto`, `ct state`). */
function leftText(left: Json | undefined): string {
  if (isObject(left)) {
    const payload = left.payload;
    if (isObject(payload))
      return `${String(payload.protocol ?? payload.base ?? '')} ${String(payload.field ?? '')}`.trim();
    const meta = left.meta;
    if (isObject(meta)) return BARE_META.has(String(meta.key)) ? String(meta.key) : `meta ${String(meta.key)}`;
    const ct = left.ct;
    if (isObject(ct)) return `ct ${String(ct.key)}`;
  }
  return JSON.stringify(left);
}

/** How nft writes a value (`3389`, `{ 22, 3389 }`, `3000-4000`, `203.0.113.0/24`, `"lo"`). */
function valueText(value: Json | undefined, quote: boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quote && !value.startsWith('@') ? `"${value}"` : value;
  if (Array.isArray(value)) return value.map((v) => valueText(v, quote)).join(',');
  if (isObject(value)) {
    if (Array.isArray(value.set)) return `{ ${value.set.map((v) => valueText(v, quote)).join(', ')} }`;
    if (Array.isArray(value.range)) return value.range.map((v) => valueText(v, quote)).join('-');
    if (isObject(value.prefix)) return `${String(value.prefix.addr)}/${String(value.prefix.len)}`;
    if (isObject(value.elem)) return valueText(value.elem.val, quote);
  }
  return JSON.stringify(value);
}

/** The elements of a value: a set's members, a named set's elements, or the value itself. */
function elements(value: Json | undefined, sets: ReadonlyMap<string, Json[]>): Json[] | null {
  if (typeof value === 'string' && value.startsWith('@')) return sets.get(value.slice(1)) ?? null;
  if (isObject(value) && Array.isArray(value.set)) return value.set;
  if (value === undefined) return null;
  return [value];
}

function portsOf(value: Json | undefined, op: string, sets: ReadonlyMap<string, Json[]>): PortSet | null {
  if (typeof value === 'number' && ['<', '<=', '>', '>='].includes(op)) {
    if (op === '<') return [[0, value - 1]];
    if (op === '<=') return [[0, value]];
    if (op === '>') return [[value + 1, 65535]];
    return [[value, 65535]];
  }
  const items = elements(value, sets);
  if (items === null) return null;
  const ranges: [number, number][] = [];
  for (const item of items) {
    const inner = isObject(item) && isObject(item.elem) ? item.elem.val : item;
    if (typeof inner === 'number') ranges.push([inner, inner]);
    else if (isObject(inner) && Array.isArray(inner.range)) {
      const [a, b] = inner.range;
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      ranges.push([a, b]);
    } else if (typeof inner === 'string') {
      const range = parsePortRange(inner, '-');
      if (range === null) return null;
      ranges.push([range[0], range[1]]);
    } else return null;
  }
  return ranges;
}

function addressesOf(value: Json | undefined, sets: ReadonlyMap<string, Json[]>): string[] | null {
  const items = elements(value, sets);
  if (items === null) return null;
  const out: string[] = [];
  for (const item of items) {
    const inner = isObject(item) && isObject(item.elem) ? item.elem.val : item;
    if (typeof inner === 'string') out.push(inner);
    else if (isObject(inner) && isObject(inner.prefix))
      out.push(`${String(inner.prefix.addr)}/${String(inner.prefix.len)}`);
    else if (isObject(inner) && Array.isArray(inner.range)) out.push(inner.range.map(String).join('-'));
    else return null;
  }
  return out;
}

function stringsOf(value: Json | undefined): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (isObject(value) && Array.isArray(value.set)) return stringsOf(value.set);
  return null;
}

/** The conditions one `match` expression puts on a packet. */
function matchConditions(match: JsonObject, sets: ReadonlyMap<string, Json[]>): FilterCondition[] {
  const op = typeof match.op === 'string' ? match.op : '==';
  const left = match.left;
  const right = match.right;
  const name = leftText(left);
  const quote = /name$/.test(name);
  const text = `${name} ${op === '==' || op === 'in' ? '' : `${op} `}${valueText(right, quote)}`;
  const negated = op === '!=';
  const equality = op === '==' || op === 'in' || op === '!=';
  const unknown: FilterCondition = { kind: 'unknown', text };
  if (isObject(left) && isObject(left.payload)) {
    const protocol = String(left.payload.protocol ?? '');
    const field = String(left.payload.field ?? '');
    if (NOT_TCP.has(protocol)) return [{ kind: 'never', text }];
    if ((protocol === 'tcp' || protocol === 'th') && (field === 'dport' || field === 'sport')) {
      const ports = portsOf(right, op, sets);
      if (ports === null || !(equality || ['<', '<=', '>', '>='].includes(op))) return [unknown];
      return [{ kind: field, ports, negated, text }];
    }
    const family = FAMILY_OF[protocol];
    if (family !== undefined && field === 'daddr' && equality) {
      const prefixes = addressesOf(right, sets);
      return prefixes === null
        ? [{ kind: 'family', family, text }, unknown]
        : [{ kind: 'daddr', family, prefixes, negated, text }];
    }
    if (family !== undefined && (field === 'protocol' || field === 'nexthdr') && equality) {
      const protocols = stringsOf(right) ?? (typeof right === 'number' ? [String(right)] : null);
      return protocols === null
        ? [{ kind: 'family', family, text }, unknown]
        : [
            { kind: 'family', family, text },
            { kind: 'l4proto', protocols, negated, text },
          ];
    }
    return family === undefined ? [unknown] : [{ kind: 'family', family, text }, unknown];
  }
  if (isObject(left) && isObject(left.meta) && equality) {
    const key = String(left.meta.key);
    if (key === 'l4proto') {
      const protocols = stringsOf(right) ?? (typeof right === 'number' ? [String(right)] : null);
      return protocols === null ? [unknown] : [{ kind: 'l4proto', protocols, negated, text }];
    }
    if (key === 'nfproto' || key === 'protocol') {
      const family = typeof right === 'string' ? FAMILY_OF[right] : undefined;
      if (family === undefined) return [unknown];
      return negated ? [{ kind: 'family', family: family === 4 ? 6 : 4, text }] : [{ kind: 'family', family, text }];
    }
    if (key === 'oifname') {
      const names = stringsOf(right);
      return names === null ? [unknown] : [{ kind: 'oif', names, negated, text }];
    }
    return [unknown];
  }
  if (isObject(left) && isObject(left.ct) && String(left.ct.key) === 'state' && equality) {
    const states = stringsOf(right);
    return states === null ? [unknown] : [{ kind: 'ct-state', states, negated, text }];
  }
  return [unknown];
}

/** One rule's statements as conditions and a verdict. */
function readRule(
  expr: Json[],
  sets: ReadonlyMap<string, Json[]>,
): { conditions: FilterCondition[]; verdict: FilterVerdict; xt: boolean } {
  const conditions: FilterCondition[] = [];
  let verdict: FilterVerdict = { kind: 'none' };
  let xt = false;
  for (const statement of expr) {
    if (!isObject(statement)) continue;
    const [key] = Object.keys(statement);
    const body = key === undefined ? undefined : statement[key];
    switch (key) {
      case 'match':
        if (isObject(body)) conditions.push(...matchConditions(body, sets));
        break;
      case 'accept':
      case 'drop':
      case 'return':
        verdict = { kind: key };
        break;
      case 'reject':
        verdict = { kind: 'reject', with: isObject(body) ? valueText(body.expr ?? body.type, false) : null };
        break;
      case 'jump':
      case 'goto':
        if (isObject(body) && typeof body.target === 'string') verdict = { kind: key, chain: body.target };
        break;
      case 'xt': {
        xt = true;
        const type = isObject(body) ? String(body.type) : '';
        const name = isObject(body) ? String(body.name) : '';
        if (type === 'target' && name === 'REJECT') verdict = { kind: 'reject', with: null };
        else conditions.push({ kind: 'unknown', text: `iptables extension ${name || 'unknown'}` });
        break;
      }
      case 'limit':
      case 'quota':
        conditions.push({ kind: 'unknown', text: `${key} ${valueText(body, false)}` });
        break;
      default:
        // counter, log, comment, mangle, set updates: no effect on whether the packet passes.
        break;
    }
  }
  return { conditions, verdict, xt };
}

/**
 * Parses the JSON of `nft -j list ruleset` (libnftables JSON schema 1) into the filter model: every chain
 * of the ip, ip6 and inet families, with the chains at the output hook (filter or route type) as entry
 * points. Named sets are resolved; expressions it does not model become conditions it cannot weigh.
 */
export function parseNftRuleset(json: string): Result<NftRuleset, InputError> {
  let parsed: Json;
  try {
    parsed = JSON.parse(json) as Json;
  } catch {
    return err(inputError('nft output', 'nft output is not JSON; expected `nft -j list ruleset` output.'));
  }
  if (!isObject(parsed) || !Array.isArray(parsed.nftables)) {
    return err(inputError('nft output', 'nft output has no "nftables" list; expected `nft -j list ruleset` output.'));
  }
  const items = parsed.nftables.filter(isObject);
  const families = new Set(['ip', 'ip6', 'inet']);
  const tableKey = (o: JsonObject) => `${String(o.family)} ${String(o.table)}`;
  const sets = new Map<string, Map<string, Json[]>>();
  for (const item of items) {
    const set = item.set;
    if (!isObject(set)) continue;
    const inTable = sets.get(tableKey(set)) ?? new Map<string, Json[]>();
    inTable.set(String(set.name), Array.isArray(set.elem) ? set.elem : []);
    sets.set(tableKey(set), inTable);
  }
  const chains = new Map<string, { chain: JsonObject; rules: FilterRule[] }>();
  let extensionRules = 0;
  for (const item of items) {
    const chain = item.chain;
    if (isObject(chain) && families.has(String(chain.family))) {
      chains.set(`${tableKey(chain)} ${String(chain.name)}`, { chain, rules: [] });
    }
    const rule = item.rule;
    if (!isObject(rule) || !families.has(String(rule.family)) || !Array.isArray(rule.expr)) continue;
    const owner = chains.get(`${tableKey(rule)} ${String(rule.chain)}`);
    if (owner === undefined) continue;
    const read = readRule(rule.expr, sets.get(tableKey(rule)) ?? new Map());
    if (read.xt) extensionRules += 1;
    const verdict =
      read.verdict.kind === 'jump' || read.verdict.kind === 'goto'
        ? { kind: read.verdict.kind, chain: `${tableKey(rule)} ${read.verdict.chain}` }
        : read.verdict;
    owner.rules.push({
      ref: `${tableKey(rule)} ${String(rule.chain)} handle ${String(rule.handle)}`,
      name: typeof rule.comment === 'string' ? rule.comment : null,
      conditions: read.conditions,
      verdict,
    });
  }
  const model: FilterChain[] = [...chains.entries()].map(([id, { chain, rules }]) => {
    const family = FAMILY_OF[String(chain.family)];
    const outputBase = chain.hook === 'output' && (chain.type === 'filter' || chain.type === 'route');
    return {
      id,
      outputBase,
      priority: typeof chain.prio === 'number' ? chain.prio : 0,
      policy: outputBase ? (chain.policy === 'drop' ? 'drop' : 'accept') : null,
      implied: family === undefined ? [] : [{ kind: 'family', family, text: `${String(chain.family)} family` }],
      rules,
    };
  });
  return ok({ ruleset: { chains: model }, extensionRules });
}
