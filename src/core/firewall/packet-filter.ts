import type { FirewallBlock } from '../evidence/client.js';
import { type IpValue, parseIp, parseIpRange, rangeContains } from '../nsg/ip-range.js';
import { type PortSet, portSetHas, portSetsOverlap } from './port-set.js';

/**
 * A Linux packet filter (nftables or iptables) reduced to what decides an outgoing TCP connection: chains
 * of rules, each a list of conditions and a verdict. Parsers of `nft -j list ruleset` and `iptables-save`
 * build it; `evaluateOutput` walks it for one connection the way the kernel would.
 */

/** Does a condition hold for the connection: yes, no, or it depends on something the probe cannot see. */
export type Tri = 'yes' | 'no' | 'maybe';

/** One thing a rule matches on. `text` is how the tool itself writes it. */
export type FilterCondition =
  | {
      readonly kind: 'l4proto';
      readonly protocols: readonly string[];
      readonly negated: boolean;
      readonly text: string;
    }
  | { readonly kind: 'dport'; readonly ports: PortSet; readonly negated: boolean; readonly text: string }
  | { readonly kind: 'sport'; readonly ports: PortSet; readonly negated: boolean; readonly text: string }
  | {
      readonly kind: 'daddr';
      readonly family: 4 | 6;
      readonly prefixes: readonly string[];
      readonly negated: boolean;
      readonly text: string;
    }
  | { readonly kind: 'family'; readonly family: 4 | 6; readonly text: string }
  | { readonly kind: 'ct-state'; readonly states: readonly string[]; readonly negated: boolean; readonly text: string }
  /** The output interface: only loopback can be told (the RDP target is not on this computer). */
  | { readonly kind: 'oif'; readonly names: readonly string[]; readonly negated: boolean; readonly text: string }
  /** A protocol other than TCP is required (`udp dport 53`): never an outgoing RDP connection. */
  | { readonly kind: 'never'; readonly text: string }
  /** Source address, user, interface, marks, extensions: the probe cannot tell whether RDP matches. */
  | { readonly kind: 'unknown'; readonly text: string };

/** What a rule does when it matches. `none` (counter, log) goes on to the next rule. */
export type FilterVerdict =
  | { readonly kind: 'accept' | 'drop' | 'return' | 'none' }
  | { readonly kind: 'reject'; readonly with: string | null }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string };

/** One rule: where to find it, its name or comment, what it matches and does. */
export interface FilterRule {
  /** How to find it again (`inet filter output handle 5`, `filter OUTPUT rule 3`). */
  readonly ref: string;
  readonly name: string | null;
  readonly conditions: readonly FilterCondition[];
  readonly verdict: FilterVerdict;
}

/** A chain; base chains are the entry points at the output hook, weighed in priority order. */
export interface FilterChain {
  /** `inet filter output`, `filter OUTPUT`: also the key jumps name. */
  readonly id: string;
  /** Whether packets of locally made connections enter here (output hook, filter or route type). */
  readonly outputBase: boolean;
  readonly priority: number;
  /** Base chains only: what happens at the end of the chain. */
  readonly policy: 'accept' | 'drop' | null;
  /** Conditions every packet in this chain already meets (an `ip` table sees IPv4 only). */
  readonly implied: readonly FilterCondition[];
  readonly rules: readonly FilterRule[];
}

/** A whole ruleset as one tool listed it. */
export interface FilterRuleset {
  readonly chains: readonly FilterChain[];
}

/** Linux's default ephemeral source ports (net.ipv4.ip_local_port_range). */
const EPHEMERAL: PortSet = [[32768, 60999]];

const LOOPBACK_NAMES = new Set(['lo', 'lo0']);
const LOOPBACK = ['127.0.0.0/8', '::1/128'].map((p) => parseIpRange(p)).filter((r) => r !== undefined);

function isLoopback(address: IpValue): boolean {
  return LOOPBACK.some((range) => rangeContains(range, address));
}

/** The SYN of a new connection is in conntrack state `new`. */
const NEW_STATE = 'new';

function flip(value: Tri, negated: boolean): Tri {
  if (!negated || value === 'maybe') return value;
  return value === 'yes' ? 'no' : 'yes';
}

/**
 * Whether an address lies in `spec`: one address, a CIDR block or a `first-last` range. Null when the
 * spec is none of these (a keyword such as `LocalSubnet`).
 */
export function addressSpecContains(spec: string, address: IpValue): boolean | null {
  const dash = spec.indexOf('-');
  if (dash > 0) {
    const first = parseIp(spec.slice(0, dash));
    const last = parseIp(spec.slice(dash + 1));
    if (first === undefined || last === undefined || first.family !== last.family) return null;
    if (address.family !== first.family) return false;
    return address.value >= first.value && address.value <= last.value;
  }
  const range = parseIpRange(withPrefixLength(spec));
  return range === undefined ? null : rangeContains(range, address);
}

