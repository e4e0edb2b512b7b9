import { z } from 'zod';
import { parseNetworkSecurityGroup } from '../nsg/index.js';
import { flattenProperties } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import type { AzureNsg } from './snapshot-schema.js';

const associations = z.preprocess(
  flattenProperties,
  z.object({
    id: z.string().nullish(),
    subnets: z.array(z.object({ id: z.string() })).nullish(),
    networkInterfaces: z.array(z.object({ id: z.string() })).nullish(),
  }),
);

/**
 * Reads an NSG (`az network nsg show` or NSG GET): its rules through the evaluator's parser, and the
 * subnets and NICs it is associated with (which tells a subnet's NSG when no subnet JSON was given).
 */
export function readNsg(value: unknown, input: string): Result<AzureNsg, InputError> {
  const parsed = parseNetworkSecurityGroup(value, input);
  if (parsed.kind === 'err') return err(parsed.error);
  const links = associations.safeParse(value);
  const data = links.success ? links.data : { id: null, subnets: null, networkInterfaces: null };
  return ok({
    input,
    id: parsed.value.id ?? data.id ?? null,
    name: parsed.value.name,
    subnetIds: (data.subnets ?? []).map((subnet) => subnet.id),
    nicIds: (data.networkInterfaces ?? []).map((nic) => nic.id),
    parsed: parsed.value,
  });
}
