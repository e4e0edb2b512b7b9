import type { RdpProtocolAttempt, RdpProtocolId, RdpProtocolsEvidence } from '../../core/evidence/rdp.js';
import { PROTOCOL } from '../../core/rdp/protocols.js';
import { encodeConnectionRequest } from '../../core/rdp/x224-request.js';
import { mapLimit } from './map-limit.js';
import { negotiateOnce } from './negotiate-once.js';
import { dropSocket } from './tcp-connect.js';

/** The protocols a sweep offers, one connection each, as nmap's rdp-enum-encryption does. */
export const SWEEP: readonly {
  readonly protocol: RdpProtocolId;
  readonly requested: number;
  readonly wanted: number;
}[] = [
  { protocol: 'rdp', requested: PROTOCOL.RDP, wanted: PROTOCOL.RDP },
  { protocol: 'ssl', requested: PROTOCOL.SSL, wanted: PROTOCOL.SSL },
  { protocol: 'hybrid', requested: PROTOCOL.SSL | PROTOCOL.HYBRID, wanted: PROTOCOL.HYBRID },
  { protocol: 'rdstls', requested: PROTOCOL.RDSTLS, wanted: PROTOCOL.RDSTLS },
  { protocol: 'hybrid-ex', requested: PROTOCOL.HYBRID_EX, wanted: PROTOCOL.HYBRID_EX },
];

/** At most this many sweep connections at once: xrdp's listen backlog is 2. */
export const SWEEP_CONCURRENCY = 2;

/** Where to sweep and how long each attempt's connect and reply may take. */
export interface SweepOptions {
  readonly address: string;
  readonly port: number;
  /** The `mstshash=` identifier each request carries, or null. */
  readonly cookie: string | null;
  readonly stepTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly concurrency?: number;
}

/**
 * Offers each security protocol alone on its own short connection (closed right after the Confirm, before
 * any TLS or logon) and records requested → selected or the failure code; then tells whether NLA is
 * enforced: offering TLS alone is refused with HYBRID_REQUIRED_BY_SERVER.
 */
export async function sweepProtocols(options: SweepOptions): Promise<RdpProtocolsEvidence> {
  const attempts = await mapLimit(
    SWEEP,
    options.concurrency ?? SWEEP_CONCURRENCY,
    async (entry): Promise<RdpProtocolAttempt> => {
      const request = encodeConnectionRequest({
        requestedProtocols: entry.requested,
        cookie: options.cookie,
        routingToken: null,
      });
      if (request.kind === 'err') throw new Error(request.error.message);
      const { evidence, socket } = await negotiateOnce({
        address: options.address,
        port: options.port,
        request: request.value,
        requestedProtocols: entry.requested,
        sentToken: null,
        connectTimeoutMs: options.stepTimeoutMs,
        replyTimeoutMs: options.stepTimeoutMs,
        signal: options.signal,
      });
      // Closed right after the Confirm: nothing more is said on a sweep connection.
      if (socket !== null) dropSocket(socket);
      const result: RdpProtocolAttempt['result'] =
        evidence.outcome === 'negotiated'
          ? evidence.selectedProtocol === entry.wanted
            ? 'accepted'
            : 'other-selected'
          : evidence.outcome === 'failure'
            ? 'refused'
            : evidence.outcome === 'no-negotiation-data'
              ? 'no-negotiation-data'
              : 'unknown';
      return {
        protocol: entry.protocol,
        requestedProtocols: entry.requested,
        result,
        outcome: evidence.outcome,
        selectedProtocol: evidence.selectedProtocol,
        failureCode: evidence.failureCode,
        failureName: evidence.failureName,
        error: evidence.error,
      };
    },
  );
  return {
    kind: 'rdp.protocols',
    address: options.address,
    port: options.port,
    attempts,
    nlaEnforced: nlaEnforced(attempts),
  };
}

/** NLA is enforced when TLS alone gets HYBRID_REQUIRED_BY_SERVER; not enforced when TLS or RDP alone is accepted. */
export function nlaEnforced(attempts: readonly RdpProtocolAttempt[]): boolean | null {
  const by = (id: RdpProtocolId) => attempts.find((a) => a.protocol === id);
  const ssl = by('ssl');
  const rdp = by('rdp');
  if (ssl?.result === 'accepted' || rdp?.result === 'accepted') return false;
  if (ssl?.result === 'refused' && ssl.failureCode === 5) return true;
  return null;
}
