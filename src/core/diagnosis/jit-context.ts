import type { AzureSnapshot } from '../azure/snapshot-schema.js';

/** What the JIT policy adds to a JIT finding: the active grants' end times, and the policy for the request. */
export interface JitContext {
  /** A sentence about active requests and when they end, or '' when the policy was not read. */
  readonly note: string;
  readonly values: Readonly<Record<string, string | null>>;
}

const HOUR_MS = 3_600_000;

/** How the policy's maximum duration turns into a suggested end time: within the limit, from the run. */
function endTimeFor(maxDuration: string | null, from: Date): string {
  const hours = /^PT(\d+)H$/i.exec(maxDuration ?? '')?.[1];
  const ms = Math.min(Number(hours ?? 3), 24) * HOUR_MS;
  return new Date(from.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The JIT policy's active grants on the port and the values its request command needs. */
export function jitContext(snapshot: AzureSnapshot, port: number): JitContext {
  const jit = snapshot.jit;
  if (jit === undefined || jit === null) return { note: '', values: {} };
  const now = snapshot.origin.kind === 'arm' ? new Date(snapshot.origin.collectedAt) : new Date(0);
  const active = jit.requests.filter(
    (r) =>
      r.port === port &&
      (r.status === null || /^initiated$/i.test(r.status)) &&
      r.endTimeUtc !== null &&
      Date.parse(r.endTimeUtc) > now.getTime(),
  );
  const rule = jit.ports.find((p) => p.number === port);
  const note =
    active.length > 0
      ? ` Active requests: ${active.map((r) => `${r.sources.join(', ') || 'any source'} until ${r.endTimeUtc}${r.requestor === null ? '' : ` (requested by ${r.requestor})`}`).join('; ')}.`
      : rule === undefined
        ? ` The VM's Just-In-Time policy does not list port ${port}: an admin must add it first.`
        : ' No request is active for this port.';
  return {
    note,
    values: { 'jit-policy-id': jit.policyId, 'end-time-utc': endTimeFor(rule?.maxRequestAccessDuration ?? null, now) },
  };
}
