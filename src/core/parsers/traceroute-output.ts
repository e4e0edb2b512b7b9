import { canonicalIp, ipFamily } from '../address.js';
import type { TraceHop } from '../evidence/path.js';

/** What one run of `traceroute` (Linux, macOS) or `tracert` (Windows) printed, read line by line. */
export interface TracerouteOutput {
  /** The hops printed, in TTL order; a line cut short by a killed tool still gives its TTL. */
  readonly hops: TraceHop[];
  /** Why the tool traced nothing (`connect: Network is unreachable`, a missing privilege); null otherwise. */
  readonly error: string | null;
}

/** What Linux and BSD traceroute print after an answer that is not "time exceeded" (traceroute(8)). */
const MARKS: Readonly<Record<string, string>> = {
  '!H': 'host unreachable',
  '!N': 'network unreachable',
  '!P': 'protocol unreachable',
  '!S': 'source route failed',
  '!F': 'fragmentation needed',
  '!X': 'communication administratively prohibited',
  '!V': 'host precedence violation',
  '!C': 'precedence cut-off in effect',
  '!A': 'communication with the host prohibited',
  '!Z': 'communication with the network prohibited',
  '!U': 'destination network unknown',
  '!W': 'destination host unknown',
  '!I': 'source host isolated',
  '!T': 'unreachable for the type of service',
};

/** The note of a mark: `!X (communication administratively prohibited)`, `!<10>` for a bare code. */
function noteOf(mark: string): string {
  const known = MARKS[mark.replace(/-\d+$/, '')];
  return known === undefined ? mark : `${mark} (${known})`;
}

/** An address token as printed: bare, in parentheses (`(198.18.60.2)`) or brackets (tracert without -d). */
function addressOf(token: string): string | null {
  const bare = token.replace(/^[([]|[)\]]$/g, '');
  for (const candidate of [bare, bare.replace(/:$/, '')]) {
    if (ipFamily(candidate) !== 0) return canonicalIp(candidate);
  }
  return null;
}

/** Lines the tools print when they cannot trace at all (English: the tools are not localised on Unix). */
const UNIX_ERROR =
  /^(?:traceroute6?:\s*)?(?:(?:connect|sendto|send|socket|bind|setsockopt|recvmsg|recvfrom):\s*.+|.*(?:enough privileges|Operation not permitted|unknown host|Cannot handle|bad option|invalid option|Network is unreachable|No route to host).*)$/i;
/** tracert's failures (English wording; localised ones are left unread and the hops speak). */
const WINDOWS_ERROR = /^(?:Unable to resolve target system name.*|Transmit error:.*|General failure\.?)$/i;

/** A Unix hop line's probes: `198.18.60.2  0.082 ms`, `*`, `198.18.60.2  0.013 ms !X`, several with -q. */
function unixHop(ttl: number, rest: string): TraceHop {
  let address: string | null = null;
  let answer: { address: string; rttMs: number } | null = null;
  let note: string | null = null;
  const tokens = rest.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const ip = addressOf(token);
    if (ip !== null) {
      address = ip;
    } else if (/^[\d.]+$/.test(token) && tokens[i + 1] === 'ms') {
      i += 1;
      if (address !== null && answer === null) answer = { address, rttMs: Number(token) };
    } else if (/^!\S*$/.test(token) && answer !== null && note === null) {
      note = noteOf(token);
    }
  }
  return answer === null ? { ttl, address, rttMs: null, note: null } : { ttl, ...answer, note };
}

/**
 * A tracert hop line: three probe cells (`<1 ms`, `12 ms`, `*`) then the address (`-d`), a name and
 * `[address]`, or a localised sentence (`Request timed out.`); `10.0.0.1  reports: Destination host
 * unreachable.` when a router answered with an error. `<1 ms` is read as 1 ms, as the ping parser does.
 */
function windowsHop(ttl: number, rest: string): TraceHop {
  const reports = /^(\S+)\s+\S+:\s*(.+?)\.?$/.exec(rest);
  if (reports !== null && !/\bms\b/.test(rest)) {
    const address = addressOf(reports[1] ?? '');
    if (address !== null) return { ttl, address, rttMs: null, note: reports[2] ?? null };
  }
  const times = [...rest.matchAll(/<?(\d+)\s*ms\b/g)].map((m) => Number(m[1]));
  const tokens = rest.split(/\s+/);
  const address = tokens.map(addressOf).findLast((a) => a !== null) ?? null;
  return { ttl, address, rttMs: address === null ? null : (times[0] ?? null), note: null };
}

/** Reads the lines of one tool's output with its hop reader; see the two exports below. */
function readLines(
  text: string,
  hopOf: (ttl: number, rest: string) => TraceHop,
  lastLineDone: RegExp,
): TracerouteOutput {
  const hops: TraceHop[] = [];
  let error: string | null = null;
  const lines = text.split(/\r?\n/);
  const cut = lines.at(-1) ?? '';
  // The tool was killed mid-line: keep that line only when it visibly ended (a time, a star, a mark).
  if (cut !== '' && !lastLineDone.test(cut.trimEnd())) lines.pop();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const hop = /^(\d{1,3})\s+(.*)$/.exec(line);
    if (hop !== null) {
      const ttl = Number(hop[1]);
      // A TTL out of order is not a hop line (a stray number at the start of another line).
      if (ttl < 1 || ttl > 255 || hops.some((h) => h.ttl >= ttl)) continue;
      hops.push(hopOf(ttl, hop[2] ?? ''));
      continue;
    }
    if (error === null && (UNIX_ERROR.test(line) || WINDOWS_ERROR.test(line))) error = line.slice(0, 200);
  }
  return { hops, error };
}

/**
 * Reads `traceroute` output: Linux (Butskoy's traceroute, `-n -q 1`, UDP, ICMP or TCP SYN probes) and
 * macOS (`traceroute`, `traceroute6`). Hop lines start with the TTL, an unanswered probe is `*`, a mark
 * such as `!X` follows an answer that was not "time exceeded"; the header and blank lines are skipped.
 * A partial output (the tool killed at the check's timeout) gives the hops printed so far.
 */
export function parseTracerouteOutput(text: string): TracerouteOutput {
  return readLines(text, unixHop, /(?:\bms|\*|!\S+)$/);
}

/**
 * Reads Windows `tracert -d` output, whatever its language: hop lines start with the TTL; the header,
 * `Trace complete.` and blank lines are skipped. A line the killed tool left unfinished is dropped (its
 * address, last on the line, may be cut).
 */
export function parseTracertOutput(text: string): TracerouteOutput {
  return readLines(text, windowsHop, /(?!)/);
}
