import type { AzureRequest } from '../../../api.js';
import {
  type AzureVmLocator,
  type LocatorFields,
  locateInSubscription,
  parseVmResourceId,
} from '../../../core/azure/vm-locator.js';
import { err, type InputError, inputError, ok, type Result } from '../../../core/result.js';
import type { AzureCloudName } from './cloud.js';
import { type AzureSignIn, CLIENT_ID_ENV, checkClientId, checkTenant } from './credential.js';

/** The desktop app's Azure choices, checked: which VM, how to sign in (without the device-code callback), which cloud. */
export interface AzureChoice {
  readonly locator: AzureVmLocator;
  readonly signIn: Omit<AzureSignIn, 'onDeviceCode'>;
  readonly cloud: AzureCloudName;
}

/** The request's locator fields: the InputError names the request field, the sentence the form's label. */
const APP_LOCATOR_FIELDS: LocatorFields = {
  subscription: { input: 'azure.subscriptionId', label: 'the subscription' },
  resourceGroup: { input: 'azure.resourceGroup', label: 'the resource group' },
  vm: { input: 'azure.vmName', label: 'the VM name' },
};

/**
 * Checks the `azure` part of a `probe:start` request with the CLI's rules (`src/cli/azure-args.ts`): each bad
 * value is an InputError whose `input` is the request field (`azure.vmId`, `azure.tenantId`…), so the UI shows
 * it next to that field. Browser and device-code sign-in need an app registration: the request's client id,
 * else `RDP_PROBE_AZURE_CLIENT_ID` in the app's environment (as the CLI reads it).
 */
export function checkAzureRequest(
  request: AzureRequest,
  env: Readonly<Record<string, string | undefined>>,
): Result<AzureChoice, InputError> {
  const locator =
    'vmId' in request
      ? parseVmResourceId(request.vmId, 'azure.vmId')
      : locateInSubscription(
          {
            subscription: request.subscriptionId,
            resourceGroup: request.resourceGroup ?? null,
            vm: request.vmName ?? null,
          },
          APP_LOCATOR_FIELDS,
        );
  if (locator.kind === 'err') return locator;
  let tenantId: string | null = null;
  if (request.tenantId !== null) {
    const tenant = checkTenant(request.tenantId.trim(), 'azure.tenantId');
    if (tenant.kind === 'err') return tenant;
    tenantId = tenant.value;
  }
  let clientId: string | null = null;
  if (request.clientId !== null) {
    const checked = checkClientId(request.clientId.trim(), 'azure.clientId');
    if (checked.kind === 'err') return checked;
    clientId = checked.value;
  } else if (request.signIn !== 'cli' && (env[CLIENT_ID_ENV] ?? '') !== '') {
    const checked = checkClientId(env[CLIENT_ID_ENV] ?? '', 'azure.clientId');
    if (checked.kind === 'err') {
      return err(inputError('azure.clientId', `${CLIENT_ID_ENV} in the app's environment: ${checked.error.message}`));
    }
    clientId = checked.value;
  }
  if (request.signIn !== 'cli' && clientId === null) {
    const how = request.signIn === 'browser' ? 'Browser' : 'Device-code';
    return err(
      inputError(
        'azure.clientId',
        `${how} sign-in needs the application (client) ID of your organisation's app registration (a public client, redirect http://localhost); or sign in with your Azure CLI account (az login).`,
      ),
    );
  }
  return ok({ locator: locator.value, signIn: { kind: request.signIn, tenantId, clientId }, cloud: request.cloud });
}
