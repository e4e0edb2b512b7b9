import { classifyAddressPrefix } from './address-entry.js';
import type { ConsideredRule, MatchField } from './flow-types.js';
import { type IpRange, parseIpRange } from './ip-range.js';
import type { AddressEntry, NormalizedRule, PortEntry, RuleDirection } from './rule-model.js';

/** One side of a rule, ready for fast matching: ranges split by family, tags and ASGs kept aside. */
export interface CompiledAddresses {
  readonly any: boolean;
  /** IPv4 ranges as flat [first, last, first, last, …]. */
  readonly v4: readonly number[];
  /** IPv6 ranges as flat [first, last, …]. */
  readonly v6: readonly bigint[];
  readonly tags: readonly string[];
  /** ASG resource IDs, lower-cased. */
  readonly asgs: readonly string[];
}

/** A port side: any, or flat [first, last, …] ranges. */
export interface CompiledPorts {
  readonly any: boolean;
  readonly ranges: readonly number[];
}

/** A rule compiled for matching; `rule` is the plain rule reported back. */
export interface CompiledRule {
  readonly rule: NormalizedRule;
  readonly addresses: { readonly source: CompiledAddresses; readonly destination: CompiledAddresses };
  readonly ports: { readonly source: CompiledPorts; readonly destination: CompiledPorts };
  /** Ready-made trace entries, so a full trace of thousands of rules allocates nothing per flow. */
  readonly traces: { readonly match: ConsideredRule; readonly noMatch: Readonly<Record<MatchField, ConsideredRule>> };
}

function pushRange(range: IpRange, v4: number[], v6: bigint[]): void {
  if (range.family === 4) v4.push(range.first, range.last);
  else v6.push(range.first, range.last);
}

/** Compiles address entries, or the effective API's expansion of them when it has one. */
export function compileAddresses(entries: readonly AddressEntry[], expanded?: readonly string[]): CompiledAddresses {
  const v4: number[] = [];
  const v6: bigint[] = [];
  const tags: string[] = [];
  const asgs: string[] = [];
  let any = false;
  const use: readonly AddressEntry[] =
    expanded === undefined
      ? entries
      : expanded.flatMap((text) => {
          const entry = classifyAddressPrefix(text);
          return entry.kind === 'ok' ? [entry.value] : [];
        });
  for (const entry of use) {
    if (entry.kind === 'any') any = true;
    else if (entry.kind === 'service-tag') tags.push(entry.text);
    else if (entry.kind === 'asg') asgs.push(entry.text.toLowerCase());
    else {
      const range = parseIpRange(entry.text);
      if (range !== undefined) pushRange(range, v4, v6);
    }
  }
  return { any, v4, v6, tags, asgs };
}

function compilePorts(entries: readonly PortEntry[]): CompiledPorts {
  const ranges: number[] = [];
  let any = false;
  for (const entry of entries) {
    if (entry.kind === 'any') any = true;
    else ranges.push(entry.first, entry.last);
  }
  return { any, ranges };
}

const compiled = new WeakMap<NormalizedRule, CompiledRule>();

/** Compiles one rule (cached per rule object, so repeated evaluations pay once). */
export function compileRule(rule: NormalizedRule): CompiledRule {
  const cached = compiled.get(rule);
  if (cached !== undefined) return cached;
  const result: CompiledRule = {
    rule,
    addresses: {
      source: compileAddresses(rule.sources, rule.expandedSources),
      destination: compileAddresses(rule.destinations, rule.expandedDestinations),
    },
    ports: { source: compilePorts(rule.sourcePorts), destination: compilePorts(rule.destinationPorts) },
    traces: {
      match: { rule, outcome: 'match' },
      noMatch: {
        protocol: { rule, outcome: 'no-match', field: 'protocol' },
        'destination-port': { rule, outcome: 'no-match', field: 'destination-port' },
        'source-port': { rule, outcome: 'no-match', field: 'source-port' },
        'destination-address': { rule, outcome: 'no-match', field: 'destination-address' },
        'source-address': { rule, outcome: 'no-match', field: 'source-address' },
      },
    },
  };
  compiled.set(rule, result);
  return result;
}

/** A layer's rules for each direction, by priority (stable for ties), compiled. */
export interface PreparedRules {
  readonly Inbound: readonly CompiledRule[];
  readonly Outbound: readonly CompiledRule[];
}

const prepared = new WeakMap<readonly NormalizedRule[], PreparedRules>();

/** Sorts and compiles a layer's rules once per rules array (the caller adds default rules first). */
export function prepareRules(rules: readonly NormalizedRule[]): PreparedRules {
  const cached = prepared.get(rules);
  if (cached !== undefined) return cached;
  const byDirection = (direction: RuleDirection): CompiledRule[] =>
    rules
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => rule.direction === direction)
      .sort((a, b) => a.rule.priority - b.rule.priority || a.index - b.index)
      .map(({ rule }) => compileRule(rule));
  const result = { Inbound: byDirection('Inbound'), Outbound: byDirection('Outbound') };
  prepared.set(rules, result);
  return result;
}
