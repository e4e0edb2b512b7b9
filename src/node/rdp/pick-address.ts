import type { CheckResult } from '../../core/report-schema.js';

/** The address the RDP checks probe, or why there is none. */
export type ProbeAddress =
  | { readonly kind: 'address'; readonly address: string; readonly family: 4 | 6 }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * Picks the first address tcp.connect found open among those the RDP client itself would dial (the OS
 * resolver's answer or the literal target), never an address only a fresh DNS query returned.
 */
export function pickProbeAddress(tcp: CheckResult | undefined): ProbeAddress {
  const evidence = tcp?.evidence;
  if (evidence?.kind !== 'tcp.connect') {
    return { kind: 'none', reason: 'the TCP connect check gave no result, so there is no address to probe' };
  }
  const open = evidence.attempts.find((a) => a.outcome === 'open' && a.via !== 'fresh');
  if (open === undefined) {
    return { kind: 'none', reason: `no address your RDP client would dial answered on TCP port ${evidence.port}` };
  }
  return { kind: 'address', address: open.address, family: open.family };
}
