import type { ConsideredRule, Flow, MatchField } from './flow-types.js';
import type { NormalizedRule } from './rule-model.js';

function addresses(rule: NormalizedRule, side: 'source' | 'destination'): string {
  const expanded = side === 'source' ? rule.expandedSources : rule.expandedDestinations;
  const entries = (side === 'source' ? rule.sources : rule.destinations).map((entry) => entry.text);
  return (expanded ?? entries).join(', ');
}

function fieldText(field: MatchField, rule: NormalizedRule, flow: Flow): string {
  switch (field) {
    case 'protocol':
      return `protocol ${flow.protocol} is not ${rule.protocol}`;
    case 'destination-port':
      return `destination port ${flow.destinationPort ?? '(none)'} is not in ${rule.destinationPorts.map((p) => p.text).join(', ')}`;
    case 'source-port':
      return `source port ${flow.sourcePort ?? '(none)'} is not in ${rule.sourcePorts.map((p) => p.text).join(', ')}`;
    case 'destination-address':
      return `destination ${flow.destinationIp} is not in ${addresses(rule, 'destination')}`;
    case 'source-address':
      return `source ${flow.sourceIp} is not in ${addresses(rule, 'source')}`;
  }
}

/** One line saying why a considered rule matched, did not, or could not be decided (for reports and the UI). */
export function explainConsideredRule(considered: ConsideredRule, flow: Flow): string {
  const { rule } = considered;
  const head = `${rule.name} (priority ${rule.priority}, ${rule.access})`;
  if (considered.outcome === 'match') return `${head}: matches`;
  if (considered.outcome === 'unknown') return `${head}: undecided, ${considered.note ?? 'unknown'}`;
  if (considered.field === undefined) return `${head}: does not match`;
  return `${head}: does not match, ${fieldText(considered.field, rule, flow)}`;
}
