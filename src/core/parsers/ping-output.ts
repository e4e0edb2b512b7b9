/** What one run of the OS `ping` printed, read line by line (iputils, macOS, Windows). */
export interface PingOutput {
  /** Echo requests sent, from the statistics line; null when it is missing (or localised beyond reading). */
  readonly transmitted: number | null;
  /** Echo replies counted from the reply lines. */
  readonly received: number;
  /** Round-trip time of each reply, in milliseconds. */
  readonly rttMs: number[];
  /** A router said it is too big: `Frag needed and DF set (mtu = 1300)`, IPv6 `Packet too big: mtu=1280`. */
  readonly fragNeeded: { readonly from: string | null; readonly mtu: number | null } | null;
  /** This computer refused to send it: bigger than the MTU it knows (`local error: message too long, mtu=1300`). */
  readonly localTooBig: { readonly mtu: number | null } | null;
  /** Another ICMP error that came back (`From 198.51.100.1 icmp_seq=1 Destination Net Unreachable`). */
  readonly icmpError: { readonly from: string | null; readonly message: string } | null;
  /** Why ping could not send at all (`connect: Network is unreachable`, `sendmsg: No buffer space available`). */
  readonly sendError: string | null;
}

const num = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
};

/**
 * Reads `ping` output. Reply lines: `64 bytes from 198.18.41.2: icmp_seq=1 ttl=63 time=0.130 ms`
 * (iputils, macOS) or `Reply from 203.0.113.10: bytes=32 time=14ms TTL=117` (Windows, whose words are
 * localised: a reply is any line with `TTL=` and `…=14ms` or `<1ms`). Errors: iputils' `From X icmp_seq=N
 * <message>`, macOS' `92 bytes from X: Destination Host Unreachable`, Windows' `Reply from X: Destination
 * host unreachable.` and `Packet needs to be fragmented but DF set.`; `ping: <error>` when nothing was sent.
 */
export function parsePingOutput(text: string): PingOutput {
  const rttMs: number[] = [];
  let transmitted: number | null = null;
  let fragNeeded: PingOutput['fragNeeded'] = null;
  let localTooBig: PingOutput['localTooBig'] = null;
  let icmpError: PingOutput['icmpError'] = null;
  let sendError: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const unix = /^\d+ bytes from [^:]+:.*\btime[=<]\s*([\d.]+)\s*ms/i.exec(line);
    if (unix !== null && /\bicmp_seq=/.test(line)) {
      rttMs.push(num(unix[1]) ?? 0);
      continue;
    }
    if (/\bTTL=\d+/i.test(line) && !/\bicmp_seq=/.test(line)) {
      const time = /[=<]\s*([\d.,]+)\s*ms\b/i.exec(line);
      rttMs.push(time === null ? 0 : (num(time[1]) ?? 0));
      continue;
    }
    const frag =
      /frag(?:mentation)? needed and DF set(?:\s*\((?:mtu\s*=?\s*|MTU\s+)(\d+)\))?/i.exec(line) ??
      /Packet too big:?\s*mtu\s*=\s*(\d+)/i.exec(line);
    if (frag !== null || /needs to be fragmented but DF set/i.test(line)) {
      const from = /^(?:From|\d+ bytes from|Reply from)\s+([0-9a-fA-F.:]+)/i.exec(line)?.[1]?.replace(/:$/, '') ?? null;
      fragNeeded ??= { from, mtu: num(frag?.[1]) };
      continue;
    }
    const local =
      /^ping6?:\s*(?:local error:\s*)?(?:sendto|sendmsg)?:?\s*message too long(?:,\s*mtu\s*=\s*(\d+))?/i.exec(line);
    if (local !== null) {
      localTooBig ??= { mtu: num(local[1]) };
      continue;
    }
    const from = /^From\s+(\S+?)(?:\s+icmp_seq=\d+)?\s+(.+)$/.exec(line);
    if (from !== null) {
      icmpError ??= { from: from[1] ?? null, message: from[2] ?? '' };
      continue;
    }
    const macError = /^\d+ bytes from ([^:]+):\s*(.+)$/.exec(line);
    if (macError !== null && !/\bicmp_seq=/.test(line)) {
      icmpError ??= { from: macError[1] ?? null, message: macError[2] ?? '' };
      continue;
    }
    const winError = /^Reply from ([^:]+):\s*(.+)$/i.exec(line);
    if (winError !== null) {
      icmpError ??= { from: winError[1] ?? null, message: (winError[2] ?? '').replace(/\.$/, '') };
      continue;
    }
    const stats = /^(\d+) packets transmitted,/.exec(line) ?? /\bSent = (\d+), Received = \d+/i.exec(line);
    if (stats !== null) {
      transmitted = num(stats[1]);
      continue;
    }
    const failed = /^ping6?:\s*(.+)$/i.exec(line) ?? /^PING:\s*(transmit failed.*)$/i.exec(line);
    if (failed !== null && !/^Do you want to ping broadcast/i.test(failed[1] ?? '')) sendError ??= failed[1] ?? null;
  }
  return { transmitted, received: rttMs.length, rttMs, fragNeeded, localTooBig, icmpError, sendError };
}
