import type { z } from 'zod';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/**
 * Parses JSON text without throwing: a syntax error or truncated text becomes an InputError naming the
 * input and what it should have held.
 */
export function parseJsonText(text: string, input: string, expected: string): Result<unknown, InputError> {
  if (text.trim() === '') return err(inputError(input, `${input} is empty; expected ${expected} as JSON.`));
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return err(inputError(input, `${input} is not valid JSON (${detail}); expected ${expected}.`));
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(top level)' : out;
}

/** Turns a zod error into one InputError sentence: the input, what was expected, the first problem and where. */
export function schemaError(error: z.ZodError, input: string, expected: string): InputError {
  const [first] = error.issues;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  let where = '';
  if (first !== undefined) {
    const path = formatPath(first.path);
    const missing = first.code === 'invalid_type' && first.message.endsWith('received undefined');
    const what = first.message.replace(/^Invalid input: /, '');
    where = missing ? `: ${path} is missing (expected a ${first.expected})` : `: at ${path}, ${what}`;
  }
  return inputError(input, `${input} is not ${expected}${where}${more}.`);
}

/**
 * Recognises an ARM error body (`{"error":{"code","message"}}`), which admins often send instead of
 * the data, so the message can say so rather than list missing fields.
 */
export function armErrorBody(value: unknown, input: string, expected: string): InputError | undefined {
  if (typeof value !== 'object' || value === null || !('error' in value)) return undefined;
  const body = (value as { error: unknown }).error;
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return undefined;
  const text = typeof message === 'string' ? `: ${message}` : '';
  return inputError(input, `${input} holds an Azure error response (${code}${text}), not ${expected}.`);
}

/**
 * Lifts an ARM resource's `properties` bag next to its `name` and `id`, so ARM (`properties.x`) and
 * Azure CLI output (`x`, already flattened) parse with one schema.
 */
export function flattenProperties(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { properties, ...rest } = value as Record<string, unknown>;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return value;
  return { ...(properties as Record<string, unknown>), ...rest };
}
