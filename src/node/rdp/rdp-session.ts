import type { TLSSocket } from 'node:tls';
import type { RdpNegotiateEvidence, RdpNtlmEvidence, RdpTlsEvidence } from '../../core/evidence/rdp.js';
import { protocolName, protocolUsesCredSsp, protocolUsesTls } from '../../core/rdp/protocols.js';
import { describeReply } from '../../core/rdp/reply-kind.js';
import { requestNtlmChallenge } from './credssp-exchange.js';
import { negotiateOnce } from './negotiate-once.js';
import { connectTcp, dropSocket } from './tcp-connect.js';
import { upgradeToTls } from './tls-upgrade.js';

/** A later step's evidence, or why it did not run. */
export type StepResult<E> =
  | { readonly kind: 'done'; readonly evidence: E }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Everything one RDP connection revealed: negotiation, then TLS certificate, then NTLM host identity. */
export interface RdpSession {
  readonly negotiate: RdpNegotiateEvidence;
  readonly tls: StepResult<RdpTlsEvidence>;
  readonly ntlm: StepResult<RdpNtlmEvidence>;
}

/** Where to connect, what to send and how long each step may take. */
export interface RdpSessionOptions {
  readonly address: string;
  readonly port: number;
  readonly request: Uint8Array;
  readonly requestedProtocols: number;
  readonly sentToken: string | null;
  /** SNI for the TLS step: the dialled host name, or null for an IP address. */
  readonly servername: string | null;
  /** Budget of each step: connect, Connection Confirm, TLS handshake, CredSSP answer. */
  readonly stepTimeoutMs: number;
  readonly signal: AbortSignal;
  /** Bind every socket to this local address (a `bind:` path); absent: the OS picks. */
  readonly localAddress?: string;
}

/**
 * Runs the RDP steps on one TCP connection, as a real client would: Connection Request → Confirm → TLS on
 * the same socket → TSRequest with NTLM NEGOTIATE → CHALLENGE, then closes. Each step has its own timeout;
 * a failing step ends the session but keeps what the earlier steps found. No credential is ever sent.
 */
export async function probeRdpSession(options: RdpSessionOptions): Promise<RdpSession> {
  const step = options.stepTimeoutMs;
  const { evidence: negotiate, socket } = await negotiateOnce({
    ...options,
    connectTimeoutMs: step,
    replyTimeoutMs: step,
  });
  const selected = negotiate.selectedProtocol;
  if (socket === null || selected === null || !protocolUsesTls(selected)) {
    dropSocket(socket);
    const closed = negotiate.outcome === 'closed' || negotiate.outcome === 'reset';
    const final = closed ? await recogniseTlsOnly(negotiate, options) : negotiate;
    const reason = skipReason(final);
    return { negotiate: final, tls: { kind: 'skipped', reason }, ntlm: { kind: 'skipped', reason } };
  }
  const where = { address: options.address, port: options.port };
  const upgraded = await upgradeToTls(socket, {
    servername: options.servername,
    timeoutMs: step,
    signal: options.signal,
  });
  if (upgraded.kind === 'err') {
    dropSocket(socket);
    return {
      negotiate,
      tls: {
        kind: 'done',
        evidence: {
          kind: 'rdp.tls',
          ...where,
          selectedProtocol: selected,
          servername: options.servername,
          outcome: 'handshake-failed',
          tlsVersion: null,
          cipher: null,
          certificate: null,
          handshakeMs: upgraded.handshakeMs,
          error: upgraded.error,
        },
      },
      ntlm: { kind: 'skipped', reason: 'the TLS handshake failed, so CredSSP could not start' },
    };
  }
  const tls: StepResult<RdpTlsEvidence> = {
    kind: 'done',
    evidence: {
      kind: 'rdp.tls',
      ...where,
      selectedProtocol: selected,
      servername: options.servername,
      outcome: 'ok',
      tlsVersion: upgraded.tlsVersion,
      cipher: upgraded.cipher,
      certificate: upgraded.certificate,
      handshakeMs: upgraded.handshakeMs,
      error: upgraded.error,
    },
  };
  if (!protocolUsesCredSsp(selected)) {
    closeTls(upgraded.socket);
    return {
      negotiate,
      tls,
      ntlm: {
        kind: 'skipped',
        reason: `the server selected ${protocolName(selected)}, not CredSSP (NLA): it offers no NTLM exchange`,
      },
    };
  }
  const ntlm = await requestNtlmChallenge(upgraded.socket, step, options.signal);
  closeTls(upgraded.socket);
  return { negotiate, tls, ntlm: { kind: 'done', evidence: { kind: 'rdp.ntlm', ...where, ...ntlm } } };
}

/**
 * A server that closes on our Connection Request may be a TLS-only service (HTTPS, a gateway): one more
 * connection that starts TLS at once tells it apart from a middlebox that drops everything.
 */
async function recogniseTlsOnly(
  negotiate: RdpNegotiateEvidence,
  options: RdpSessionOptions,
): Promise<RdpNegotiateEvidence> {
  const connected = await connectTcp(
    options.address,
    options.port,
    options.stepTimeoutMs,
    options.signal,
    options.localAddress,
  );
  if (connected.kind === 'err') return negotiate;
  const upgraded = await upgradeToTls(connected.socket, {
    servername: options.servername,
    timeoutMs: options.stepTimeoutMs,
    signal: options.signal,
  });
  if (upgraded.kind === 'err') {
    dropSocket(connected.socket);
    return negotiate;
  }
  closeTls(upgraded.socket);
  const cn = upgraded.certificate?.subjectCN;
  return {
    ...negotiate,
    outcome: 'not-rdp',
    reply: {
      kind: 'tls-direct',
      ended: negotiate.outcome === 'reset' ? 'reset' : 'closed',
      bytes: 0,
      headHex: '',
      text: null,
      description: `${describeReply('tls-direct', new Uint8Array(0))}${cn ? ` with a certificate for ${cn}` : ''}`,
    },
  };
}

/**
 * Closes a TLS session and, with it, its TCP socket. The raw socket must never be destroyed first: Node
 * 24 crashes (SIGSEGV) when a TLS socket's underlying socket is destroyed beneath it.
 */
function closeTls(secure: TLSSocket): void {
  secure.on('error', () => {});
  secure.destroy();
}

function skipReason(negotiate: RdpNegotiateEvidence): string {
  switch (negotiate.outcome) {
    case 'negotiated':
      return `the server selected ${negotiate.selectedProtocolName ?? 'Standard RDP Security'}, which uses no TLS certificate`;
    case 'no-negotiation-data':
      return 'the server sent no negotiation data (Standard RDP Security only): there is no TLS step';
    case 'failure':
      return `the server refused the negotiation (${negotiate.failureName ?? 'failure'})`;
    case 'not-rdp':
    case 'invalid-confirm':
      return 'the server does not speak RDP';
    case 'closed':
    case 'reset':
    case 'no-reply':
      return 'the server did not answer the Connection Request';
    case 'connect-failed':
      return `the TCP connection failed (${negotiate.error ?? 'error'})`;
  }
}
