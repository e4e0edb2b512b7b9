import { useEffect, useId, useRef, useState } from 'react';
import type { VmCheckScriptResponse } from '../../src/api.js';
import type { InputError } from '../../src/core/result.js';
import { type AzureField, type AzureFormValues, azureFieldOf } from '../state/azure-form.js';
import { VmCheckConsent } from './vm-check-consent.js';

const SIGN_IN_TEXT = {
  cli: 'Azure CLI account (az login)',
  browser: 'Browser sign-in',
  'device-code': 'Device code',
} as const satisfies Record<AzureFormValues['signIn'], string>;

const CLOUD_TEXT = {
  public: 'Azure (global)',
  usgov: 'Azure Government',
  china: 'Azure operated by 21Vianet (China)',
} as const satisfies Record<AzureFormValues['cloud'], string>;

interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The engine's message when it refused this field. */
  readonly error: string | null;
  readonly help?: string;
  readonly placeholder?: string;
  readonly maxLength: number;
  readonly grow?: boolean;
}

/** A labelled text input with its help and, when the engine refused it, the reason right below it. */
/** A labelled choice among `texts`' keys, each shown as its text. */
function SelectField<K extends string>(props: {
  readonly id: string;
  readonly label: string;
  readonly value: K;
  readonly texts: Readonly<Record<K, string>>;
  readonly onChange: (value: K) => void;
}) {
  const keys = Object.keys(props.texts) as K[];
  return (
    <div className="field grow">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value as K)}>
        {keys.map((key) => (
          <option key={key} value={key}>
            {props.texts[key]}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextField(props: TextFieldProps) {
  const described = [
    props.help === undefined ? null : `${props.id}-help`,
    props.error === null ? null : `${props.id}-error`,
  ]
    .filter((d) => d !== null)
    .join(' ');
  return (
    <div className={`field${props.grow === false ? '' : ' grow'}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-describedby={described === '' ? undefined : described}
        aria-invalid={props.error !== null}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.help !== undefined && (
        <p id={`${props.id}-help`} className="help">
          {props.help}
        </p>
      )}
      {props.error !== null && (
        <p id={`${props.id}-error`} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** Props of the Azure section. */
export interface AzureFieldsProps {
  readonly values: AzureFormValues;
  readonly onChange: (values: AzureFormValues) => void;
  /** The engine's answer when it refused the input; shown here when it names one of these fields. */
  readonly inputError: InputError | null;
  /** Asks the engine for the VM check script, shown before the user agrees to run it. */
  readonly loadScript: () => Promise<VmCheckScriptResponse>;
}

/**
 * "Azure (optional)", collapsed: which VM (its resource ID, or subscription with group and name), how to
 * sign in, the tenant and cloud, the user's public IP for the NSG evaluation, and consent to check inside
 * the VM. A refused field opens the section and takes the focus, its reason below it.
 */
export function AzureFields({ values, onChange, inputError, loadScript }: AzureFieldsProps) {
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const field = azureFieldOf(inputError);
  const errorOf = (name: AzureField) => (field === name ? (inputError?.message ?? null) : null);
  const set =
    <K extends keyof AzureFormValues>(key: K) =>
    (value: AzureFormValues[K]) =>
      onChange({ ...values, [key]: value });

  useEffect(() => {
    if (field === null) return;
    // Open the section at once (not on React's next render) so the refused field can take the focus.
    if (details.current !== null) details.current.open = true;
    setOpen(true);
    document.getElementById(`${id}-${field}`)?.focus();
  }, [field, id]);

  return (
    <details ref={details} className="azure-fields" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Azure (optional)</summary>
      <div className="azure-body">
        <p className="help">
          Also read the VM, its network and NSGs from Azure while probing (read-only), to find the rule or change that
          blocks you.
        </p>
        <fieldset className="find-by">
          <legend>Find the VM by</legend>
          <div className="field checkbox">
            <input
              id={`${id}-by-id`}
              type="radio"
              name={`${id}-find-by`}
              checked={values.findBy === 'resource-id'}
              onChange={() => set('findBy')('resource-id')}
            />
            <label htmlFor={`${id}-by-id`}>Its resource ID</label>
          </div>
          <div className="field checkbox">
            <input
              id={`${id}-by-name`}
              type="radio"
              name={`${id}-find-by`}
              checked={values.findBy === 'name'}
              onChange={() => set('findBy')('name')}
            />
            <label htmlFor={`${id}-by-name`}>Subscription, resource group and name</label>
          </div>
        </fieldset>
        {values.findBy === 'resource-id' ? (
          <div className="field-row">
            <TextField
              id={`${id}-vmId`}
              label="VM resource ID"
              value={values.vmId}
              onChange={set('vmId')}
              error={errorOf('vmId')}
              maxLength={1024}
              placeholder="/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/virtualMachines/…"
              help="In the portal: the VM's JSON view; or az vm show -g <group> -n <name> --query id."
            />
          </div>
        ) : (
          <div className="field-row">
            <TextField
              id={`${id}-subscriptionId`}
              label="Subscription ID"
              value={values.subscriptionId}
              onChange={set('subscriptionId')}
              error={errorOf('subscriptionId')}
              maxLength={64}
              placeholder="00000000-0000-0000-0000-000000000000"
              help="Leave group and name empty to find the VM by the address you probe."
            />
            <TextField
              id={`${id}-resourceGroup`}
              label="Resource group (optional)"
              value={values.resourceGroup}
              onChange={set('resourceGroup')}
              error={errorOf('resourceGroup')}
              maxLength={256}
            />
            <TextField
              id={`${id}-vmName`}
              label="VM name (optional)"
              value={values.vmName}
              onChange={set('vmName')}
              error={errorOf('vmName')}
              maxLength={256}
            />
          </div>
        )}
        <div className="field-row">
          <SelectField
            id={`${id}-signIn`}
            label="Sign in with"
            value={values.signIn}
            texts={SIGN_IN_TEXT}
            onChange={set('signIn')}
          />
          <TextField
            id={`${id}-tenantId`}
            label="Tenant (optional)"
            value={values.tenantId}
            onChange={set('tenantId')}
            error={errorOf('tenantId')}
            maxLength={256}
            placeholder="contoso.onmicrosoft.com or its ID"
          />
          <SelectField
            id={`${id}-cloud`}
            label="Cloud"
            value={values.cloud}
            texts={CLOUD_TEXT}
            onChange={set('cloud')}
          />
        </div>
        {values.signIn !== 'cli' && (
          <div className="field-row">
            <TextField
              id={`${id}-clientId`}
              label="Application (client) ID"
              value={values.clientId}
              onChange={set('clientId')}
              error={errorOf('clientId')}
              maxLength={64}
              placeholder="00000000-0000-0000-0000-000000000000"
              help="Your organisation's app registration: RDP Probe has none of its own to sign you in with."
            />
          </div>
        )}
        <div className="field-row">
          <TextField
            id={`${id}-sourceIp`}
            label="Your public IP (optional)"
            value={values.sourceIp}
            onChange={set('sourceIp')}
            error={errorOf('sourceIp')}
            maxLength={64}
            placeholder="e.g. 198.51.100.7"
            help="Your address as Azure sees it, to tell which NSG rule decides your connection."
          />
        </div>
        <VmCheckConsent
          id={`${id}-vmChecks`}
          consent={values.vmChecksConsent}
          onConsent={set('vmChecksConsent')}
          loadScript={loadScript}
          error={errorOf('vmChecks')}
        />
      </div>
    </details>
  );
}
