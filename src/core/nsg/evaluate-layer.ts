import type { CompiledRule } from './compiled-rule.js';
import type { ConsideredRule, MatchField } from './flow-types.js';
import { type FlowEnv, matchRule } from './match-rule.js';
import type { NormalizedRule } from './rule-model.js';

/** A rule that could not be decided while walking a layer. */
export interface UndecidedRule {
  readonly rule: NormalizedRule;
  readonly field: MatchField;
  readonly note: string;
}

/** The outcome of walking one layer's rules: the first match, if any, and what was looked at on the way. */
export interface LayerWalk {
  readonly decidingRule: NormalizedRule | undefined;
  readonly considered: ConsideredRule[];
  readonly undecided: UndecidedRule[];
}

/**
 * Walks a layer's rules in priority order until the first match (first match wins). Undecidable rules
 * are treated as not matching and collected, so the caller can say whether they could have changed
 * the outcome. `brief` records only matched and undecidable rules.
 */
export function walkLayer(rules: readonly CompiledRule[], env: FlowEnv, detail: 'full' | 'brief'): LayerWalk {
  const considered: ConsideredRule[] = [];
  const undecided: UndecidedRule[] = [];
  for (const compiled of rules) {
    const match = matchRule(compiled, env);
    if (match.outcome === 'match') {
      considered.push(compiled.traces.match);
      return { decidingRule: compiled.rule, considered, undecided };
    }
    if (match.outcome === 'unknown') {
      const field = match.field ?? 'source-address';
      const note = match.note ?? 'undecidable';
      undecided.push({ rule: compiled.rule, field, note });
      considered.push({ rule: compiled.rule, outcome: 'unknown', field, note });
    } else if (detail === 'full') {
      considered.push(compiled.traces.noMatch[match.field ?? 'source-address']);
    }
  }
  return { decidingRule: undefined, considered, undecided };
}
