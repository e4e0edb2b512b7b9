import type { CompiledRule } from './compiled-rule.js';
import type { LocatedRule, OtherSourceAllow } from './flow-types.js';
import { classifyJitRuleName } from './jit-rule.js';
import { type FlowEnv, matchAddresses, matchPorts, matchProtocol } from './match-rule.js';

/** One NSG layer's prepared rules and where they live. */
export interface LayerRules {
  readonly rules: readonly CompiledRule[];
  readonly env: FlowEnv;
  readonly where: Omit<LocatedRule, 'rule'>;
}

/**
 * Custom Allow rules that match the flow in every way except its source address: "RDP is allowed, but
 * only from these prefixes". Default rules (AllowVnetInBound, AllowAzureLoadBalancerInBound) are left
 * out: they are not something a user can be granted.
 */
export function findOtherSourceAllows(layers: readonly LayerRules[]): OtherSourceAllow[] {
  const out: OtherSourceAllow[] = [];
  for (const { rules, env, where } of layers) {
    for (const compiled of rules) {
      const { rule } = compiled;
      if (rule.access !== 'Allow' || rule.origin === 'default-security-rule') continue;
      if (!matchProtocol(compiled, env.flow)) continue;
      if (matchPorts(compiled.ports.destination, env.flow, env.flow.destinationPort) !== true) continue;
      if (matchPorts(compiled.ports.source, env.flow, env.flow.sourcePort) !== true) continue;
      if (matchAddresses(compiled.addresses.destination, env.destination, env) !== true) continue;
      if (matchAddresses(compiled.addresses.source, env.source, env) !== false) continue;
      out.push({
        located: { ...where, rule },
        sources: rule.expandedSources ?? rule.sources.map((entry) => entry.text),
        jit: classifyJitRuleName(rule.name) === 'jit-allow',
      });
    }
  }
  return out;
}
