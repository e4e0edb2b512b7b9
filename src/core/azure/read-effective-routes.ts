import { z } from 'zod';
import { schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import type { AzureRoute } from './snapshot-schema.js';

const routeSchema = z.object({
  source: z.string().nullish(),
  state: z.string().nullish(),
  addressPrefix: z.array(z.string()).nullish(),
  nextHopType: z.string().nullish(),
  nextHopIpAddress: z.array(z.string()).nullish(),
});

const listSchema = z.object({ value: z.array(routeSchema) });

const EXPECTED =
  'an effective route table (`az network nic show-effective-route-table` or the effectiveRouteTable POST result)';

/** Reads a NIC's effective route table (REST `{value:[...]}` or a bare list, as the CLI prints it). */
export function readEffectiveRoutes(value: unknown, input: string): Result<AzureRoute[], InputError> {
  const parsed = listSchema.safeParse(Array.isArray(value) ? { value } : value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  return ok(
    parsed.data.value.map((route) => ({
      source: route.source ?? null,
      state: route.state ?? null,
      addressPrefixes: route.addressPrefix ?? [],
      nextHopType: route.nextHopType ?? null,
      nextHopIpAddresses: route.nextHopIpAddress ?? [],
    })),
  );
}
