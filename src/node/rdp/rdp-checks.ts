import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { type BindPath, bindPathId } from '../../core/paths/bind-paths.js';
import { DEFAULT_REQUESTED_PROTOCOLS } from '../../core/rdp/protocols.js';
import { encodeConnectionRequest, PROBE_COOKIE } from '../../core/rdp/x224-request.js';
import { err, type InputError, ok, type Result } from '../../core/result.js';
import { bindLabel } from '../checks/tcp-connect-check.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';
import { pickProbeAddress } from './pick-address.js';
import { SWEEP, SWEEP_CONCURRENCY, sweepProtocols } from './protocol-sweep.js';
import { probeRdpSession, type RdpSession } from './rdp-session.js';
import { describeNegotiation, describeNtlm, describeProtocols, describeTls, describeUdp } from './rdp-summaries.js';
import { probeRdpUdp } from './udp-probe.js';

/** Default budget of one RDP step (connect, Confirm, TLS, CredSSP): nmap's socket timeout. */
export const DEFAULT_RDP_STEP_TIMEOUT_MS = 5000;

/** Options of the RDP checks; every field has a default. */
export interface RdpCheckOptions {
  /** Budget of each step; pass the run's per-check timeout. Default 5000 ms. */
  readonly stepTimeoutMs?: number;
  /** The `mstshash=` identifier: a neutral tool name by default, null for no cookie. Never a user name. */
  readonly cookie?: string | null;
  /** A load-balancer routing token line the user supplied; replaces the cookie in the main request. */
  readonly routingToken?: string | null;
  /** Whether to sweep the five security protocols one connection each (default true). */
  readonly protocols?: boolean;
  /** Whether to send the RDP-UDP SYN (default true). */
  readonly udp?: boolean;
  /** RDP-UDP SYN retransmissions and their interval (defaults 3 and 800 ms, as Windows). */
  readonly udpAttempts?: number;
  readonly udpIntervalMs?: number;
  /** Run on this `bind:` path (sockets bound to its address, after its own tcp.connect); absent: `direct`. */
  readonly bind?: BindPath;
}

const skipped = (reason: string): CheckOutcome => ({
  status: 'skipped',
  summary: `Not run: ${reason}.`,
  evidence: null,
});

/**
 * The RDP checks on the direct path: `rdp.negotiate` (one connection: Confirm, TLS, NTLM), `rdp.tls` and
 * `rdp.ntlm` (reporting that connection's later steps), `rdp.protocols` (one connection per protocol, at
 * most 2 at a time, after the first connection closed) and `udp.rdp`. All need `tcp.connect@direct` and
 * probe its first open address. Call once per run and path: the three session checks share that run's
 * connection. With `bind`, the session checks on that `bind:` path (no sweep, no UDP: those stay direct).
 * An invalid routing token is the user's input error.
 */
export function rdpChecks(options: RdpCheckOptions = {}): Result<CheckDefinition[], InputError> {
  const step = options.stepTimeoutMs ?? DEFAULT_RDP_STEP_TIMEOUT_MS;
  const cookie = options.cookie === undefined ? PROBE_COOKIE : options.cookie;
  const routingToken = options.routingToken ?? null;
  const request = encodeConnectionRequest({ requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS, cookie, routingToken });
  if (request.kind === 'err') return err(request.error);
  const sentToken = routingToken ?? (cookie !== null ? `Cookie: mstshash=${cookie}` : null);
  const bind = options.bind;
  const path = bind === undefined ? DIRECT_PATH : bindPathId(bind);
  const from = bind === undefined ? '' : ` ${bindLabel(bind)}`;
  const tcpKey = checkKey('tcp.connect', path);
  const negotiateKey = checkKey('rdp.negotiate', path);
  let session: RdpSession | null = null;

  const negotiate: CheckDefinition = {
    id: 'rdp.negotiate',
    path,
    title: `RDP negotiation, TLS certificate and host identity${from}`,
    needs: [tcpKey],
    timeoutMs: 4 * step + 250,
    async run(context) {
      session = null;
      const target = pickProbeAddress(context.result(tcpKey));
      if (target.kind === 'none') return skipped(target.reason);
      session = await probeRdpSession({
        address: target.address,
        port: context.target.port,
        request: request.value,
        requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
        sentToken,
        servername: context.target.hostKind === 'hostname' ? context.target.host : null,
        stepTimeoutMs: step,
        signal: context.signal,
        ...(bind === undefined ? {} : { localAddress: bind.address }),
      });
      const described = describeNegotiation(session.negotiate);
      return bind === undefined ? described : { ...described, summary: `From ${bind.address}: ${described.summary}` };
    },
  };
  const fromSession = (id: 'rdp.tls' | 'rdp.ntlm', title: string): CheckDefinition => ({
    id,
    path,
    title: `${title}${from}`,
    needs: [negotiateKey],
    timeoutMs: 1000,
    async run() {
      if (session === null) return skipped('the RDP negotiation did not run or did not finish');
      const part = id === 'rdp.tls' ? session.tls : session.ntlm;
      if (part.kind === 'skipped') return skipped(part.reason);
      if (part.evidence.kind === 'rdp.tls') return describeTls(part.evidence);
      if (part.evidence.kind === 'rdp.ntlm') return describeNtlm(part.evidence);
      return skipped('no evidence');
    },
  });
  const checks: CheckDefinition[] = [
    negotiate,
    fromSession('rdp.tls', 'RDP TLS certificate'),
    fromSession('rdp.ntlm', 'RDP host identity (NTLM, no credentials)'),
  ];
  if ((options.protocols ?? true) && bind === undefined) {
    checks.push({
      id: 'rdp.protocols',
      path,
      title: 'RDP security protocols accepted',
      needs: [negotiateKey],
      timeoutMs: Math.ceil(SWEEP.length / SWEEP_CONCURRENCY) * 2 * step + 250,
      async run(context) {
        const first = context.result(negotiateKey)?.evidence;
        if (first?.kind !== 'rdp.negotiate') return skipped('the RDP negotiation did not run');
        if (!['negotiated', 'failure', 'no-negotiation-data'].includes(first.outcome)) {
          return skipped('the server did not answer as an RDP server');
        }
        const evidence = await sweepProtocols({
          address: first.address,
          port: first.port,
          cookie,
          stepTimeoutMs: step,
          signal: context.signal,
        });
        return describeProtocols(evidence);
      },
    });
  }
  if ((options.udp ?? true) && bind === undefined) {
    const attempts = options.udpAttempts ?? 3;
    const intervalMs = options.udpIntervalMs ?? 800;
    checks.push({
      id: 'udp.rdp',
      path,
      title: 'RDP over UDP',
      needs: [tcpKey],
      timeoutMs: attempts * intervalMs + 250,
      async run(context) {
        const target = pickProbeAddress(context.result(tcpKey));
        if (target.kind === 'none') return skipped(target.reason);
        const evidence = await probeRdpUdp({
          address: target.address,
          family: target.family,
          port: context.target.port,
          attempts,
          intervalMs,
          signal: context.signal,
        });
        return describeUdp(evidence);
      },
    });
  }
  return ok(checks);
}
