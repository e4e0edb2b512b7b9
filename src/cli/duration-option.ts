import { err, type InputError, inputError, ok, type Result } from '../core/result.js';

/**
 * Parses a long wait given in seconds (`60`, `60s`, `1.5s`) or milliseconds (`60000ms`) within bounds, as
 * `--azure-timeout` and `--vm-checks-timeout` take it; the message names the option and the range.
 */
export function parseSecondsOption(
  text: string,
  option: string,
  bounds: { readonly minMs: number; readonly maxMs: number; readonly example: string },
): Result<number, InputError> {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(text.trim());
  const value = match === null ? Number.NaN : Number(match[1]) * ((match[2] ?? 's').toLowerCase() === 's' ? 1000 : 1);
  if (!(value >= bounds.minMs && value <= bounds.maxMs)) {
    return err(
      inputError(
        option,
        `${option}: "${text}" is not a duration between ${bounds.minMs / 1000} s and ${bounds.maxMs / 1000} s; expected e.g. ${bounds.example}.`,
      ),
    );
  }
  return ok(Math.round(value));
}
