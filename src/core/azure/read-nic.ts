import { z } from 'zod';
import { flattenProperties, schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import { resourceName } from './resource-id.js';
import type { AzureNic } from './snapshot-schema.js';

const text = z.string().nullish();
const ref = z.object({ id: z.string() });
const refs = z.array(ref).nullish();

const ipConfigSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: text,
    name: text,
    primary: z.boolean().nullish(),
    privateIPAddress: text,
    subnet: ref.nullish(),
    publicIPAddress: ref.nullish(),
    applicationSecurityGroups: refs,
    loadBalancerInboundNatRules: refs,
    loadBalancerBackendAddressPools: refs,
  }),
);

const nicSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: z.string(),
    name: text,
    primary: z.boolean().nullish(),
    virtualMachine: ref.nullish(),
    networkSecurityGroup: ref.nullish(),
    ipConfigurations: z.array(ipConfigSchema),
  }),
);

const EXPECTED = 'a network interface (`az network nic show` or NIC GET JSON)';
const ids = (list: readonly { id: string }[] | null | undefined): string[] => (list ?? []).map((item) => item.id);

/**
 * Reads a NIC (ARM or CLI shape). A NIC without `networkSecurityGroup` has no NSG of its own: ARM
 * always reports the association when there is one.
 */
export function readNic(value: unknown, input: string): Result<AzureNic, InputError> {
  const parsed = nicSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const nic = parsed.data;
  return ok({
    input,
    id: nic.id,
    name: nic.name ?? resourceName(nic.id),
    vmId: nic.virtualMachine?.id ?? null,
    primary: nic.primary ?? null,
    nsg: nic.networkSecurityGroup == null ? { kind: 'none' } : { kind: 'nsg', id: nic.networkSecurityGroup.id },
    ipConfigurations: nic.ipConfigurations.map((config, index) => ({
      id: config.id ?? null,
      name: config.name ?? (config.id == null ? `ipconfig ${index + 1}` : resourceName(config.id)),
      primary: config.primary ?? null,
      // A NIC may carry a whole prefix (`172.20.2.16/28`); its first address stands for it.
      privateIp: config.privateIPAddress?.split('/')[0] ?? null,
      subnetId: config.subnet?.id ?? null,
      publicIpId: config.publicIPAddress?.id ?? null,
      asgIds: ids(config.applicationSecurityGroups),
      natRuleIds: ids(config.loadBalancerInboundNatRules),
      backendPoolIds: ids(config.loadBalancerBackendAddressPools),
    })),
  });
}
