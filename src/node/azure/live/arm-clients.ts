import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import { NetworkManagementClient } from '@azure/arm-network';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { TOOL_VERSION } from '../../../version.js';
import type { AzureCloud } from './cloud.js';
import type { SignedInCredential } from './credential.js';

/** Where and as whom RDP Probe talks to Resource Manager. */
export interface ArmConnection {
  readonly cloud: AzureCloud;
  readonly signedIn: SignedInCredential;
  /** Extra CA certificates (PEM) to trust for a private Resource Manager (Azure Stack Hub, a test emulator). */
  readonly ca: string | null;
  /** How often long-running operations are polled (default 1 s: Azure answers them in seconds). */
  readonly pollIntervalMs?: number;
}

/** The SDK clients for one subscription. */
export interface ArmClients {
  readonly network: NetworkManagementClient;
  readonly compute: ComputeManagementClient;
  readonly monitor: MonitorClient;
  readonly pollIntervalMs?: number;
}

function clientOptions(connection: ArmConnection) {
  return {
    endpoint: connection.cloud.armEndpoint,
    credentials: { scopes: [connection.cloud.scope] },
    ...(connection.ca === null ? {} : { tlsOptions: { ca: connection.ca } }),
    // Reads are cheap to repeat, but a user is waiting: two retries, not the SDK's default three with back-off.
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    userAgentOptions: { userAgentPrefix: `rdp-probe/${TOOL_VERSION}` },
  };
}

/** Creates the network, compute and monitor clients for a subscription. */
export function armClients(connection: ArmConnection, subscriptionId: string): ArmClients {
  const options = clientOptions(connection);
  const credential = connection.signedIn.credential;
  return {
    network: new NetworkManagementClient(credential, subscriptionId, options),
    compute: new ComputeManagementClient(credential, subscriptionId, options),
    monitor: new MonitorClient(credential, subscriptionId, options),
    ...(connection.pollIntervalMs === undefined ? {} : { pollIntervalMs: connection.pollIntervalMs }),
  };
}

/** Creates the client that lists the subscriptions the signed-in account can see. */
export function subscriptionClient(connection: ArmConnection): SubscriptionClient {
  return new SubscriptionClient(connection.signedIn.credential, clientOptions(connection));
}
