import type { FirewallBlock } from '../evidence/client.js';
import { addressSpecContains } from '../firewall/packet-filter.js';
import { type IpValue, parseIp } from '../nsg/ip-range.js';

/**
 * macOS has two firewalls. The Application Firewall (socketfilterfw) decides which apps may accept
 * incoming connections: it never blocks an outgoing RDP connection. pf (pfctl) filters packets both ways
 * and can. These parsers read `socketfilterfw --getglobalstate` / `--getblockall`, `pfctl -s info` and
 * `pfctl -s rules` (`-sr`).
 */

/** `Firewall is enabled. (State = 1)` → true; `… disabled. (State = 0)` → false; anything else → null. */
export function parseSocketfilterState(text: string): boolean | null {
  const state = /State\s*=\s*(\d)/i.exec(text);
  if (state !== null) return state[1] !== '0';
  if (/\b(enabled|on)\b/i.test(text)) return true;
  if (/\b(disabled|off)\b/i.test(text)) return false;
  return null;
}

/** `Block all ENABLED!` / `Firewall is set to block all…` → true; `Block all DISABLED!` → false. */
export function parseSocketfilterBlockAll(text: string): boolean | null {
  if (/disabled|\boff\b/i.test(text)) return false;
  if (/enabled|block all|\bon\b/i.test(text)) return true;
  return null;
}

/** `Status: Enabled for 0 days 00:12:34` → true, `Status: Disabled` → false (from `pfctl -s info`). */
export function parsePfStatus(text: string): boolean | null {
  const match = /^Status:\s*(Enabled|Disabled)/im.exec(text);
  return match === null ? null : match[1] === 'Enabled';
}

/** One pf filter rule, as `pfctl -sr` prints it. */
export interface PfRule {
  /** 1-based position among the rules `pfctl -sr` lists. */
  readonly index: number;
  readonly text: string;
  readonly action: 'block' | 'pass';
  /** drop (silence) or return (RST / ICMP back); pf's default block policy is drop. */
  readonly returns: boolean;
  readonly direction: 'in' | 'out' | 'both';
  readonly quick: boolean;
  readonly protocols: readonly string[] | null;
  readonly family: 4 | 6 | null;
  /** Destination: null for any; otherwise the address specs as written (may be tables, interfaces). */
  readonly to: readonly string[] | null;
  readonly toNegated: boolean;
  /** Destination port operator and operands (`= 3389`, `3000:4000`, `>< 1000 2000`); null for any. */
  readonly port: { readonly op: string; readonly values: readonly number[] } | null;
  /** Conditions the probe cannot weigh: interface, source, user, tags. */
  readonly conditions: readonly string[];
}

/** Splits a pf rule into words, keeping `{ … }` lists as one word. */
function pfWords(line: string): string[] {
  return (
    line
      .replace(/\{\s*/g, '{')
      .replace(/\s*\}/g, '}')
      .replace(/,\s*/g, ',')
      .match(/\{[^}]*\}|\S+/g) ?? []
  ).map((w) => w.replace(/[{}]/g, '').replace(/,/g, ' ').trim());
}

const PORT_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function readPort(w: readonly string[], at: number): { port: PfRule['port']; next: number } {
  const a = w[at] ?? '';
  if (PORT_OPS.has(a)) return { port: { op: a, values: [Number(w[at + 1])] }, next: at + 2 };
  const b = w[at + 1] ?? '';
  if ((b === '><' || b === '<>') && /^\d+$/.test(w[at + 2] ?? '')) {
    return { port: { op: b, values: [Number(a), Number(w[at + 2])] }, next: at + 3 };
  }
  if (/^\d+:\d+$/.test(a)) return { port: { op: ':', values: a.split(':').map(Number) }, next: at + 1 };
  if (/^[\d ]+$/.test(a)) return { port: { op: 'in', values: a.split(' ').map(Number) }, next: at + 1 };
  return { port: { op: '?', values: [] }, next: at + 1 };
}

/** Parses the filter rules of `pfctl -sr`; anchors, scrub and nat lines are not filter rules. */
export function parsePfRules(text: string): { rules: PfRule[]; anchors: string[] } {
  const rules: PfRule[] = [];
  const anchors: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const anchor = /^anchor\s+"([^"]+)"/.exec(line);
    if (anchor?.[1] !== undefined) anchors.push(anchor[1]);
    if (!/^(block|pass)\b/.test(line)) continue;
    const w = pfWords(line);
    const action = w[0] === 'block' ? 'block' : 'pass';
    let returns = false;
    let direction: PfRule['direction'] = 'both';
    let quick = false;
    let protocols: string[] | null = null;
    let family: 4 | 6 | null = null;
    let to: string[] | null = null;
    let toNegated = false;
    let port: PfRule['port'] = null;
    const conditions: string[] = [];
    let i = 1;
    while (i < w.length) {
      const word = w[i] ?? '';
      if (word === 'drop') returns = false;
      else if (/^return/.test(word)) returns = true;
      else if (word === 'in' || word === 'out') direction = word;
      else if (word === 'quick') quick = true;
      else if (word === 'log' || word === 'all') {
        // log: no effect on the verdict; all: from any to any.
      } else if (word === 'inet') family = 4;
      else if (word === 'inet6') family = 6;
      else if (word === 'on') {
        conditions.push(`on ${w[i + 1] ?? ''}`);
        i += 1;
      } else if (word === 'proto') {
        protocols = (w[i + 1] ?? '').split(' ');
        i += 1;
      } else if (word === 'from') {
        const source = w[i + 1] ?? '';
        if (source !== 'any') conditions.push(`from ${source}`);
        i += 1;
        if (w[i + 1] === 'port') {
          const read = readPort(w, i + 2);
          conditions.push(`source port ${w.slice(i + 2, read.next).join(' ')}`);
          i = read.next - 1;
        }
      } else if (word === 'to') {
        let spec = w[i + 1] ?? '';
        if (spec === '!') {
          toNegated = true;
          i += 1;
          spec = w[i + 1] ?? '';
        } else if (spec.startsWith('!')) {
          toNegated = true;
          spec = spec.slice(1);
        }
        if (spec !== 'any') to = spec.split(' ');
        i += 1;
        if (w[i + 1] === 'port') {
          const read = readPort(w, i + 2);
          port = read.port;
          i = read.next - 1;
        }
      } else if (
        ['flags', 'keep', 'modulate', 'synproxy', 'label', 'tag', 'tagged', 'user', 'group', 'rtable'].includes(word)
      ) {
        // State options and labels end the match part; user/group/tag are conditions.
        if (['user', 'group', 'tagged'].includes(word)) conditions.push(`${word} ${w[i + 1] ?? ''}`);
        i += 1;
      }
      i += 1;
    }
    rules.push({
      index: rules.length + 1,
      text: line,
      action,
      returns,
      direction,
      quick,
      protocols,
      family,
      to,
      toNegated,
      port,
      conditions,
    });
  }
  return { rules, anchors };
}

