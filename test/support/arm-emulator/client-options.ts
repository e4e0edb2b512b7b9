import type { ArmEmulator } from './types.js';

/**
 * The options every SDK client (`@azure/arm-network`, `arm-compute`, `arm-monitor`,
 * `arm-resources-subscriptions`) needs to talk to the emulator: its endpoint, and trust in the test CA for
 * that client only (`tlsOptions.ca`, which core-rest-pipeline turns into a client-specific https.Agent; no
 * global setting changes). Retries keep the SDK's policy but wait milliseconds instead of seconds.
 */
export interface ArmClientOptions {
  readonly endpoint: string;
  readonly tlsOptions: { readonly ca: string };
  readonly retryOptions: { readonly retryDelayInMs: number; readonly maxRetryDelayInMs: number };
}

/** The client options for the emulator (see `ArmClientOptions`). */
export function armClientOptions(emulator: ArmEmulator): ArmClientOptions {
  return {
    endpoint: emulator.endpoint,
    tlsOptions: { ca: emulator.ca },
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  };
}

/**
 * Per-operation options for long-running operations against the emulator. core-lro 3 waits
 * `updateIntervalInMs` (default 2000 ms) between polls and honours `Retry-After` only when it is non-zero
 * (`Retry-After: 0` is ignored), so without this each poll after the first costs two seconds.
 */
export const FAST_POLLING = { updateIntervalInMs: 5 } as const;
