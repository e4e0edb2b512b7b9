// The ARM emulator's public contract: what tests and the Azure collector's tests code against.

/** One request the emulator received, in arrival order (recorded before it is answered). */
export interface ArmRequestRecord {
  readonly method: string;
  /** The URL path, percent-decoded, without the query. */
  readonly path: string;
  readonly apiVersion: string | null;
  readonly query: Record<string, string>;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
  /** Whether the request carried `Authorization: Bearer <token>`. */
  readonly authorization: boolean;
}

/** An ARM error's `error` member: `{ code, message }` (and `details` when ARM gives some). */
export interface ArmErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly details?: readonly ArmErrorDetail[];
}

/**
 * How an action handler answers a POST:
 * - `200`: synchronously, with this body;
 * - `lro`: 202 Accepted with `Azure-AsyncOperation`, `Location` and `Retry-After: 0`; the async-operation
 *   URL answers `{"status":"InProgress"}` `polls` times (default 1), then `{"status":"Succeeded"}`, and the
 *   Location URL answers 200 with `body`;
 * - `lro-failed`: the same, ending in `{"status":"Failed","error":error}`;
 * - an error status, with `body` or ARM's usual error body for that status.
 */
export type ActionAnswer =
  | { readonly status: 200; readonly body: unknown }
  | { readonly status: 'lro'; readonly body: unknown; readonly polls?: number }
  | { readonly status: 'lro-failed'; readonly error: ArmErrorDetail; readonly polls?: number }
  | { readonly status: 403 | 404 | 400 | 409 | 500; readonly body?: unknown };

/** Answers one POST action; gets the parsed JSON request body (undefined when empty). */
export type ActionHandler = (body: unknown) => ActionAnswer | Promise<ActionAnswer>;

/** A local Azure Resource Manager over HTTPS (127.0.0.1, test CA), for the real SDK clients. */
export interface ArmEmulator {
  /** `https://127.0.0.1:<port>`: pass it as the SDK clients' `endpoint` (see `armClientOptions`). */
  readonly endpoint: string;
  /** PEM of the test CA; clients trust it through `tlsOptions: { ca }`. */
  readonly ca: string;
  /** Every request, in order. */
  readonly requests: readonly ArmRequestRecord[];
  /** Puts (or replaces) a resource body at its id (case-insensitive ids, as in ARM). */
  put(id: string, body: unknown): void;
  /** Removes a resource; later GETs answer 404 ResourceNotFound with ARM's error body shape. */
  remove(id: string): void;
  /** A copy of the resource at `id` (stored there, or embedded in a stored parent as ARM nests it), or undefined. */
  get(id: string): unknown | undefined;
  /**
   * Answers a POST action (`effectiveNetworkSecurityGroups`, `effectiveRouteTable`, `ipFlowVerify`,
   * `runCommand`, `nextHop`…) on a resource id; replaces an earlier handler for the same pair.
   */
  onAction(resourceId: string, action: string, handler: ActionHandler): void;
  /**
   * Every request whose path matches (case-insensitive `includes`, or a RegExp tested on the path) answers
   * 403 AuthorizationFailed naming `action`, as ARM answers a Reader.
   */
  forbid(pathPart: string | RegExp, action: string): void;
  /** Activity log events (Microsoft.Insights eventtypes/management/values) for every subscription. */
  setActivityLog(events: readonly unknown[]): void;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

/** Options of `startArmEmulator`. */
export interface ArmEmulatorOptions {
  /** Delay before each answer, in ms (default 0): for progress and timeout tests. */
  readonly latencyMs?: number;
  /** Where to listen: 127.0.0.1 (default), or `NAMESPACE_BRIDGE_HOST` once a test's veth bridge has it. */
  readonly host?: '127.0.0.1' | '198.18.250.1';
}
