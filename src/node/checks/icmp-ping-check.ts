import { ipFamily } from '../../core/address.js';
import type { IcmpPingEvidence } from '../../core/evidence/path.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { mtuLimited, tlsStalledAfterConnect } from '../../core/paths/mtu.js';
import { pingOsOf } from '../../core/paths/ping-commands.js';
import { budgetOf } from '../client/read-tool.js';
import { type PingTools, pingAddress, probePathMtu } from '../path/ping.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';

/** What the ping check may be told: another OS's `ping`, other programs, no raw socket (tests). */
export interface IcmpPingOptions {
  readonly platform?: NodeJS.Platform;
  readonly tools?: PingTools;
}

/**
 * The check's own budget: three pings (Windows sends one a second) and, when TLS stalled, two rounds
 * of don't-fragment pings of a second each, with room for the OS to start `ping`.
 */
export const ICMP_PING_TIMEOUT_MS = 8000;

/** Said of every unanswered ping, because users read silence as "the VM is down". */
const SILENCE_PROVES_NOTHING =
  'Azure public IPs often do not answer ICMP (an NSG must allow it and Windows Firewall drops it by default), so no answer proves nothing';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

function describe(e: IcmpPingEvidence): CheckOutcome {
  const mtu = e.mtu;
  const mtuText =
    mtu === null
      ? ''
      : ` ${mtu.reason}: don't-fragment pings ${mtu.largestPassed === null ? 'got no answer at any size' : `passed up to ${mtu.largestPassed} bytes of payload (path MTU ${mtu.pathMtu}${mtuLimited(mtu) ? '' : ': full-size packets pass, so not the MTU'})`}.`;
  if (e.method === 'none') {
    return { status: 'skipped', summary: `Not run: ${e.error ?? 'no way to ping'}.${mtuText}`, evidence: e };
  }
  if (e.received > 0) {
    return {
      status: 'pass',
      summary: `${e.address} answers ping (${e.received}/${e.sent}, median ${median(e.rttMs) === 0 ? '<1' : median(e.rttMs)} ms, ${e.method}).${mtuText}`,
      evidence: e,
    };
  }
  return {
    status: 'info',
    summary: `No answer to ping from ${e.address} (0/${e.sent}${e.error === null ? '' : `; ${e.error}`}). ${SILENCE_PROVES_NOTHING}.${mtuText}`,
    evidence: e,
  };
}

/**
 * icmp.ping: pings the address the RDP checks used (net-ping's raw socket as root or admin, else the OS
 * `ping`) and, when TCP connected but the TLS handshake stalled, probes the path MTU with don't-fragment
 * pings. Evidence only: never fails (an answer vouches for the address; silence proves nothing).
 */
export function icmpPingCheck(options: IcmpPingOptions = {}): CheckDefinition {
  const tcpKey = checkKey('tcp.connect', DIRECT_PATH);
  const tlsKey = checkKey('rdp.tls', DIRECT_PATH);
  const platform = options.platform ?? process.platform;
  return {
    id: 'icmp.ping',
    path: DIRECT_PATH,
    title: 'Ping (ICMP) and path MTU',
    needs: [tcpKey, tlsKey],
    timeoutMs: ICMP_PING_TIMEOUT_MS,
    async run(context) {
      const tcp = context.result(tcpKey)?.evidence;
      const tls = context.result(tlsKey)?.evidence;
      const tcpEvidence = tcp?.kind === 'tcp.connect' ? tcp : undefined;
      const attempts = tcpEvidence?.attempts.filter((a) => a.via !== 'fresh') ?? [];
      const address = (attempts.find((a) => a.outcome === 'open') ?? attempts[0])?.address ?? null;
      const os = pingOsOf(platform);
      const family = address === null ? 0 : ipFamily(address);
      const base = { kind: 'icmp.ping' as const, address, netPing: null, sent: 0, received: 0, rttMs: [], mtu: null };
      if (address === null || family === 0) {
        return describe({ ...base, family: null, method: 'none', command: null, error: 'no address to ping' });
      }
      if (os === null) {
        return describe({
          ...base,
          family,
          method: 'none',
          command: null,
          error: `RDP Probe cannot ping on ${platform}`,
        });
      }
      const tools = options.tools ?? {};
      const budget = budgetOf(context.timeoutMs, context.signal);
      const pinged = await pingAddress(os, address, family, tools, budget);
      const stalled = tlsStalledAfterConnect(tcpEvidence, tls?.kind === 'rdp.tls' ? tls : undefined);
      const mtu =
        stalled && pinged.method !== 'none' && !context.signal.aborted
          ? await probePathMtu(
              os,
              address,
              family,
              'TCP connected but the TLS handshake stalled (typical of an MTU black hole)',
              tools,
              budget,
            )
          : null;
      return describe({ ...base, family, ...pinged, mtu });
    },
  };
}
