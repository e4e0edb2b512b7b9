import { type AzureSignInKind, checkClientId, checkTenant } from '../core/azure/sign-in.js';
import {
  type AzureVmLocator,
  type LocatorFields,
  locateInSubscription,
  parseVmResourceId,
} from '../core/azure/vm-locator.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { type AzureCloudName, isAzureCloudName } from '../node/azure/live/cloud.js';
import { DEFAULT_AZURE_TIMEOUT_MS } from '../node/checks/azure-collect-check.js';
import { parseSecondsOption } from './duration-option.js';

/** The live Azure options, validated: which VM, how to sign in, which cloud. */
export interface AzureArgs {
  readonly locator: AzureVmLocator;
  readonly signIn: {
    readonly kind: AzureSignInKind;
    readonly tenantId: string | null;
    readonly clientId: string | null;
  };
  readonly cloud: AzureCloudName;
  /** `--arm-endpoint`: Resource Manager elsewhere (Azure Stack Hub); null: the cloud's own. */
  readonly armEndpoint: string | null;
  /** `--arm-ca`: a PEM file of extra CAs to trust for that endpoint. */
  readonly armCaFile: string | null;
  readonly timeoutMs: number;
}

/** The command-line options this module reads. */
export const AZURE_OPTIONS = {
  'azure-vm': { type: 'string' },
  subscription: { type: 'string' },
  'resource-group': { type: 'string' },
  vm: { type: 'string' },
  'azure-auth': { type: 'string' },
  tenant: { type: 'string' },
  'azure-client-id': { type: 'string' },
  'azure-cloud': { type: 'string' },
  'arm-endpoint': { type: 'string' },
  'arm-ca': { type: 'string' },
  'azure-timeout': { type: 'string' },
} as const;

type AzureValues = { readonly [K in keyof typeof AZURE_OPTIONS]?: string | undefined };

/** The locator's fields as the command line names them (input and label alike). */
const CLI_LOCATOR_FIELDS: LocatorFields = {
  subscription: { input: '--subscription', label: '--subscription' },
  resourceGroup: { input: '--resource-group', label: '--resource-group' },
  vm: { input: '--vm', label: '--vm' },
};

const SIGN_IN_KINDS: readonly AzureSignInKind[] = ['cli', 'browser', 'device-code'];

function locatorOf(values: AzureValues): Result<AzureVmLocator | null, InputError> {
  const vmId = values['azure-vm'];
  if (vmId !== undefined) {
    const extra = (['subscription', 'resource-group', 'vm'] as const).find((name) => values[name] !== undefined);
    if (extra !== undefined) {
      return err(inputError(`--${extra}`, `--${extra} and --azure-vm both name the VM; give one of them.`));
    }
    return parseVmResourceId(vmId, '--azure-vm');
  }
  if (values.subscription === undefined) {
    const stray = values.vm !== undefined ? '--vm' : values['resource-group'] !== undefined ? '--resource-group' : null;
    return stray === null
      ? ok(null)
      : err(inputError('--subscription', `${stray} needs --subscription (az account show --query id).`));
  }
  return locateInSubscription(
    { subscription: values.subscription, resourceGroup: values['resource-group'] ?? null, vm: values.vm ?? null },
    CLI_LOCATOR_FIELDS,
  );
}

/**
 * Reads the live Azure options. Null when none names a VM or a subscription; an error when a sign-in or cloud
 * option is given without one, or when they conflict with `--azure-snapshot`.
 */
export function parseAzureArgs(
  values: AzureValues,
  context: { readonly snapshotGiven: boolean; readonly env: Readonly<Record<string, string | undefined>> },
): Result<AzureArgs | null, InputError> {
  const parsed = readAzureArgs(values, context);
  // The shared validators (also used by the desktop app) say what is wrong; the CLI names the option first.
  if (parsed.kind === 'err' && !parsed.error.message.startsWith(parsed.error.input)) {
    return err(inputError(parsed.error.input, `${parsed.error.input}: ${parsed.error.message}`));
  }
  return parsed;
}

function readAzureArgs(
  values: AzureValues,
  context: { readonly snapshotGiven: boolean; readonly env: Readonly<Record<string, string | undefined>> },
): Result<AzureArgs | null, InputError> {
  const locator = locatorOf(values);
  if (locator.kind === 'err') return locator;
  if (locator.value === null) {
    const stray = (Object.keys(AZURE_OPTIONS) as (keyof typeof AZURE_OPTIONS)[]).find(
      (name) => values[name] !== undefined,
    );
    if (stray === undefined) return ok(null);
    return err(
      inputError(
        `--${stray}`,
        `--${stray} applies to reading Azure: add --azure-vm <resource id>, or --subscription (with --resource-group and --vm).`,
      ),
    );
  }
  if (context.snapshotGiven) {
    return err(
      inputError(
        '--azure-snapshot',
        '--azure-snapshot reads Azure from files; it cannot be combined with reading Azure live (--azure-vm, --subscription). Choose one.',
      ),
    );
  }
  const kindText = values['azure-auth'] ?? 'cli';
  const kind = SIGN_IN_KINDS.find((k) => k === kindText);
  if (kind === undefined) {
    return err(
      inputError(
        '--azure-auth',
        `--azure-auth: "${kindText}" is not a sign-in method; expected cli (az login), browser or device-code.`,
      ),
    );
  }
  let tenantId: string | null = null;
  if (values.tenant !== undefined) {
    const tenant = checkTenant(values.tenant, '--tenant');
    if (tenant.kind === 'err') return tenant;
    tenantId = tenant.value;
  }
  const clientIdText = values['azure-client-id'] ?? context.env.RDP_PROBE_AZURE_CLIENT_ID ?? null;
  let clientId: string | null = null;
  if (clientIdText !== null && clientIdText !== '') {
    const checked = checkClientId(
      clientIdText,
      values['azure-client-id'] === undefined ? 'RDP_PROBE_AZURE_CLIENT_ID' : '--azure-client-id',
    );
    if (checked.kind === 'err') return checked;
    clientId = checked.value;
  }
  const cloud = values['azure-cloud'] ?? 'public';
  if (!isAzureCloudName(cloud)) {
    return err(
      inputError('--azure-cloud', `--azure-cloud: "${cloud}" is not a cloud; expected public, usgov or china.`),
    );
  }
  let armEndpoint: string | null = null;
  if (values['arm-endpoint'] !== undefined) {
    const url = URL.canParse(values['arm-endpoint']) ? new URL(values['arm-endpoint']) : null;
    if (url === null || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
      return err(
        inputError(
          '--arm-endpoint',
          `--arm-endpoint: "${values['arm-endpoint']}" is not an https URL; expected e.g. https://management.local.azurestack.external (tokens are only sent over HTTPS).`,
        ),
      );
    }
    armEndpoint = url.origin;
  }
  if (values['arm-ca'] !== undefined && armEndpoint === null) {
    return err(inputError('--arm-ca', '--arm-ca trusts a CA for --arm-endpoint; add --arm-endpoint.'));
  }
  const timeout =
    values['azure-timeout'] === undefined
      ? ok(DEFAULT_AZURE_TIMEOUT_MS)
      : parseSecondsOption(values['azure-timeout'], '--azure-timeout', { minMs: 5000, maxMs: 300_000, example: '60s' });
  if (timeout.kind === 'err') return timeout;
  return ok({
    locator: locator.value,
    signIn: { kind, tenantId, clientId },
    cloud,
    armEndpoint,
    armCaFile: values['arm-ca'] ?? null,
    timeoutMs: timeout.value,
  });
}
