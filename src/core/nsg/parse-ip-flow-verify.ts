import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { ipFlowVerifySchema } from './arm-schemas.js';
import { armErrorBody, parseJsonText, schemaError } from './json-input.js';

const EXPECTED = 'an IP flow verify result (`{ "access": "Allow" | "Deny", "ruleName": … }`)';

/** Network Watcher's answer for one flow; `ruleName` is absent when no rule matched. */
export interface IpFlowVerifyResult {
  readonly access: 'Allow' | 'Deny';
  readonly ruleName?: string;
}

/** Validates an IP flow verify result (REST body or `az network watcher test-ip-flow` output). */
export function parseIpFlowVerify(value: unknown, input: string): Result<IpFlowVerifyResult, InputError> {
  const azureError = armErrorBody(value, input, EXPECTED);
  if (azureError !== undefined) return err(azureError);
  const parsed = ipFlowVerifySchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const lower = parsed.data.access.toLowerCase();
  if (lower !== 'allow' && lower !== 'deny') {
    return err(inputError(input, `${input}: access "${parsed.data.access}" is not Allow or Deny.`));
  }
  const { ruleName } = parsed.data;
  return ok({
    access: lower === 'allow' ? 'Allow' : 'Deny',
    ...(ruleName != null && ruleName !== '' ? { ruleName } : {}),
  });
}

/** Parses JSON text holding an IP flow verify result; never throws. */
export function parseIpFlowVerifyJson(text: string, input: string): Result<IpFlowVerifyResult, InputError> {
  const json = parseJsonText(text, input, EXPECTED);
  return json.kind === 'err' ? json : parseIpFlowVerify(json.value, input);
}
