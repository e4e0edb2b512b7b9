import {
  AzureCliCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type TokenCredential,
} from '@azure/identity';
import { err, type InputError, inputError, ok, type Result } from '../../../core/result.js';
import type { AzureCloud } from './cloud.js';

export type { AzureSignInKind } from '../../../core/azure/sign-in.js';
export { checkClientId, checkTenant } from '../../../core/azure/sign-in.js';

import type { AzureSignInKind } from '../../../core/azure/sign-in.js';

/** Sign-in choices, validated at the boundary (CLI flags, IPC). */
export interface AzureSignIn {
  readonly kind: AzureSignInKind;
  readonly tenantId: string | null;
  /**
   * The app registration RDP Probe signs in as for browser and device-code sign-in. There is no built-in
   * one: borrowing another tool's client id would mislead the user's consent screen.
   */
  readonly clientId: string | null;
  /** Shows the device-code instructions (URL and code) to the user. */
  readonly onDeviceCode?: (message: string) => void;
}

/** A credential and the words the report uses for it. */
export interface SignedInCredential {
  readonly credential: TokenCredential;
  readonly label: string;
}

/** Where a sign-in's app registration comes from when no option gives it. */
export const CLIENT_ID_ENV = 'RDP_PROBE_AZURE_CLIENT_ID';

/**
 * Builds the credential for a sign-in choice. Tokens stay in this process (the identity library's memory
 * cache): they are never written to a report, a bundle or a log.
 */
export function createCredential(signIn: AzureSignIn, cloud: AzureCloud): Result<SignedInCredential, InputError> {
  const tenant = signIn.tenantId === null ? {} : { tenantId: signIn.tenantId };
  switch (signIn.kind) {
    case 'cli':
      // `az` can take a few seconds on first use; bounded so a hung CLI never hangs the probe.
      return ok({
        credential: new AzureCliCredential({ ...tenant, processTimeoutInMs: 20_000 }),
        label: 'Azure CLI account (az login)',
      });
    case 'browser':
    case 'device-code': {
      if (signIn.clientId === null) {
        return err(
          inputError(
            '--azure-client-id',
            `${signIn.kind === 'browser' ? 'browser' : 'device-code'} sign-in needs the application (client) ID of an app registration in your tenant (public client, redirect http://localhost); give --azure-client-id or set ${CLIENT_ID_ENV}, or sign in with \`az login\` and use --azure-auth cli.`,
          ),
        );
      }
      const common = { ...tenant, clientId: signIn.clientId, authorityHost: cloud.authorityHost };
      if (signIn.kind === 'browser') {
        return ok({ credential: new InteractiveBrowserCredential(common), label: 'browser sign-in' });
      }
      const onDeviceCode = signIn.onDeviceCode;
      return ok({
        credential: new DeviceCodeCredential({
          ...common,
          ...(onDeviceCode === undefined ? {} : { userPromptCallback: (info) => onDeviceCode(info.message) }),
        }),
        label: 'device code sign-in',
      });
    }
  }
}
