/** The outcome of an operation that can fail in an expected way: errors are values at boundaries. */
export type Result<T, E> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'err'; readonly error: E };

/** Wraps a success. */
export function ok<T>(value: T): { readonly kind: 'ok'; readonly value: T } {
  return { kind: 'ok', value };
}

/** Wraps an expected failure. */
export function err<E>(error: E): { readonly kind: 'err'; readonly error: E } {
  return { kind: 'err', error };
}

/**
 * Bad input from the user: names the input (`target`, `--port`, `file vm.rdp`) and says what was
 * expected. The CLI prints `message` as one line and exits 2; the UI shows it next to the field.
 */
export interface InputError {
  readonly kind: 'input-error';
  /** Which input was wrong, as the user would name it. */
  readonly input: string;
  /** One sentence: what was given and what was expected. */
  readonly message: string;
}

/** Builds an InputError. */
export function inputError(input: string, message: string): InputError {
  return { kind: 'input-error', input, message };
}

/** Exhaustiveness guard for switches over tagged unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
