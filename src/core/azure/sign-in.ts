import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** How the user signs in: the Azure CLI's account, the system browser, or a device code. */
export type AzureSignInKind = 'cli' | 'browser' | 'device-code';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9][a-z0-9.-]{0,252}\.[a-z]{2,})$/i;

/** Checks a tenant given as a GUID or a verified domain (`contoso.onmicrosoft.com`). */
export function checkTenant(value: string, input: string): Result<string, InputError> {
  return TENANT.test(value)
    ? ok(value)
    : err(
        inputError(
          input,
          `"${value}" is not a tenant; expected its ID (a GUID) or its domain, e.g. contoso.onmicrosoft.com.`,
        ),
      );
}

/** Checks an app registration's client id (a GUID). */
export function checkClientId(value: string, input: string): Result<string, InputError> {
  return GUID.test(value)
    ? ok(value)
    : err(
        inputError(
          input,
          `"${value}" is not a client id; expected the app registration's application (client) ID, a GUID.`,
        ),
      );
}
