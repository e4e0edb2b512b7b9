import type { AzureForbidden } from './snapshot-schema.js';

/** An ARM error body (`{"error":{"code","message"}}`) found where data was expected. */
export interface AzureErrorBody {
  readonly code: string;
  readonly message: string;
}

/** Reads an ARM error body, or returns null when the value is not one. */
export function readAzureErrorBody(value: unknown): AzureErrorBody | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const body = (value as { error?: unknown }).error;
  if (typeof body !== 'object' || body === null) return null;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '' };
}

const AUTH_CODES = new Set(['authorizationfailed', 'linkedauthorizationfailed', 'forbidden', 'authorizationerror']);

const OPERATIONS: readonly [RegExp, AzureForbidden['operation']][] = [
  [/effectiveNetworkSecurityGroups/i, 'effective-nsg'],
  [/ipFlowVerify/i, 'ip-flow-verify'],
  [/effectiveRouteTable/i, 'effective-routes'],
];

/**
 * Turns an authorization error (403, `AuthorizationFailed`) into a record of what was refused: the
 * action named in the message (`… does not have authorization to perform action '<action>' …`) and which
 * operation it belongs to. Returns null for errors that are not about permissions.
 */
export function forbiddenFromError(error: AzureErrorBody, input: string): AzureForbidden | null {
  const action = /perform action '([^']+)'/i.exec(error.message)?.[1] ?? null;
  if (!AUTH_CODES.has(error.code.toLowerCase()) && action === null) return null;
  const probe = `${action ?? ''} ${error.message}`;
  const operation = OPERATIONS.find(([pattern]) => pattern.test(probe))?.[1] ?? 'other';
  return { input, operation, action, code: error.code, message: error.message };
}
