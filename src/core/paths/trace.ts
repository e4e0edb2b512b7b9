import { ipFamily, sameIp } from '../address.js';
import { isPublicTarget } from '../egress/egress-answer.js';
import type { PathTraceEvidence, TraceHop } from '../evidence/path.js';
import type { PingOs } from './ping-commands.js';

/** The probes a trace sends: ICMP echo, UDP to high ports, or TCP SYN to the RDP port. */
export type TraceMode = NonNullable<PathTraceEvidence['mode']>;

/** An OS trace tool's command line (no shell), as a user would type it, and the probes it sends. */
export interface TraceCommand {
  readonly program: 'traceroute' | 'traceroute6' | 'tracert';
  readonly args: readonly string[];
  readonly display: string;
  readonly mode: TraceMode;
}

/** Hops traced at most: an Azure VM is rarely further; few enough to finish inside the check's time. */
export const TRACE_MAX_TTL = 12;

function command(program: TraceCommand['program'], args: readonly string[], mode: TraceMode): TraceCommand {
  return { program, args, display: [program, ...args].join(' '), mode };
}

/**
 * The TCP SYN trace to the RDP port, Linux only (Butskoy's traceroute `-T -p <port>`, root only): where
 * TCP to that port stops is what a blocked RDP connection needs, so it goes first when allowed.
 */
export function tcpTraceCommand(os: PingOs, address: string, port: number, maxTtl: number): TraceCommand | null {
  if (os !== 'linux') return null;
  return command(
    'traceroute',
    ['-n', '-T', '-p', String(port), '-q', '1', '-w', '1', '-m', String(maxTtl), address],
    'tcp',
  );
}

/**
 * The OS trace any user may run: Linux `traceroute -n -q 1 -w 1 -m <max>` (UDP; one probe per hop, a
 * second's wait, probes sent together), macOS the same (`traceroute6` for IPv6; one hop after another),
 * Windows `tracert -d -h <max> -w 1000` (ICMP; three probes per hop, so the check's timeout often ends it).
 */
export function traceCommand(os: PingOs, address: string, maxTtl: number): TraceCommand {
  const max = String(maxTtl);
  switch (os) {
    case 'linux':
      return command('traceroute', ['-n', '-q', '1', '-w', '1', '-m', max, address], 'udp');
    case 'macos':
      return command(
        ipFamily(address) === 6 ? 'traceroute6' : 'traceroute',
        ['-n', '-q', '1', '-w', '1', '-m', max, address],
        'udp',
      );
    case 'windows':
      return command('tracert', ['-d', '-h', max, '-w', '1000', address], 'icmp');
  }
}

/** The last hop that answered, and whether its address is public; null when none did. */
export function lastHopOf(hops: readonly TraceHop[]): PathTraceEvidence['lastHop'] {
  const hop = hops.findLast((h) => h.address !== null);
  if (hop === undefined || hop.address === null) return null;
  return { ttl: hop.ttl, address: hop.address, public: isPublicTarget(hop.address) };
}

/** Whether the traced address itself answered one of the probes. */
export function destinationAnswered(hops: readonly TraceHop[], address: string): boolean {
  return hops.some((h) => h.address !== null && sameIp(h.address, address));
}

const PROBES: Readonly<Record<TraceMode, string>> = {
  icmp: 'ICMP probes',
  udp: 'UDP probes',
  tcp: 'TTL-limited TCP probes',
};

/** Said of every trace that stops: users read silence as "the packets die here". */
function caveat(mode: TraceMode): string {
  return `Routers and firewalls may not answer ${PROBES[mode]}, so silence after a hop does not prove the packets stop there`;
}

function scopeOf(isPublic: boolean | null): string {
  if (isPublic === null) return '';
  return isPublic
    ? ', a public address: beyond your network'
    : ", a private address: inside your network or your provider's";
}

function endedText(e: PathTraceEvidence): string {
  const last = e.hops.at(-1)?.ttl;
  if (e.ended === 'timeout')
    return ` The trace reached its time limit${last === undefined ? '' : ` after hop ${last}`}; later hops are unknown.`;
  if (e.ended === 'silent') return ` It stopped after ${last ?? 'a few'} hops, the last ones silent.`;
  return '';
}

/**
 * The check's status and plain summary for a trace: how far packets get, the last hop that answered and
 * whether it is inside your network, with the caveat that silent routers prove nothing. Evidence only:
 * `info` when it traced, `skipped` when it could not.
 */
export function describeTrace(e: PathTraceEvidence): { status: 'info' | 'skipped'; summary: string } {
  if (e.ended === 'not-run' || e.mode === null || e.address === null) {
    return { status: 'skipped', summary: `Not traced: ${e.error ?? 'no way to trace here'}.` };
  }
  const how = `${PROBES[e.mode]}, ${e.tool ?? 'trace'}`;
  if (e.hops.length === 0) {
    return {
      status: 'info',
      summary: `The trace to ${e.address} could not run (${how}): ${e.error ?? 'it printed no hop'}.`,
    };
  }
  const last = e.lastHop;
  if (e.destinationAnswered) {
    const hop = e.hops.find((h) => h.address !== null && sameIp(h.address, e.address ?? ''));
    const why =
      e.mode === 'tcp'
        ? `it answers TCP to port ${e.port} at this level`
        : `the way there works, so what stops TCP to port ${e.port} is that port: a network security group, a firewall or the VM`;
    return {
      status: 'info',
      summary: `Packets reach ${e.address} (hop ${hop?.ttl ?? last?.ttl ?? '?'}, ${how}): ${why}.${endedText(e)}`,
    };
  }
  if (last === null) {
    return {
      status: 'info',
      summary: `No hop answered (${how}, TTL 1 to ${e.hops.at(-1)?.ttl ?? e.maxTtl}): the trace shows nothing beyond this computer. ${caveat(e.mode)}.${endedText(e)}`,
    };
  }
  const note = e.hops.find((h) => h.ttl === last.ttl)?.note ?? null;
  const after =
    note === null ? '; nothing answers after it' : `; it answered ${note}: something there turns the probes away`;
  return {
    status: 'info',
    summary: `Packets${e.mode === 'tcp' ? ` to port ${e.port}` : ''} get as far as ${last.address} (hop ${last.ttl}${scopeOf(last.public)})${after} (${how}). ${caveat(e.mode)}.${endedText(e)}`,
  };
}