/** `10.0.0.0/255.255.255.0` (Windows writes IPv4 masks so) as `10.0.0.0/24`; other text unchanged. */
function withPrefixLength(spec: string): string {
  const match = /^([^/]+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(spec.trim());
  if (match === null) return spec;
  const mask = parseIp(match[2] ?? '');
  if (mask === undefined || mask.family !== 4) return spec;
  const bits = mask.value.toString(2).padStart(32, '0');
  if (!/^1*0*$/.test(bits)) return spec;
  return `${match[1]}/${bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')}`;
}

/** Whether one condition holds for outgoing TCP to `port` at `address` (null: not known). */
export function conditionHolds(condition: FilterCondition, port: number, address: IpValue | null): Tri {
  switch (condition.kind) {
    case 'l4proto':
      return flip(condition.protocols.some((p) => p === 'tcp' || p === '6') ? 'yes' : 'no', condition.negated);
    case 'dport':
      return flip(portSetHas(condition.ports, port) ? 'yes' : 'no', condition.negated);
    case 'sport':
      // The source port is ephemeral: only a rule on that range may catch it.
      return condition.negated ? 'maybe' : portSetsOverlap(condition.ports, EPHEMERAL) ? 'maybe' : 'no';
    case 'daddr': {
      if (address === null) return 'maybe';
      if (address.family !== condition.family) return 'no';
      const inside = condition.prefixes.some((p) => addressSpecContains(p, address) === true);
      return flip(inside ? 'yes' : 'no', condition.negated);
    }
    case 'family':
      return address === null ? 'maybe' : address.family === condition.family ? 'yes' : 'no';
    case 'ct-state':
      return flip(condition.states.includes(NEW_STATE) ? 'yes' : 'no', condition.negated);
    case 'oif': {
      // Packets to a remote address never leave through loopback; other interfaces depend on the route.
      if (!condition.names.every((n) => LOOPBACK_NAMES.has(n))) return 'maybe';
      if (address === null) return 'maybe';
      return flip(isLoopback(address) ? 'yes' : 'no', condition.negated);
    }
    case 'never':
      return 'no';
    case 'unknown':
      return 'maybe';
  }
}

/** All conditions together: any `no` rules the match out, any `maybe` leaves it open. */
export function allHold(conditions: readonly FilterCondition[], port: number, address: IpValue | null): Tri {
  let result: Tri = 'yes';
  for (const condition of conditions) {
    const value = conditionHolds(condition, port, address);
    if (value === 'no') return 'no';
    if (value === 'maybe') result = 'maybe';
  }
  return result;
}

/** Why a verdict is not certain: rules that may have decided first (`unless …`), jumps that may not happen. */
type Unless = readonly string[];

type Walk =
  | { readonly kind: 'accept' | 'end'; readonly unless: Unless }
  | { readonly kind: 'block'; readonly rule: FilterRule; readonly scope: string; readonly unless: Unless };

interface Found {
  readonly rule: FilterRule | null;
  readonly scope: string;
  readonly action: 'drop' | 'reject';
  readonly unless: Unless;
}

const MAX_DEPTH = 16;

function actionOf(rule: FilterRule): 'drop' | 'reject' {
  return rule.verdict.kind === 'reject' ? 'reject' : 'drop';
}

/**
 * Walks the output base chains for one connection. Every base chain at the hook sees the packet (an
 * accept in one does not spare it the next); a drop or reject anywhere ends it. Rules that may match
 * (`maybe`) and block are kept as uncertain blocks; an accept that may match makes later blocks uncertain
 * and is named as their `unless`.
 */
function evaluateOne(ruleset: FilterRuleset, port: number, address: IpValue | null): Found[] {
  const byId = new Map(ruleset.chains.map((c) => [c.id, c]));
  const found: Found[] = [];
  const walk = (chain: FilterChain, unlessIn: Unless, depth: number): Walk => {
    let unless = unlessIn;
    if (depth > MAX_DEPTH) return { kind: 'end', unless: [...unless, `chains nested deeper than ${MAX_DEPTH}`] };
    const implied = allHold(chain.implied, port, address);
    if (implied === 'no') return { kind: 'end', unless };
    if (implied === 'maybe') {
      const families = chain.implied.flatMap((c) => (c.kind === 'family' ? [`IPv${c.family}`] : []));
      unless = [...unless, `if the address is ${families.join(' or ') || 'matched by the chain'}`];
    }
    for (const rule of chain.rules) {
      const match = allHold(rule.conditions, port, address);
      if (match === 'no') continue;
      const sure = match === 'yes';
      const verdict = rule.verdict;
      const may = `unless ${describe(rule.conditions)} (${rule.ref}) matches first`;
      switch (verdict.kind) {
        case 'none':
          break;
        case 'accept':
          if (sure) return { kind: 'accept', unless };
          unless = [...unless, may];
          break;
        case 'drop':
        case 'reject':
          if (sure) return { kind: 'block', rule, scope: chain.id, unless };
          found.push({ rule, scope: chain.id, action: actionOf(rule), unless: [...unless, 'if its conditions hold'] });
          break;
        case 'return':
          if (sure) return { kind: 'end', unless };
          unless = [...unless, may];
          break;
        case 'jump':
        case 'goto': {
          const target = byId.get(verdict.chain);
          if (target === undefined) {
            unless = [...unless, `unless the chain ${verdict.chain} (not listed) decides first`];
            break;
          }
          const inner = walk(
            target,
            sure ? unless : [...unless, `if ${describe(rule.conditions)} (${rule.ref}) matches`],
            depth + 1,
          );
          if (inner.kind === 'end') {
            if (verdict.kind === 'goto' && sure) return inner;
            unless = sure ? inner.unless : unless;
            break;
          }
          if (sure) return inner;
          if (inner.kind === 'block') {
            found.push({ rule: inner.rule, scope: inner.scope, action: actionOf(inner.rule), unless: inner.unless });
          }
          unless = [...unless, may];
          break;
        }
      }
    }
    return { kind: 'end', unless };
  };
  const bases = ruleset.chains.filter((c) => c.outputBase).sort((a, b) => a.priority - b.priority);
  let unless: Unless = [];
  for (const base of bases) {
    const result = walk(base, unless, 0);
    if (result.kind === 'block') {
      found.push({ rule: result.rule, scope: result.scope, action: actionOf(result.rule), unless: result.unless });
      return found;
    }
    if (result.kind === 'end' && base.policy === 'drop') {
      found.push({ rule: null, scope: base.id, action: 'drop', unless: result.unless });
      return found;
    }
    unless = result.unless;
  }
  return found;
}

/** The rule's matches as the tool writes them (one expression may yield several conditions). */
function describe(conditions: readonly FilterCondition[]): string {
  return conditions.length === 0 ? 'everything' : [...new Set(conditions.map((c) => c.text))].join(' ');
}

/**
 * The rules and policies that block (or may block) outgoing TCP to `port`, for each address the client
 * dials (none known: one pass with the address open). A block is certain only when it is certain for
 * every address.
 */
export function evaluateOutput(ruleset: FilterRuleset, port: number, addresses: readonly string[]): FirewallBlock[] {
  const values = addresses.map(parseIp).filter((a): a is IpValue => a !== undefined);
  const passes = values.length === 0 ? [null] : values;
  const byRef = new Map<string, { block: FirewallBlock; sure: number }>();
  for (const address of passes) {
    const seen = new Map<string, boolean>();
    for (const f of evaluateOne(ruleset, port, address)) {
      const ref = f.rule?.ref ?? `${f.scope} policy`;
      seen.set(ref, (seen.get(ref) ?? false) || f.unless.length === 0);
      if (!byRef.has(ref)) byRef.set(ref, { block: toBlock(f, ref, port, address), sure: 0 });
    }
    for (const [ref, certain] of seen) {
      const entry = byRef.get(ref);
      if (entry !== undefined && certain) entry.sure += 1;
    }
  }
  return [...byRef.values()].map(({ block, sure }) => ({ ...block, certain: sure === passes.length }));
}

function toBlock(f: Found, ref: string, port: number, address: IpValue | null): FirewallBlock {
  if (f.rule === null) {
    return {
      kind: 'default',
      ref,
      name: null,
      scope: f.scope,
      action: f.action,
      matches: 'policy drop',
      destinations: null,
      conditions: [...new Set(f.unless)],
      certain: f.unless.length === 0,
    };
  }
  const daddr = f.rule.conditions.filter(
    (c): c is Extract<FilterCondition, { kind: 'daddr' }> => c.kind === 'daddr' && !c.negated,
  );
  const open = f.rule.conditions.filter((c) => c.kind !== 'daddr' && conditionHolds(c, port, address) === 'maybe');
  return {
    kind: 'rule',
    ref,
    name: f.rule.name,
    scope: f.scope,
    action: f.action,
    matches: describe(f.rule.conditions),
    destinations: daddr.length === 0 ? null : daddr.flatMap((c) => c.prefixes),
    conditions: [...new Set([...open.map((c) => c.text), ...f.unless.filter((u) => u !== 'if its conditions hold')])],
    certain: f.unless.length === 0,
  };
}
