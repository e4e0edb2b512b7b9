import type net from 'node:net';
import type { RdpNegotiateEvidence } from '../../core/evidence/rdp.js';
import { failureCodeName, negotiationFlagNames, protocolName } from '../../core/rdp/protocols.js';
import { exchangeNegotiation } from './negotiate-exchange.js';
import { connectTcp, dropSocket } from './tcp-connect.js';

/** Where and what to negotiate on one fresh connection. */
export interface NegotiateOnceOptions {
  readonly address: string;
  readonly port: number;
  /** The encoded Connection Request (see encodeConnectionRequest). */
  readonly request: Uint8Array;
  readonly requestedProtocols: number;
  /** The cookie or token line inside `request`, for the report. */
  readonly sentToken: string | null;
  readonly connectTimeoutMs: number;
  readonly replyTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Bind the socket to this local address first (a `bind:` path); absent: the OS picks. */
  readonly localAddress?: string;
}

/** The negotiation evidence and, when the server negotiated, the still-open socket for the next step. */
export interface NegotiateOnce {
  readonly evidence: RdpNegotiateEvidence;
  readonly socket: net.Socket | null;
}

/**
 * Opens a TCP connection, sends one Connection Request and reads the Connection Confirm, each with its
 * own timeout. The socket is kept open only after a successful negotiation; the caller must close it.
 */
export async function negotiateOnce(options: NegotiateOnceOptions): Promise<NegotiateOnce> {
  const base = {
    kind: 'rdp.negotiate' as const,
    address: options.address,
    port: options.port,
    requestedProtocols: options.requestedProtocols,
    sentToken: options.sentToken,
    selectedProtocol: null,
    selectedProtocolName: null,
    flags: null,
    flagNames: [],
    failureCode: null,
    failureName: null,
    sourceRef: null,
    reply: null,
    replyMs: null,
  };
  const connected = await connectTcp(
    options.address,
    options.port,
    options.connectTimeoutMs,
    options.signal,
    options.localAddress,
  );
  if (connected.kind === 'err') {
    return { evidence: { ...base, outcome: 'connect-failed', connectMs: null, error: connected.error }, socket: null };
  }
  const { socket, connectMs } = connected;
  const result = await exchangeNegotiation(socket, options.request, options.replyTimeoutMs, options.signal);
  const confirm = result.confirm;
  const evidence: RdpNegotiateEvidence = {
    ...base,
    outcome: result.outcome,
    connectMs,
    replyMs: result.replyMs,
    reply: result.reply,
    error: result.error,
    sourceRef: confirm?.sourceRef ?? null,
    ...(confirm?.kind === 'negotiated'
      ? {
          selectedProtocol: confirm.selectedProtocol,
          selectedProtocolName: protocolName(confirm.selectedProtocol),
          flags: confirm.flags,
          flagNames: negotiationFlagNames(confirm.flags),
        }
      : {}),
    ...(confirm?.kind === 'failure'
      ? { failureCode: confirm.failureCode, failureName: failureCodeName(confirm.failureCode) }
      : {}),
  };
  if (result.outcome !== 'negotiated') {
    dropSocket(socket);
    return { evidence, socket: null };
  }
  return { evidence, socket };
}
