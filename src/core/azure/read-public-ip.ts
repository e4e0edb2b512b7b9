import { z } from 'zod';
import { flattenProperties, schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import { resourceName } from './resource-id.js';
import type { AzurePublicIp } from './snapshot-schema.js';

const text = z.string().nullish();

const publicIpSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: z.string(),
    name: text,
    ipAddress: text,
    publicIPAllocationMethod: text,
    sku: z.object({ name: text, tier: text }).nullish(),
    dnsSettings: z.object({ fqdn: text }).nullish(),
    ipConfiguration: z.object({ id: z.string() }).nullish(),
  }),
);

/** Reads a public IP (`az network public-ip show` or PublicIPAddresses GET). */
export function readPublicIp(value: unknown, input: string): Result<AzurePublicIp, InputError> {
  const parsed = publicIpSchema.safeParse(value);
  if (!parsed.success) {
    return err(schemaError(parsed.error, input, 'a public IP address (`az network public-ip show` JSON)'));
  }
  const ip = parsed.data;
  return ok({
    input,
    id: ip.id,
    name: ip.name ?? resourceName(ip.id),
    address: ip.ipAddress ?? null,
    sku: ip.sku?.name ?? null,
    allocation: ip.publicIPAllocationMethod ?? null,
    fqdn: ip.dnsSettings?.fqdn ?? null,
    ipConfigurationId: ip.ipConfiguration?.id ?? null,
  });
}
