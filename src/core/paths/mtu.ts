import type { MtuProbe, MtuProbeResult } from '../evidence/path.js';
import type { RdpTlsEvidence } from '../evidence/rdp.js';
import type { TcpEvidence } from '../evidence/tcp.js';
import type { PingOutput } from '../parsers/ping-output.js';
import { icmpHeaderBytes } from './ping-commands.js';

/** The usual Ethernet MTU: a path that carries packets this big has no MTU problem. */
export const ETHERNET_MTU = 1500;

/** First round of packet sizes (whole IP packets): Ethernet, then the MTUs VPNs commonly leave. */
const COARSE_PACKETS = [1500, 1400, 1300, 1200, 1000, 576] as const;

/** The second round refines between the largest that passed and the smallest that did not, in these steps. */
const FINE_STEP = 20;

/** IPv6 requires every link to carry 1280 bytes: smaller probes say nothing. */
const IPV6_MIN_MTU = 1280;

/** The prefix of the TLS step's error when the handshake got no answer in time (tls-upgrade.ts). */
const TLS_SILENCE = /^no TLS handshake within\b/;

/**
 * Whether the run shows the typical MTU black hole: TCP connected to an address the client dials (small
 * packets pass) but the TLS handshake got no answer in time (the server's certificate flight, the first
 * full-size packets, never arrives). A refused or reset handshake is not silence: it is not this.
 */
export function tlsStalledAfterConnect(tcp: TcpEvidence | undefined, tls: RdpTlsEvidence | undefined): boolean {
  if (tcp === undefined || tls === undefined) return false;
  const connected = tcp.attempts.some((a) => a.via !== 'fresh' && a.outcome === 'open');
  return connected && tls.outcome === 'handshake-failed' && TLS_SILENCE.test(tls.error ?? '');
}

/** Payload sizes (`-s`, `-l`) of the first round for an address family. */
export function coarsePayloads(family: 4 | 6): number[] {
  const header = icmpHeaderBytes(family);
  return COARSE_PACKETS.filter((p) => family === 4 || p >= IPV6_MIN_MTU).map((p) => p - header);
}

/**
 * Payload sizes of the second round: between the largest that passed and the smallest larger one that
 * did not, every FINE_STEP bytes of packet. Empty when the first round already decides (the largest
 * passed, none passed, or a router named the MTU).
 */
export function finePayloads(probes: readonly MtuProbe[]): number[] {
  const passed = largestPassed(probes);
  if (passed === null || reportedMtu(probes) !== null) return [];
  const above = probes.filter((p) => p.size > passed && p.outcome !== 'reply').map((p) => p.size);
  if (above.length === 0) return [];
  const ceiling = Math.min(...above);
  const sizes: number[] = [];
  for (let size = passed + FINE_STEP; size < ceiling; size += FINE_STEP) sizes.push(size);
  return sizes;
}

/** What one don't-fragment ping of `size` payload bytes showed. */
export function probeOf(size: number, family: 4 | 6, out: PingOutput): MtuProbe {
  const packetBytes = size + icmpHeaderBytes(family);
  if (out.received > 0) return { size, packetBytes, outcome: 'reply', mtu: null, from: null, message: null };
  if (out.fragNeeded !== null)
    return {
      size,
      packetBytes,
      outcome: 'too-big',
      mtu: out.fragNeeded.mtu,
      from: out.fragNeeded.from,
      message: 'fragmentation needed and DF set',
    };
  if (out.localTooBig !== null)
    return {
      size,
      packetBytes,
      outcome: 'too-big',
      mtu: out.localTooBig.mtu,
      from: 'local',
      message: 'message too long',
    };
  if (out.sendError !== null)
    return { size, packetBytes, outcome: 'error', mtu: null, from: null, message: out.sendError };
  return {
    size,
    packetBytes,
    outcome: 'no-reply',
    mtu: null,
    from: out.icmpError?.from ?? null,
    message: out.icmpError?.message ?? null,
  };
}

function largestPassed(probes: readonly MtuProbe[]): number | null {
  const sizes = probes.filter((p) => p.outcome === 'reply').map((p) => p.size);
  return sizes.length === 0 ? null : Math.max(...sizes);
}

function reportedMtu(probes: readonly MtuProbe[]): number | null {
  const mtus = probes.flatMap((p) => (p.mtu === null ? [] : [p.mtu]));
  return mtus.length === 0 ? null : Math.min(...mtus);
}

/**
 * The probe's result: the largest payload that passed, and the path MTU: the smallest MTU a router or
 * this computer reported, else the size of the largest packet that passed.
 */
export function summariseMtu(
  reason: string,
  command: string,
  probes: readonly MtuProbe[],
  family: 4 | 6,
): MtuProbeResult {
  const sorted = [...probes].sort((a, b) => b.size - a.size);
  const passed = largestPassed(sorted);
  const reported = reportedMtu(sorted);
  const fromPassed = passed === null ? null : passed + icmpHeaderBytes(family);
  // A reported MTU is exact where sizes between the probes were not tried; a larger packet that passed overrules it.
  const pathMtu = reported === null ? fromPassed : Math.max(reported, fromPassed ?? 0);
  return { reason, command, probes: sorted, largestPassed: passed, pathMtu };
}

/** Whether the probe shows a path that cannot carry full-size packets (what an MTU black hole needs). */
export function mtuLimited(result: MtuProbeResult | null): boolean {
  if (result === null) return false;
  const passedFull = result.probes.some((p) => p.outcome === 'reply' && p.packetBytes >= ETHERNET_MTU);
  return !passedFull && result.pathMtu !== null && result.pathMtu < ETHERNET_MTU;
}

/** An MTU to suggest: 1350 (what VPN vendors recommend), or what the path measured when that is less. */
export function suggestedMtu(pathMtu: number | null): number {
  const usual = 1350;
  return pathMtu === null || pathMtu > usual ? usual : Math.max(576, pathMtu - (pathMtu % 10));
}
