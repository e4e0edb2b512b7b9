import { z } from 'zod';
import { sameResourceId } from './resource-id.js';
import type { AzureJit } from './snapshot-schema.js';

const prefixes = {
  allowedSourceAddressPrefix: z.string().nullish(),
  allowedSourceAddressPrefixes: z.array(z.string()).nullish(),
};

const portRuleSchema = z.object({
  number: z.number().int(),
  protocol: z.string().nullish(),
  maxRequestAccessDuration: z.string().nullish(),
  ...prefixes,
});

const requestPortSchema = z.object({
  number: z.number().int(),
  endTimeUtc: z.string().nullish(),
  status: z.string().nullish(),
  statusReason: z.string().nullish(),
  ...prefixes,
});

const policySchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  properties: z.object({
    virtualMachines: z.array(z.object({ id: z.string(), ports: z.array(portRuleSchema).nullish() })).nullish(),
    requests: z
      .array(
        z.object({
          virtualMachines: z.array(z.object({ id: z.string(), ports: z.array(requestPortSchema).nullish() })).nullish(),
          startTimeUtc: z.string().nullish(),
          requestor: z.string().nullish(),
        }),
      )
      .nullish(),
  }),
});

function sourcesOf(item: {
  allowedSourceAddressPrefix?: string | null | undefined;
  allowedSourceAddressPrefixes?: string[] | null | undefined;
}) {
  return [
    ...(item.allowedSourceAddressPrefixes ?? []),
    ...(item.allowedSourceAddressPrefix ? [item.allowedSourceAddressPrefix] : []),
  ];
}

/**
 * Finds the Just-In-Time policy (Defender for Cloud, `jitNetworkAccessPolicies` list) that covers a VM: its
 * port rules and the access requests made for it, newest first. Null when no policy lists the VM. Policies
 * that do not parse are skipped: a policy is context for the NSG's JIT rules, not input to validate.
 */
export function readJitPolicy(list: unknown, vmId: string): AzureJit | null {
  const items =
    typeof list === 'object' && list !== null && Array.isArray((list as { value?: unknown }).value)
      ? (list as { value: unknown[] }).value
      : [];
  for (const item of items) {
    const parsed = policySchema.safeParse(item);
    if (!parsed.success) continue;
    const policy = parsed.data;
    const vm = policy.properties.virtualMachines?.find((v) => sameResourceId(v.id, vmId));
    if (vm === undefined) continue;
    const requests = (policy.properties.requests ?? []).flatMap((request) =>
      (request.virtualMachines ?? [])
        .filter((v) => sameResourceId(v.id, vmId))
        .flatMap((v) =>
          (v.ports ?? []).map((port) => ({
            port: port.number,
            sources: sourcesOf(port),
            startTimeUtc: request.startTimeUtc ?? null,
            endTimeUtc: port.endTimeUtc ?? null,
            status: port.status ?? null,
            requestor: request.requestor ?? null,
          })),
        ),
    );
    return {
      policyId: policy.id,
      ports: (vm.ports ?? []).map((port) => ({
        number: port.number,
        protocol: port.protocol ?? null,
        allowedSources: sourcesOf(port),
        maxRequestAccessDuration: port.maxRequestAccessDuration ?? null,
      })),
      requests: requests.sort((a, b) => (b.startTimeUtc ?? '').localeCompare(a.startTimeUtc ?? '')),
    };
  }
  return null;
}
