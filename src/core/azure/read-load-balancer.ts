import { z } from 'zod';
import { flattenProperties, schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import { resourceName } from './resource-id.js';
import type { AzureLoadBalancer, AzureNatRule } from './snapshot-schema.js';

const text = z.string().nullish();
const port = z.number().int().nullish();
const ref = z.object({ id: z.string() }).nullish();

const frontendSchema = z.preprocess(
  flattenProperties,
  z.object({ id: z.string(), name: text, publicIPAddress: ref, privateIPAddress: text }),
);

const natRuleSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: text,
    name: z.string(),
    protocol: text,
    frontendIPConfiguration: ref,
    frontendPort: port,
    frontendPortRangeStart: port,
    frontendPortRangeEnd: port,
    backendPort: port,
    backendIPConfiguration: ref,
    backendAddressPool: ref,
  }),
);

const backendAddressSchema = z.preprocess(
  flattenProperties,
  z.object({
    ipAddress: text,
    inboundNatRulesPortMapping: z
      .array(z.object({ inboundNatRuleName: text, frontendPort: z.number().int(), backendPort: z.number().int() }))
      .nullish(),
  }),
);

const poolSchema = z.preprocess(
  flattenProperties,
  z.object({ id: text, loadBalancerBackendAddresses: z.array(backendAddressSchema).nullish() }),
);

const lbSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: z.string(),
    name: text,
    sku: z.object({ name: text }).nullish(),
    frontendIPConfigurations: z.array(frontendSchema).nullish(),
    inboundNatRules: z.array(natRuleSchema).nullish(),
    backendAddressPools: z.array(poolSchema).nullish(),
  }),
);

type Pool = z.infer<typeof poolSchema>;

function mappings(rule: z.infer<typeof natRuleSchema>, pools: readonly Pool[]): AzureNatRule['portMappings'] {
  const out: AzureNatRule['portMappings'][number][] = [];
  for (const pool of pools) {
    for (const address of pool.loadBalancerBackendAddresses ?? []) {
      for (const mapping of address.inboundNatRulesPortMapping ?? []) {
        if (mapping.inboundNatRuleName?.toLowerCase() !== rule.name.toLowerCase()) continue;
        out.push({
          backendIp: address.ipAddress ?? null,
          frontendPort: mapping.frontendPort,
          backendPort: mapping.backendPort,
        });
      }
    }
  }
  return out;
}

/** Reads a load balancer (`az network lb show` or LB GET): frontends and inbound NAT rules with their mappings. */
export function readLoadBalancer(value: unknown, input: string): Result<AzureLoadBalancer, InputError> {
  const parsed = lbSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, 'a load balancer (`az network lb show` JSON)'));
  const lb = parsed.data;
  const pools = lb.backendAddressPools ?? [];
  return ok({
    input,
    id: lb.id,
    name: lb.name ?? resourceName(lb.id),
    sku: lb.sku?.name ?? null,
    frontends: (lb.frontendIPConfigurations ?? []).map((frontend) => ({
      id: frontend.id,
      name: frontend.name ?? resourceName(frontend.id),
      publicIpId: frontend.publicIPAddress?.id ?? null,
      privateIp: frontend.privateIPAddress ?? null,
    })),
    inboundNatRules: (lb.inboundNatRules ?? []).map((rule) => {
      const start = rule.frontendPortRangeStart ?? null;
      const end = rule.frontendPortRangeEnd ?? null;
      const ranged = start !== null && end !== null && start > 0;
      return {
        id: rule.id ?? null,
        name: rule.name,
        protocol: rule.protocol ?? null,
        frontendIpConfigurationId: rule.frontendIPConfiguration?.id ?? null,
        frontendPort: ranged || rule.frontendPort == null || rule.frontendPort === 0 ? null : rule.frontendPort,
        frontendPortRange: ranged ? { start, end } : null,
        backendPort: rule.backendPort ?? null,
        backendIpConfigurationId: rule.backendIPConfiguration?.id ?? null,
        backendPoolId: rule.backendAddressPool?.id ?? null,
        portMappings: mappings(rule, pools),
      };
    }),
  });
}
