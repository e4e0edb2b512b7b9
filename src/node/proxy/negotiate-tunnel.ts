import type net from 'node:net';
import type { RdpNegotiateEvidence } from '../../core/evidence/rdp.js';
import { failureCodeName, negotiationFlagNames, protocolName } from '../../core/rdp/protocols.js';
import { exchangeNegotiation } from '../rdp/negotiate-exchange.js';

/**
 * Runs the RDP Connection Request / Confirm exchange over an open tunnel (the same exchange as on the
 * direct path), bounded by `timeoutMs`. `destination` is what the proxy was asked to reach.
 */
export async function negotiateThroughTunnel(options: {
  readonly socket: net.Socket;
  readonly destination: { readonly host: string; readonly port: number };
  readonly request: Uint8Array;
  readonly requestedProtocols: number;
  readonly sentToken: string | null;
  readonly tunnelMs: number | null;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}): Promise<RdpNegotiateEvidence> {
  const result = await exchangeNegotiation(options.socket, options.request, options.timeoutMs, options.signal);
  const confirm = result.confirm;
  return {
    kind: 'rdp.negotiate',
    address: options.destination.host,
    port: options.destination.port,
    requestedProtocols: options.requestedProtocols,
    sentToken: options.sentToken,
    outcome: result.outcome,
    selectedProtocol: confirm?.kind === 'negotiated' ? confirm.selectedProtocol : null,
    selectedProtocolName: confirm?.kind === 'negotiated' ? protocolName(confirm.selectedProtocol) : null,
    flags: confirm?.kind === 'negotiated' ? confirm.flags : null,
    flagNames: confirm?.kind === 'negotiated' ? negotiationFlagNames(confirm.flags) : [],
    failureCode: confirm?.kind === 'failure' ? confirm.failureCode : null,
    failureName: confirm?.kind === 'failure' ? failureCodeName(confirm.failureCode) : null,
    sourceRef: confirm?.sourceRef ?? null,
    reply: result.reply,
    connectMs: options.tunnelMs,
    replyMs: result.replyMs,
    error: result.error,
  };
}
