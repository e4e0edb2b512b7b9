import type { ArmErrorDetail } from './types.js';

/** An HTTP answer with ARM's error body `{ "error": { "code", "message" } }`. */
export interface ArmErrorAnswer {
  readonly status: number;
  readonly body: { readonly error: ArmErrorDetail };
  readonly headers?: Readonly<Record<string, string>>;
}

/** The object id the emulator's 403 messages name as the caller (a fixed test value). */
export const EMULATOR_CALLER_OBJECT_ID = '00000000-0000-0000-0000-0000000000c1';

function answer(status: number, code: string, message: string): ArmErrorAnswer {
  return { status, body: { error: { code, message } } };
}

/** 401 for a request without a bearer token, as ARM words it (with its `WWW-Authenticate` challenge). */
export function missingTokenError(): ArmErrorAnswer {
  return {
    ...answer(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."),
    headers: {
      'WWW-Authenticate':
        'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", ' +
        `error_description="The authentication failed because of missing 'Authorization' header."`,
    },
  };
}

/** 401 for an Authorization header that is not `Bearer <token>`. */
export function invalidTokenError(): ArmErrorAnswer {
  return answer(
    401,
    'InvalidAuthenticationToken',
    "The access token is invalid: the 'Authorization' header must be 'Bearer <token>'.",
  );
}

/** 403 AuthorizationFailed, in ARM's words: what a Reader gets for an action it lacks. */
export function authorizationFailedError(action: string, scope: string): ArmErrorAnswer {
  return answer(
    403,
    'AuthorizationFailed',
    `The client '${EMULATOR_CALLER_OBJECT_ID}' with object id '${EMULATOR_CALLER_OBJECT_ID}' does not have ` +
      `authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. ` +
      'If access was recently granted, please refresh your credentials.',
  );
}

/** 404 ResourceNotFound for a resource id (`Microsoft.Network/networkInterfaces/nic1` under `rg`). */
export function resourceNotFoundError(typeAndName: string, resourceGroup: string | undefined): ArmErrorAnswer {
  const where = resourceGroup === undefined ? '' : ` under resource group '${resourceGroup}'`;
  return answer(
    404,
    'ResourceNotFound',
    `The Resource '${typeAndName}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFound`,
  );
}

/** 404 ResourceGroupNotFound. */
export function resourceGroupNotFoundError(resourceGroup: string): ArmErrorAnswer {
  return answer(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
}

/** 404 SubscriptionNotFound. */
export function subscriptionNotFoundError(subscriptionId: string): ArmErrorAnswer {
  return answer(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

/** 404 InvalidResourceType: a resource type (or action) ARM does not know in that namespace. */
export function invalidResourceTypeError(type: string, namespace: string, apiVersion: string): ArmErrorAnswer {
  return answer(
    404,
    'InvalidResourceType',
    `The resource type '${type}' could not be found in the namespace '${namespace}' for api version '${apiVersion}'.`,
  );
}

/** 400 MissingApiVersionParameter: ARM refuses a request without `?api-version=`. */
export function missingApiVersionError(): ArmErrorAnswer {
  return answer(
    400,
    'MissingApiVersionParameter',
    'The api-version query parameter (?api-version=) is required for all requests.',
  );
}

/** 405 for a method the emulator does not serve (it only reads and runs actions). */
export function methodNotAllowedError(method: string, path: string): ArmErrorAnswer {
  return answer(405, 'MethodNotAllowed', `The emulator does not support ${method} on '${path}'.`);
}

/** 400 BadRequest with a message. */
export function badRequestError(message: string): ArmErrorAnswer {
  return answer(400, 'BadRequest', message);
}

/** ARM's usual error answer for an action handler's bare error status. */
export function defaultActionError(status: 400 | 403 | 404 | 409 | 500, action: string, scope: string): ArmErrorAnswer {
  switch (status) {
    case 400:
      return answer(400, 'InvalidRequestFormat', `Cannot parse the request for action '${action}'.`);
    case 403:
      return authorizationFailedError(action, scope);
    case 404:
      return answer(404, 'NotFound', `Resource ${scope} not found.`);
    case 409:
      return answer(409, 'Conflict', `Another operation on ${scope} is in progress.`);
    case 500:
      return answer(500, 'InternalServerError', 'An error occurred while processing the request.');
  }
}
