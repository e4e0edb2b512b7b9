import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { adminRuleListSchema } from './arm-schemas.js';
import { armErrorBody, parseJsonText, schemaError } from './json-input.js';
import { normalizeAdminRule } from './normalize-rule.js';
import type { NormalizedRule } from './rule-model.js';

const EXPECTED = 'a list of Virtual Network Manager security admin rules';

/** Validates and normalises security admin rules (`{ value: [...] }` or an array); never throws. */
export function parseSecurityAdminRules(value: unknown, input: string): Result<NormalizedRule[], InputError> {
  const azureError = armErrorBody(value, input, EXPECTED);
  if (azureError !== undefined) return err(azureError);
  const parsed = adminRuleListSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const rules: NormalizedRule[] = [];
  for (const [index, raw] of parsed.data.value.entries()) {
    const rule = normalizeAdminRule(raw);
    if (rule.kind === 'err') return err(inputError(input, `${input}: value[${index}] (${raw.name}): ${rule.error}.`));
    rules.push(rule.value);
  }
  return ok(rules);
}

/** Parses JSON text holding security admin rules; never throws. */
export function parseSecurityAdminRulesJson(text: string, input: string): Result<NormalizedRule[], InputError> {
  const json = parseJsonText(text, input, EXPECTED);
  return json.kind === 'err' ? json : parseSecurityAdminRules(json.value, input);
}
