import type { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import type { ArmSecurityRule, adminRuleSchema, EffectiveSecurityRule } from './arm-schemas.js';
import { gather, readAccess, readAddresses, readDirection, readPorts, readProtocol } from './rule-fields.js';
import type { NormalizedRule, RuleOrigin } from './rule-model.js';

/** Strips the effective API's `securityRules/` / `defaultSecurityRules/` (or any `a/b/`) prefix. */
export function shortRuleName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

function originOf(name: string, id: string | null | undefined, fallback: RuleOrigin): RuleOrigin {
  const lower = name.toLowerCase();
  if (lower.startsWith('defaultsecurityrules/') || (id ?? '').toLowerCase().includes('/defaultsecurityrules/')) {
    return 'default-security-rule';
  }
  if (lower.startsWith('securityrules/')) return 'security-rule';
  return fallback;
}

/** Normalises an NSG rule from NSG GET or the CLI; `origin` says which list it came from. */
export function normalizeArmRule(rule: ArmSecurityRule, origin: RuleOrigin): Result<NormalizedRule, string> {
  const protocol = readProtocol(rule.protocol);
  if (protocol.kind === 'err') return protocol;
  const access = readAccess(rule.access, false);
  if (access.kind === 'err') return access;
  const direction = readDirection(rule.direction);
  if (direction.kind === 'err') return direction;
  const asgIds = (list: readonly { id: string }[] | null | undefined): string[] => (list ?? []).map((asg) => asg.id);
  const sources = readAddresses(
    gather(rule.sourceAddressPrefix, rule.sourceAddressPrefixes),
    asgIds(rule.sourceApplicationSecurityGroups),
    'source',
  );
  if (sources.kind === 'err') return sources;
  const destinations = readAddresses(
    gather(rule.destinationAddressPrefix, rule.destinationAddressPrefixes),
    asgIds(rule.destinationApplicationSecurityGroups),
    'destination',
  );
  if (destinations.kind === 'err') return destinations;
  const sourcePorts = readPorts(gather(rule.sourcePortRange, rule.sourcePortRanges), 'source port', 'error');
  if (sourcePorts.kind === 'err') return sourcePorts;
  const destinationPorts = readPorts(
    gather(rule.destinationPortRange, rule.destinationPortRanges),
    'destination port',
    'error',
  );
  if (destinationPorts.kind === 'err') return destinationPorts;
  return ok({
    name: rule.name,
    shortName: shortRuleName(rule.name),
    origin: originOf(rule.name, rule.id, origin),
    priority: rule.priority,
    access: access.value,
    direction: direction.value,
    protocol: protocol.value,
    sources: sources.value,
    destinations: destinations.value,
    sourcePorts: sourcePorts.value,
    destinationPorts: destinationPorts.value,
  });
}

/** Normalises one rule of the effective NSG API, keeping its expanded prefixes. */
export function normalizeEffectiveRule(rule: EffectiveSecurityRule, admin: boolean): Result<NormalizedRule, string> {
  const protocol = readProtocol(rule.protocol);
  if (protocol.kind === 'err') return protocol;
  const access = readAccess(rule.access, admin);
  if (access.kind === 'err') return access;
  const direction = readDirection(rule.direction);
  if (direction.kind === 'err') return direction;
  const sources = readAddresses(gather(rule.sourceAddressPrefix, rule.sourceAddressPrefixes), [], 'source');
  if (sources.kind === 'err') return sources;
  const destinations = readAddresses(
    gather(rule.destinationAddressPrefix, rule.destinationAddressPrefixes),
    [],
    'destination',
  );
  if (destinations.kind === 'err') return destinations;
  const sourcePorts = readPorts(gather(rule.sourcePortRange, rule.sourcePortRanges), 'source port', 'any');
  if (sourcePorts.kind === 'err') return sourcePorts;
  const destinationPorts = readPorts(
    gather(rule.destinationPortRange, rule.destinationPortRanges),
    'destination port',
    'any',
  );
  if (destinationPorts.kind === 'err') return destinationPorts;
  const expandedSources = gather(undefined, rule.expandedSourceAddressPrefix);
  const expandedDestinations = gather(undefined, rule.expandedDestinationAddressPrefix);
  return ok({
    name: rule.name,
    shortName: shortRuleName(rule.name),
    origin: admin ? 'admin-rule' : originOf(rule.name, undefined, 'security-rule'),
    priority: rule.priority,
    access: access.value,
    direction: direction.value,
    protocol: protocol.value,
    sources: sources.value,
    destinations: destinations.value,
    ...(expandedSources.length > 0 ? { expandedSources } : {}),
    ...(expandedDestinations.length > 0 ? { expandedDestinations } : {}),
    sourcePorts: sourcePorts.value,
    destinationPorts: destinationPorts.value,
  });
}

/**
 * Normalises a Virtual Network Manager security admin rule. No sources or destinations means any
 * address, no port ranges any port, as the service treats them.
 */
export function normalizeAdminRule(rule: z.infer<typeof adminRuleSchema>): Result<NormalizedRule, string> {
  const protocol = readProtocol(rule.protocol);
  if (protocol.kind === 'err') return protocol;
  const access = readAccess(rule.access, true);
  if (access.kind === 'err') return access;
  const direction = readDirection(rule.direction);
  if (direction.kind === 'err') return direction;
  const side = (list: readonly { addressPrefix: string }[] | null | undefined, what: string) => {
    const prefixes = (list ?? []).map((item) => item.addressPrefix);
    return prefixes.length === 0 ? ok([{ kind: 'any' as const, text: '*' }]) : readAddresses(prefixes, [], what);
  };
  const sources = side(rule.sources, 'source');
  if (sources.kind === 'err') return sources;
  const destinations = side(rule.destinations, 'destination');
  if (destinations.kind === 'err') return destinations;
  const sourcePorts = readPorts(gather(undefined, rule.sourcePortRanges), 'source port', 'any');
  if (sourcePorts.kind === 'err') return sourcePorts;
  const destinationPorts = readPorts(gather(undefined, rule.destinationPortRanges), 'destination port', 'any');
  if (destinationPorts.kind === 'err') return destinationPorts;
  if (rule.priority < 0) return err(`priority ${rule.priority} is negative`);
  return ok({
    name: rule.name,
    shortName: shortRuleName(rule.name),
    origin: 'admin-rule',
    priority: rule.priority,
    access: access.value,
    direction: direction.value,
    protocol: protocol.value,
    sources: sources.value,
    destinations: destinations.value,
    sourcePorts: sourcePorts.value,
    destinationPorts: destinationPorts.value,
  });
}
