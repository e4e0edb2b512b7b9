import type { AzureRequest, ProbeStartRequest } from '../../src/api.js';
import type { InputError } from '../../src/core/result.js';

/** How the form finds the VM: by its full resource ID, or by subscription (with a group and name, or by address). */
export type FindVmBy = 'resource-id' | 'name';

/** What the Azure section of the form holds, as typed. */
export interface AzureFormValues {
  readonly findBy: FindVmBy;
  readonly vmId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vmName: string;
  readonly signIn: AzureRequest['signIn'];
  readonly tenantId: string;
  readonly clientId: string;
  readonly cloud: AzureRequest['cloud'];
  readonly sourceIp: string;
}

/** A text field of the Azure section. */
export type AzureTextField =
  | 'vmId'
  | 'subscriptionId'
  | 'resourceGroup'
  | 'vmName'
  | 'tenantId'
  | 'clientId'
  | 'sourceIp';

/** The section before the user touches it: no VM named, so Azure is not read. */
export const EMPTY_AZURE_FORM: AzureFormValues = {
  findBy: 'resource-id',
  vmId: '',
  subscriptionId: '',
  resourceGroup: '',
  vmName: '',
  signIn: 'cli',
  tenantId: '',
  clientId: '',
  cloud: 'public',
  sourceIp: '',
};

/** The request field the engine names in an `invalid` answer (`InputError.input`), per form field. */
const FIELD_INPUTS: Readonly<Record<AzureTextField, string>> = {
  vmId: 'azure.vmId',
  subscriptionId: 'azure.subscriptionId',
  resourceGroup: 'azure.resourceGroup',
  vmName: 'azure.vmName',
  tenantId: 'azure.tenantId',
  clientId: 'azure.clientId',
  sourceIp: 'sourceIp',
};

/** The Azure section's field an engine error names, or null when it is about another input. */
export function azureFieldOf(error: InputError | null): AzureTextField | null {
  if (error === null) return null;
  const entry = Object.entries(FIELD_INPUTS).find(([, input]) => input === error.input);
  return entry === undefined ? null : (entry[0] as AzureTextField);
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The request's `azure` and `sourceIp` from the form. Azure is read only when the VM is named (a resource
 * ID, or a subscription); the client id is sent only for the sign-in methods that use it. The engine
 * checks every value (the renderer is untrusted), so nothing is validated here.
 */
export function azureRequestOf(values: AzureFormValues): Pick<ProbeStartRequest, 'azure' | 'sourceIp'> {
  const sourceIp = optional(values.sourceIp);
  const common = {
    signIn: values.signIn,
    tenantId: optional(values.tenantId),
    clientId: values.signIn === 'cli' ? null : optional(values.clientId),
    cloud: values.cloud,
  };
  if (values.findBy === 'resource-id') {
    const vmId = optional(values.vmId);
    return { azure: vmId === null ? null : { vmId, ...common }, sourceIp };
  }
  const subscriptionId = optional(values.subscriptionId);
  if (subscriptionId === null) return { azure: null, sourceIp };
  const resourceGroup = optional(values.resourceGroup);
  const vmName = optional(values.vmName);
  return {
    azure: {
      subscriptionId,
      ...(resourceGroup === null ? {} : { resourceGroup }),
      ...(vmName === null ? {} : { vmName }),
      ...common,
    },
    sourceIp,
  };
}
