import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { armNetworkSecurityGroupSchema } from './arm-schemas.js';
import { armErrorBody, parseJsonText, schemaError } from './json-input.js';
import { normalizeArmRule } from './normalize-rule.js';
import type { NormalizedRule, ParsedNsg } from './rule-model.js';

const EXPECTED = 'a network security group (NSG GET or `az network nsg show` JSON)';

function nameFromId(id: string | null | undefined): string | undefined {
  if (id == null) return undefined;
  const last = id
    .split('/')
    .filter((part) => part !== '')
    .pop();
  return last;
}

/**
 * Validates and normalises a network security group (ARM GET body or Azure CLI output). `input` names
 * where it came from (`file nsg.json`, `NSG nsg1`) for the error message.
 */
export function parseNetworkSecurityGroup(value: unknown, input: string): Result<ParsedNsg, InputError> {
  const azureError = armErrorBody(value, input, EXPECTED);
  if (azureError !== undefined) return err(azureError);
  const parsed = armNetworkSecurityGroupSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const nsg = parsed.data;
  const rules: NormalizedRule[] = [];
  const lists = [
    { list: nsg.securityRules ?? [], origin: 'security-rule', field: 'securityRules' },
    { list: nsg.defaultSecurityRules ?? [], origin: 'default-security-rule', field: 'defaultSecurityRules' },
  ] as const;
  for (const { list, origin, field } of lists) {
    for (const [index, raw] of list.entries()) {
      const rule = normalizeArmRule(raw, origin);
      if (rule.kind === 'err') {
        return err(inputError(input, `${input}: ${field}[${index}] (${raw.name}): ${rule.error}.`));
      }
      rules.push(rule.value);
    }
  }
  const name = nsg.name ?? nameFromId(nsg.id) ?? input;
  return ok({ name, ...(nsg.id != null ? { id: nsg.id } : {}), rules });
}

/** Parses JSON text holding a network security group; never throws. */
export function parseNetworkSecurityGroupJson(text: string, input: string): Result<ParsedNsg, InputError> {
  const json = parseJsonText(text, input, EXPECTED);
  return json.kind === 'err' ? json : parseNetworkSecurityGroup(json.value, input);
}