type Tri = 'yes' | 'no' | 'maybe';

function portMatches(port: PfRule['port'], value: number): Tri {
  if (port === null) return 'yes';
  const [a = Number.NaN, b = Number.NaN] = port.values;
  switch (port.op) {
    case '=':
      return value === a ? 'yes' : 'no';
    case '!=':
      return value !== a ? 'yes' : 'no';
    case '<':
      return value < a ? 'yes' : 'no';
    case '<=':
      return value <= a ? 'yes' : 'no';
    case '>':
      return value > a ? 'yes' : 'no';
    case '>=':
      return value >= a ? 'yes' : 'no';
    case ':':
      return value >= a && value <= b ? 'yes' : 'no';
    case '><':
      return value > a && value < b ? 'yes' : 'no';
    case '<>':
      return value < a || value > b ? 'yes' : 'no';
    case 'in':
      return port.values.includes(value) ? 'yes' : 'no';
    default:
      return 'maybe';
  }
}

function ruleMatches(rule: PfRule, port: number, address: IpValue | null): Tri {
  if (rule.direction === 'in') return 'no';
  if (rule.protocols !== null && !rule.protocols.includes('tcp')) return 'no';
  if (rule.family !== null && address !== null && rule.family !== address.family) return 'no';
  const checks: Tri[] = [portMatches(rule.port, port)];
  if (rule.to !== null) {
    if (address === null) checks.push('maybe');
    else {
      const inside = rule.to.map((spec) => addressSpecContains(spec, address));
      const hit: Tri = inside.includes(true) ? 'yes' : inside.includes(null) ? 'maybe' : 'no';
      checks.push(rule.toNegated ? (hit === 'maybe' ? 'maybe' : hit === 'yes' ? 'no' : 'yes') : hit);
    }
  }
  if (rule.conditions.length > 0) checks.push('maybe');
  return checks.includes('no') ? 'no' : checks.includes('maybe') ? 'maybe' : 'yes';
}

/**
 * pf's verdict on outgoing TCP to `port`: the last matching rule decides unless a `quick` rule matches
 * first; no match passes. A block that decides is certain when every rule that may have overridden it
 * was ruled out; blocks that may match are reported as uncertain.
 */
export function evaluatePfRules(rules: readonly PfRule[], port: number, addresses: readonly string[]): FirewallBlock[] {
  const targets = addresses.map(parseIp).filter((a): a is IpValue => a !== undefined);
  const passes = targets.length === 0 ? [null] : targets;
  const out = new Map<string, Omit<FirewallBlock, 'conditions'> & { conditions: string[]; sure: number }>();
  for (const address of passes) {
    let decision: PfRule | null = null;
    // Pass rules that may match after the decision (last match wins), or quick ones before it.
    let unless: string[] = [];
    let sticky: string[] = [];
    let maybes: PfRule[] = [];
    for (const rule of rules) {
      const match = ruleMatches(rule, port, address);
      if (match === 'no') continue;
      if (match === 'maybe') {
        if (rule.action === 'block') maybes.push(rule);
        else {
          const reason = `unless "${rule.text}" (pf rule ${rule.index}) matches`;
          unless = [...unless, reason];
          if (rule.quick) sticky = [...sticky, reason];
        }
        continue;
      }
      decision = rule;
      unless = sticky;
      // A later match overrides earlier ones that were not quick.
      maybes = maybes.filter((m) => m.quick);
      if (rule.quick) break;
    }
    const found = [
      ...maybes.map((rule) => ({ rule, unless: [] as string[], certain: false })),
      ...(decision?.action === 'block' ? [{ rule: decision, unless, certain: unless.length === 0 }] : []),
    ];
    for (const { rule, unless: reasons, certain } of found) {
      const ref = `pf rule ${rule.index}`;
      const entry = out.get(ref) ?? { ...pfBlock(rule, ref), sure: 0 };
      entry.conditions = [...new Set([...entry.conditions, ...reasons])];
      if (certain) entry.sure += 1;
      out.set(ref, entry);
    }
  }
  return [...out.values()].map(({ sure, ...block }) => ({ ...block, certain: sure === passes.length }));
}

function pfBlock(rule: PfRule, ref: string): FirewallBlock {
  return {
    kind: 'rule',
    ref,
    name: null,
    scope: 'pf',
    action: rule.returns ? 'reject' : 'drop',
    matches: rule.text,
    destinations: rule.to === null ? null : rule.to.map((t) => (rule.toNegated ? `! ${t}` : t)),
    conditions: [...rule.conditions],
    certain: false,
  };
}
