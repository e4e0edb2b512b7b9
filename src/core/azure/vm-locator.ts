import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** How the user tells RDP Probe which VM to look at in Azure. */
export type AzureVmLocator =
  | {
      readonly kind: 'resource-id';
      readonly subscriptionId: string;
      readonly resourceGroup: string;
      readonly vmName: string;
    }
  | { readonly kind: 'name'; readonly subscriptionId: string; readonly resourceGroup: string; readonly vmName: string }
  /** Search the subscription's public IPs for the dialled address or DNS name. */
  | { readonly kind: 'address'; readonly subscriptionId: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Resource group: 1–90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period.
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/u;
// Windows VM resource names: 1–64 characters, no spaces or `\/"[]:|<>+=;,?*@&`, not ending in a period.
const VM_NAME = /^[^\s\\/"[\]:|<>+=;,?*@&#%]{0,63}[^\s\\/"[\]:|<>+=;,?*@&#%.]$/u;
const VM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)\/?$/i;

/** Checks a subscription ID (a GUID). */
export function checkSubscriptionId(value: string, input: string): Result<string, InputError> {
  return GUID.test(value.trim())
    ? ok(value.trim().toLowerCase())
    : err(
        inputError(
          input,
          `"${value}" is not a subscription ID; expected a GUID such as 00000000-0000-0000-0000-000000000000 (az account show --query id).`,
        ),
      );
}

/** Checks a resource group name. */
export function checkResourceGroup(value: string, input: string): Result<string, InputError> {
  return RESOURCE_GROUP.test(value)
    ? ok(value)
    : err(
        inputError(
          input,
          `"${value}" is not a resource group name; expected 1–90 letters, digits, -, _, ., ( or ), not ending in a period.`,
        ),
      );
}

/** Checks a VM name. */
export function checkVmName(value: string, input: string): Result<string, InputError> {
  return VM_NAME.test(value)
    ? ok(value)
    : err(
        inputError(
          input,
          `"${value}" is not a VM name; expected 1–64 characters without spaces or \\/"[]:|<>+=;,?*@&#%.`,
        ),
      );
}

/** Parses `--azure-vm`: a VM's full resource ID. */
export function parseVmResourceId(value: string, input: string): Result<AzureVmLocator, InputError> {
  const match = VM_ID.exec(value.trim());
  if (match === null) {
    return err(
      inputError(
        input,
        `"${value}" is not a VM resource ID; expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name> (az vm show -g <group> -n <name> --query id).`,
      ),
    );
  }
  const [, sub = '', group = '', name = ''] = match;
  const subscriptionId = checkSubscriptionId(sub, input);
  if (subscriptionId.kind === 'err') return subscriptionId;
  const resourceGroup = checkResourceGroup(decodeURIComponent(group), input);
  if (resourceGroup.kind === 'err') return resourceGroup;
  const vmName = checkVmName(decodeURIComponent(name), input);
  if (vmName.kind === 'err') return vmName;
  return ok({
    kind: 'resource-id',
    subscriptionId: subscriptionId.value,
    resourceGroup: resourceGroup.value,
    vmName: vmName.value,
  });
}

/** How a field is named: `input` goes into the InputError (where the UI shows it), `label` into sentences. */
export interface LocatorField {
  readonly input: string;
  readonly label: string;
}

/** The names of the subscription, resource group and VM name fields, as the CLI or the desktop app shows them. */
export interface LocatorFields {
  readonly subscription: LocatorField;
  readonly resourceGroup: LocatorField;
  readonly vm: LocatorField;
}

function sentence(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * Locates a VM from a subscription with an optional resource group and VM name: both name the VM in that
 * group; neither means search the subscription for the dialled address; one without the other is an error.
 * The rules the CLI (`--subscription`, `--resource-group`, `--vm`) and the desktop app share.
 */
export function locateInSubscription(
  values: { readonly subscription: string; readonly resourceGroup: string | null; readonly vm: string | null },
  fields: LocatorFields,
): Result<AzureVmLocator, InputError> {
  const subscriptionId = checkSubscriptionId(values.subscription, fields.subscription.input);
  if (subscriptionId.kind === 'err') return subscriptionId;
  if (values.vm === null) {
    if (values.resourceGroup !== null) {
      return err(
        inputError(
          fields.vm.input,
          `${sentence(fields.resourceGroup.label)} needs ${fields.vm.label}: the VM to read in that group.`,
        ),
      );
    }
    return ok({ kind: 'address', subscriptionId: subscriptionId.value });
  }
  if (values.resourceGroup === null) {
    return err(
      inputError(
        fields.resourceGroup.input,
        `${sentence(fields.vm.label)} needs ${fields.resourceGroup.label}: the group the VM is in.`,
      ),
    );
  }
  const resourceGroup = checkResourceGroup(values.resourceGroup, fields.resourceGroup.input);
  if (resourceGroup.kind === 'err') return resourceGroup;
  const vmName = checkVmName(values.vm, fields.vm.input);
  if (vmName.kind === 'err') return vmName;
  return ok({
    kind: 'name',
    subscriptionId: subscriptionId.value,
    resourceGroup: resourceGroup.value,
    vmName: vmName.value,
  });
}

/** The VM's resource ID a locator names, or null when it must be searched for. */
export function vmIdOf(locator: AzureVmLocator): string | null {
  if (locator.kind === 'address') return null;
  return `/subscriptions/${locator.subscriptionId}/resourceGroups/${locator.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${locator.vmName}`;
}
