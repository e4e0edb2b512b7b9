import { z } from 'zod';
import { flattenProperties } from './json-input.js';

const subResource = z.object({ id: z.string() });
const text = z.string().nullish();
const texts = z.array(z.string()).nullish();

/**
 * A security rule as ARM returns it (`{ name, id, properties: {...} }`) or as the Azure CLI prints it
 * (properties flattened). Enum values are checked while normalising, case-insensitively.
 */
export const armSecurityRuleSchema = z.preprocess(
  flattenProperties,
  z.object({
    name: z.string().min(1),
    id: text,
    protocol: z.string(),
    access: z.string(),
    priority: z.number().int(),
    direction: z.string(),
    sourceAddressPrefix: text,
    sourceAddressPrefixes: texts,
    sourceApplicationSecurityGroups: z.array(subResource).nullish(),
    destinationAddressPrefix: text,
    destinationAddressPrefixes: texts,
    destinationApplicationSecurityGroups: z.array(subResource).nullish(),
    sourcePortRange: text,
    sourcePortRanges: texts,
    destinationPortRange: text,
    destinationPortRanges: texts,
  }),
);

/** An ARM or CLI security rule after schema validation. */
export type ArmSecurityRule = z.infer<typeof armSecurityRuleSchema>;

/** A network security group from NSG GET or `az network nsg show`: custom rules and default rules. */
export const armNetworkSecurityGroupSchema = z.preprocess(
  flattenProperties,
  z
    .object({
      name: text,
      id: text,
      securityRules: z.array(armSecurityRuleSchema).nullish(),
      defaultSecurityRules: z.array(armSecurityRuleSchema).nullish(),
    })
    .refine((nsg) => nsg.securityRules != null || nsg.defaultSecurityRules != null, {
      message:
        'expected securityRules or defaultSecurityRules (under properties, or at the top level as the CLI prints them)',
    }),
);

/** One rule of the effective NSG API (`securityRules/X`, `defaultSecurityRules/X`, protocol `All`). */
export const effectiveSecurityRuleSchema = z.object({
  name: z.string().min(1),
  protocol: z.string(),
  access: z.string(),
  priority: z.number().int(),
  direction: z.string(),
  sourcePortRange: text,
  sourcePortRanges: texts,
  destinationPortRange: text,
  destinationPortRanges: texts,
  sourceAddressPrefix: text,
  sourceAddressPrefixes: texts,
  destinationAddressPrefix: text,
  destinationAddressPrefixes: texts,
  expandedSourceAddressPrefix: texts,
  expandedDestinationAddressPrefix: texts,
});

/** An effective-API rule after schema validation. */
export type EffectiveSecurityRule = z.infer<typeof effectiveSecurityRuleSchema>;

/** One entry of the NIC's effective NSGs: the NSG, what it is associated with, its rules, its tag map. */
export const effectiveNsgSchema = z.object({
  networkSecurityGroup: subResource.nullish(),
  association: z
    .object({
      subnet: subResource.nullish(),
      networkInterface: subResource.nullish(),
      networkManager: subResource.nullish(),
    })
    .nullish(),
  effectiveSecurityRules: z.array(effectiveSecurityRuleSchema).nullish(),
  // The REST spec types tagMap as a string (JSON text); SDKs and the CLI may give the object itself.
  tagMap: z.union([z.string(), z.record(z.string(), z.array(z.string()))]).nullish(),
});

/** The effective NSG POST result (`{ value: [...] }`), or the bare array some tools print. */
export const effectiveNsgListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { value } : value),
  z.object({ value: z.array(effectiveNsgSchema) }),
);

const adminAddress = z.object({ addressPrefix: z.string(), addressPrefixType: text });

/** A Virtual Network Manager security admin rule (ARM form with `properties`, or flattened). */
export const adminRuleSchema = z.preprocess(
  flattenProperties,
  z.object({
    name: z.string().min(1),
    id: text,
    access: z.string(),
    priority: z.number().int(),
    direction: z.string(),
    protocol: z.string(),
    sources: z.array(adminAddress).nullish(),
    destinations: z.array(adminAddress).nullish(),
    sourcePortRanges: texts,
    destinationPortRanges: texts,
  }),
);

/** A list of admin rules: `{ value: [...] }` as ARM lists them, or a bare array. */
export const adminRuleListSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { value } : value),
  z.object({ value: z.array(adminRuleSchema) }),
);

/** The IP flow verify result (Network Watcher `ipFlowVerify`, `az network watcher test-ip-flow`). */
export const ipFlowVerifySchema = z.object({ access: z.string(), ruleName: text });
