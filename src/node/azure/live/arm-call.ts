/** What went wrong with one Resource Manager call, as data the report can show. */
export interface ArmFailure {
  /** The HTTP status, or null when no answer came (network, sign-in, timeout). */
  readonly status: number | null;
  /** ARM's error code (`AuthorizationFailed`, `ResourceNotFound`), or ours (`CredentialUnavailable`, `Timeout`). */
  readonly code: string;
  readonly message: string;
}

/** The outcome of one Resource Manager call: its value and raw JSON body, or a failure. */
export type ArmOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T; readonly raw: unknown }
  /** `raw`: a 2xx body the SDK could not deserialize (the snapshot readers say what is wrong with it). */
  | { readonly kind: 'err'; readonly failure: ArmFailure; readonly raw?: unknown };

/** The per-call options every SDK operation takes: cancellation and the raw response. */
export interface ArmCallOptions {
  readonly abortSignal: AbortSignal;
  readonly onResponse: (response: { parsedBody?: unknown; bodyAsText?: string | null; status: number }) => void;
}

function parseBody(text: string | null | undefined): unknown {
  if (text == null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The plain JSON of an SDK result (Dates become ISO strings, as in ARM's own bodies). */
export function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/** Reads an SDK or identity error into a failure without trusting its shape. */
export function armFailureOf(error: unknown, signal: AbortSignal): ArmFailure {
  if (signal.aborted) return { status: null, code: 'Timeout', message: 'Azure did not answer in time.' };
  if (typeof error !== 'object' || error === null) return { status: null, code: 'Unknown', message: String(error) };
  const { name, message, code, statusCode } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    statusCode?: unknown;
  };
  const text = typeof message === 'string' ? message : '';
  if (
    name === 'CredentialUnavailableError' ||
    name === 'AuthenticationError' ||
    name === 'AuthenticationRequiredError'
  ) {
    return { status: null, code: 'CredentialUnavailable', message: firstLine(text) };
  }
  if (name === 'AbortError') return { status: null, code: 'Timeout', message: 'Azure did not answer in time.' };
  return {
    status: typeof statusCode === 'number' ? statusCode : null,
    code:
      typeof code === 'string' && code !== ''
        ? code
        : typeof statusCode === 'number'
          ? `Http${statusCode}`
          : 'NetworkError',
    message: firstLine(text),
  };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((part) => part.trim() !== '') ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}

/**
 * Runs one SDK call with a cancellation signal, keeping the last raw JSON body it received (the ARM shape the
 * snapshot readers are tested on) and turning failures into values.
 */
export async function armCall<T>(
  signal: AbortSignal,
  run: (options: ArmCallOptions) => Promise<T>,
): Promise<ArmOutcome<T>> {
  let raw: unknown;
  let status = 0;
  try {
    const value = await run({
      abortSignal: signal,
      onResponse: (response) => {
        raw = response.parsedBody ?? parseBody(response.bodyAsText);
        status = response.status;
      },
    });
    return { kind: 'ok', value, raw: raw ?? value };
  } catch (error) {
    const failure = armFailureOf(error, signal);
    // Azure answered 2xx but the SDK's deserializer threw on the body: keep the body so a reader can say what
    // is wrong with it, instead of calling it a network error.
    if (status >= 200 && status < 300 && raw !== undefined && failure.status === null && failure.code !== 'Timeout') {
      return {
        kind: 'err',
        failure: {
          status,
          code: 'UnreadableResponse',
          message: `Azure's answer could not be read: ${failure.message}`,
        },
        raw,
      };
    }
    return { kind: 'err', failure };
  }
}
