import { createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import { readJitPolicy } from '../../../core/azure/read-jit-policy.js';
import type { AzureJit } from '../../../core/azure/snapshot-schema.js';
import type { ArmClients } from './arm-clients.js';
import type { CollectLog } from './collect-log.js';

/** The Defender for Cloud API version that lists Just-In-Time policies (`az security jit-policy list`). */
const SECURITY_API_VERSION = '2020-01-01';

/**
 * Reads the Just-In-Time policy covering the VM from its resource group. There is no current SDK client for
 * Microsoft.Security, so this is one GET through the network client's pipeline (same sign-in, TLS trust and
 * retries). Undefined when the read failed (the step says why); null when no policy covers the VM.
 */
export async function readJit(
  clients: ArmClients,
  endpoint: string,
  subscriptionId: string,
  resourceGroup: string,
  vmId: string,
  log: CollectLog,
): Promise<AzureJit | null | undefined> {
  const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.Security/jitNetworkAccessPolicies`;
  const outcome = await log.call(`read Just-In-Time policies of resource group ${resourceGroup}`, async (options) => {
    const request = createPipelineRequest({
      url: `${endpoint}${path}?api-version=${SECURITY_API_VERSION}`,
      method: 'GET',
      abortSignal: options.abortSignal,
    });
    const response = await clients.network.pipeline.sendRequest(createDefaultHttpClient(), request);
    const body: unknown = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
    if (response.status !== 200) {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw Object.assign(new Error(error?.message ?? `HTTP ${response.status}`), {
        statusCode: response.status,
        code: error?.code ?? `Http${response.status}`,
      });
    }
    return body;
  });
  return outcome.kind === 'ok' ? readJitPolicy(outcome.value, vmId) : undefined;
}
