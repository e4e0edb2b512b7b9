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
  /**
   * The SHA-256 of the check script the user read and agreed to run inside the VM ("Run it on the VM" in its
   * dialog); null: not agreed, nothing runs on the VM.
   */
  readonly vmChecksConsent: string | null;
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

/** A field of the Azure section the engine may name: a text field, or the VM-checks consent. */
export type AzureField = AzureTextField | 'vmChecks';

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
  vmChecksConsent: null,
};

/** The request field the engine names in an `invalid` answer (`InputError.input`), per form field. */
const FIELD_INPUTS: Readonly<Record<AzureField, string>> = {
  vmId: 'azure.vmId',
  subscriptionId: 'azure.subscriptionId',
  resourceGroup: 'azure.resourceGroup',
  vmName: 'azure.vmName',
  tenantId: 'azure.tenantId',
  clientId: 'azure.clientId',
  sourceIp: 'sourceIp',
  vmChecks: 'vmChecks',
};

/** The Azure section's field an engine error names, or null when it is about another input. */
export function azureFieldOf(error: InputError | null): AzureField | null {
  if (error === null) return null;
  const entry = Object.entries(FIELD_INPUTS).find(([, input]) => input === error.input);
  return entry === undefined ? null : (entry[0] as AzureField);
}

function optional(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The request's `azure`, `sourceIp` and `vmChecks` from the form. Azure is read only when the VM is named (a
 * resource ID, or a subscription); the client id is sent only for the sign-in methods that use it; consent
 * to the VM checks goes as given (without Azure the engine refuses it, and the form says so at the box).
 * The engine checks every value (the renderer is untrusted), so nothing is validated here.
 */
export function azureRequestOf(values: AzureFormValues): Pick<ProbeStartRequest, 'azure' | 'sourceIp' | 'vmChecks'> {
  return {
    ...azureAndSourceIp(values),
    ...(values.vmChecksConsent === null ? {} : { vmChecks: { consentSha256: values.vmChecksConsent } }),
  };
}

function azureAndSourceIp(values: AzureFormValues): Pick<ProbeStartRequest, 'azure' | 'sourceIp'> {
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
