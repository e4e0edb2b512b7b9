import { z } from 'zod';
import { flattenProperties, schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import { resourceName } from './resource-id.js';
import type { AzureSubnet } from './snapshot-schema.js';

const subnetSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: z.string(),
    name: z.string().nullish(),
    networkSecurityGroup: z.object({ id: z.string() }).nullish(),
    addressPrefix: z.string().nullish(),
    addressPrefixes: z.array(z.string()).nullish(),
  }),
);

/** Reads a subnet (`az network vnet subnet show` or Subnet GET): its NSG and address prefixes. */
export function readSubnet(value: unknown, input: string): Result<AzureSubnet, InputError> {
  const parsed = subnetSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, 'a subnet (`az network vnet subnet show` JSON)'));
  const subnet = parsed.data;
  return ok({
    input,
    id: subnet.id,
    name: subnet.name ?? resourceName(subnet.id),
    nsg: subnet.networkSecurityGroup == null ? { kind: 'none' } : { kind: 'nsg', id: subnet.networkSecurityGroup.id },
    addressPrefixes: [
      ...(subnet.addressPrefix == null ? [] : [subnet.addressPrefix]),
      ...(subnet.addressPrefixes ?? []),
    ],
  });
}
