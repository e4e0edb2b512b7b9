import type { AddressEntry, NormalizedRule, RuleAccess, RuleDirection } from './rule-model.js';

const ANY_PORT = [{ kind: 'any', text: '*' }] as const;

function address(text: string): AddressEntry[] {
  return [text === '*' ? { kind: 'any', text } : { kind: 'service-tag', text }];
}

function defaultRule(
  name: string,
  priority: number,
  direction: RuleDirection,
  access: RuleAccess,
  source: string,
  destination: string,
): NormalizedRule {
  return {
    name,
    shortName: name,
    origin: 'default-security-rule',
    priority,
    access,
    direction,
    protocol: 'Any',
    sources: address(source),
    destinations: address(destination),
    sourcePorts: ANY_PORT,
    destinationPorts: ANY_PORT,
  };
}

/** The six rules Azure puts in every NSG (documented in "Azure network security groups overview"). */
export const DEFAULT_SECURITY_RULES: readonly NormalizedRule[] = [
  defaultRule('AllowVnetInBound', 65_000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowAzureLoadBalancerInBound', 65_001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  defaultRule('DenyAllInBound', 65_500, 'Inbound', 'Deny', '*', '*'),
  defaultRule('AllowVnetOutBound', 65_000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  defaultRule('AllowInternetOutBound', 65_001, 'Outbound', 'Allow', '*', 'Internet'),
  defaultRule('DenyAllOutBound', 65_500, 'Outbound', 'Deny', '*', '*'),
];

/**
 * The rules plus any default rule they lack (matched by name, case-insensitively), so a hand-written
 * or partial NSG still ends in DenyAllInBound like a real one.
 */
export function withDefaultRules(rules: readonly NormalizedRule[]): NormalizedRule[] {
  const present = new Set(rules.map((rule) => rule.shortName.toLowerCase()));
  return [...rules, ...DEFAULT_SECURITY_RULES.filter((rule) => !present.has(rule.shortName.toLowerCase()))];
}
