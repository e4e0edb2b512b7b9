import { z } from 'zod';
import type { EffectiveNsgEntry, IpFlowVerifyResult } from '../nsg/index.js';
import type { AddressEntry, NormalizedRule, ParsedNsg, PortEntry } from '../nsg/rule-model.js';

const AddressEntrySchema = z.object({
  kind: z.enum(['any', 'prefix', 'service-tag', 'asg']),
  text: z.string(),
}) satisfies z.ZodType<AddressEntry>;

const PortEntrySchema = z.union([
  z.object({ kind: z.literal('any'), text: z.string() }),
  z.object({ kind: z.literal('range'), text: z.string(), first: z.number().int(), last: z.number().int() }),
]) satisfies z.ZodType<PortEntry>;

/** A rule as the NSG evaluator normalises it (`NormalizedRule`), so a stored snapshot re-validates. */
export const NormalizedRuleSchema = z.object({
  name: z.string(),
  shortName: z.string(),
  origin: z.enum(['security-rule', 'default-security-rule', 'admin-rule']),
  priority: z.number().int(),
  access: z.enum(['Allow', 'Deny', 'AlwaysAllow']),
  direction: z.enum(['Inbound', 'Outbound']),
  protocol: z.enum(['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', 'Any']),
  sources: z.array(AddressEntrySchema).readonly(),
  destinations: z.array(AddressEntrySchema).readonly(),
  expandedSources: z.array(z.string()).readonly().exactOptional(),
  expandedDestinations: z.array(z.string()).readonly().exactOptional(),
  sourcePorts: z.array(PortEntrySchema).readonly(),
  destinationPorts: z.array(PortEntrySchema).readonly(),
}) satisfies z.ZodType<NormalizedRule>;

/** A parsed NSG (`ParsedNsg`): name, ID, normalised rules and the effective API's tag map. */
export const ParsedNsgSchema = z.object({
  name: z.string(),
  id: z.string().exactOptional(),
  rules: z.array(NormalizedRuleSchema).readonly(),
  tagMap: z.record(z.string(), z.array(z.string()).readonly()).readonly().exactOptional(),
}) satisfies z.ZodType<ParsedNsg>;

/** One entry of a NIC's effective NSGs (`EffectiveNsgEntry`). */
export const EffectiveNsgEntrySchema = z.object({
  association: z.enum(['subnet', 'nic', 'network-manager', 'ambiguous']),
  nsg: ParsedNsgSchema,
}) satisfies z.ZodType<EffectiveNsgEntry>;

/** Network Watcher's IP flow verify answer (`IpFlowVerifyResult`). */
export const IpFlowVerifyResultSchema = z.object({
  access: z.enum(['Allow', 'Deny']),
  ruleName: z.string().exactOptional(),
}) satisfies z.ZodType<IpFlowVerifyResult>;
