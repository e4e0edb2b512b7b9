import type {
  FilterChain,
  FilterCondition,
  FilterRule,
  FilterRuleset,
  FilterVerdict,
} from '../firewall/packet-filter.js';
import { type PortSet, parsePortRange } from '../firewall/port-set.js';

/** Chains of the filter table, as `iptables-save` prints them. */
const BUILT_IN = new Set(['INPUT', 'FORWARD', 'OUTPUT']);

/** Splits a rule line into words, keeping "quoted strings" (comments) whole. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? ''));
  return out;
}

function ports(text: string): PortSet | null {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const range = parsePortRange(part, ':');
    if (range === null) return null;
    out.push([range[0], range[1]]);
  }
  return out;
}

/** One `-A` line's options as conditions, a verdict and a comment. */
function readRule(
  args: readonly string[],
  family: 4 | 6,
): { conditions: FilterCondition[]; verdict: FilterVerdict; comment: string | null } {
  const conditions: FilterCondition[] = [];
  let verdict: FilterVerdict = { kind: 'none' };
  let comment: string | null = null;
  let negated = false;
  // Options after -j belong to the target (--reject-with, --log-prefix): they match nothing.
  let inTarget = false;
  let i = 0;
  const next = () => args[++i] ?? '';
  // Values of an option run until the next word that starts an option.
  const values = () => {
    const out: string[] = [];
    while (i + 1 < args.length && !/^(-|!$)/.test(args[i + 1] ?? '')) out.push(next());
    return out;
  };
  for (; i < args.length; i++) {
    const word = args[i] ?? '';
    if (word === '!') {
      negated = true;
      continue;
    }
    const not = negated ? '! ' : '';
    if (inTarget && word.startsWith('--')) {
      const rest = values();
      if (word === '--reject-with' && verdict.kind === 'reject') verdict = { kind: 'reject', with: rest[0] ?? null };
      continue;
    }
    switch (word) {
      case '-p':
      case '--protocol': {
        const protocol = next().toLowerCase();
        const text = `${not}-p ${protocol}`;
        if (protocol !== 'all' && protocol !== '0')
          conditions.push({ kind: 'l4proto', protocols: [protocol], negated, text });
        break;
      }
      case '-d':
      case '--destination': {
        const list = next();
        conditions.push({ kind: 'daddr', family, prefixes: list.split(','), negated, text: `${not}-d ${list}` });
        break;
      }
      case '--dport':
      case '--destination-port':
      case '--dports':
      case '--destination-ports': {
        const list = next();
        const set = ports(list);
        const text = `${not}${word} ${list}`;
        conditions.push(set === null ? { kind: 'unknown', text } : { kind: 'dport', ports: set, negated, text });
        break;
      }
      case '--sport':
      case '--source-port':
      case '--sports':
      case '--source-ports': {
        const list = next();
        const set = ports(list);
        const text = `${not}${word} ${list}`;
        conditions.push(set === null ? { kind: 'unknown', text } : { kind: 'sport', ports: set, negated, text });
        break;
      }
      case '--ctstate':
      case '--state': {
        const list = next();
        const states = list.split(',').map((s) => s.toLowerCase());
        conditions.push({ kind: 'ct-state', states, negated, text: `${not}${word} ${list}` });
        break;
      }
      case '-o':
      case '--out-interface': {
        const name = next();
        conditions.push({ kind: 'oif', names: [name], negated, text: `${not}-o ${name}` });
        break;
      }
      case '--comment':
        comment = next();
        break;
      case '-m':
      case '--match':
        // The module itself matches nothing; its options follow.
        next();
        break;
      case '-j':
      case '--jump': {
        const target = next();
        inTarget = true;
        if (target === 'ACCEPT' || target === 'DROP' || target === 'RETURN') {
          verdict = { kind: target === 'ACCEPT' ? 'accept' : target === 'DROP' ? 'drop' : 'return' };
        } else if (target === 'REJECT') verdict = { kind: 'reject', with: null };
        else if (!/^[A-Z]+$/.test(target)) verdict = { kind: 'jump', chain: target };
        // LOG, MARK, CONNMARK…: targets that do not end the packet's walk.
        break;
      }
      case '-g':
      case '--goto':
        verdict = { kind: 'goto', chain: next() };
        break;
      default: {
        // -s, -i, owner, mark, set, time…: conditions the probe cannot weigh.
        const rest = values();
        if (word.startsWith('-')) conditions.push({ kind: 'unknown', text: `${not}${[word, ...rest].join(' ')}` });
      }
    }
    negated = false;
  }
  return { conditions, verdict, comment };
}

/**
 * Parses `iptables-save` output (or `ip6tables-save` with family 6): the filter table's chains, their
 * policies (`:OUTPUT DROP [0:0]`) and `-A` rules in order, with OUTPUT as the entry point. Jumps to user
 * chains are followed by the evaluator; other tables (nat, mangle, raw) are left out.
 */
export function parseIptablesSave(text: string, family: 4 | 6 = 4): FilterRuleset {
  const chains = new Map<string, { policy: string; rules: FilterRule[] }>();
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('*')) {
      table = line.slice(1);
      continue;
    }
    if (table !== 'filter') continue;
    if (line.startsWith(':')) {
      const [name = '', policy = '-'] = line.slice(1).split(/\s+/);
      chains.set(name, { policy, rules: chains.get(name)?.rules ?? [] });
      continue;
    }
    if (!line.startsWith('-A ')) continue;
    const [, chain = '', ...args] = words(line);
    const owner = chains.get(chain) ?? { policy: BUILT_IN.has(chain) ? 'ACCEPT' : '-', rules: [] };
    chains.set(chain, owner);
    const rule = readRule(args, family);
    const verdict =
      rule.verdict.kind === 'jump' || rule.verdict.kind === 'goto'
        ? { kind: rule.verdict.kind, chain: `filter ${rule.verdict.chain}` }
        : rule.verdict;
    owner.rules.push({
      ref: `filter ${chain} rule ${owner.rules.length + 1}`,
      name: rule.comment,
      conditions: rule.conditions,
      verdict,
    });
  }
  return {
    chains: [...chains.entries()].map(([name, { policy, rules }]): FilterChain => {
      const outputBase = name === 'OUTPUT';
      return {
        id: `filter ${name}`,
        outputBase,
        priority: 0,
        policy: outputBase ? (policy === 'DROP' ? 'drop' : 'accept') : null,
        implied: [],
        rules,
      };
    }),
  };
}

/** Whether `iptables-save` output holds any rule or a non-default policy (legacy tables in use). */
export function iptablesHasRules(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.startsWith('-A ') || /^:(INPUT|OUTPUT|FORWARD) DROP\b/.test(line));
}
