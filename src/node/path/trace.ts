import { canonicalIp } from '../../core/address.js';
import type { PathTraceEvidence, TraceHop } from '../../core/evidence/path.js';
import { parseTracerouteOutput, parseTracertOutput } from '../../core/parsers/traceroute-output.js';
import type { PingOs } from '../../core/paths/ping-commands.js';
import { type TraceCommand, tcpTraceCommand, traceCommand } from '../../core/paths/trace.js';
import type { Budget } from '../client/read-tool.js';
import { runCommand } from '../exec/run-command.js';
import { loadNetPing, type NetPingModule } from './ping.js';

/** How to trace; tests point the programs elsewhere, or turn the raw socket or TCP probes off. */
export interface TraceTools {
  /** The `traceroute`, `traceroute6` (macOS) and `tracert` programs; default: from PATH. */
  readonly traceroute?: string;
  readonly traceroute6?: string;
  readonly tracert?: string;
  /** false: never use net-ping's raw socket. Default true. */
  readonly netPing?: boolean;
  /** Whether to try `traceroute -T` (TCP SYN, needs root); default: when this process runs as root. */
  readonly tcp?: boolean;
}

/** What a trace found, before it becomes evidence (the address, port and hops' summary are the check's). */
export type TraceRun = Pick<PathTraceEvidence, 'tool' | 'mode' | 'command' | 'hops' | 'ended' | 'notUsed' | 'error'>;

/** One hop's wait for an answer, as `traceroute -w 1`. */
const HOP_TIMEOUT_MS = 1000;
/** net-ping goes hop after hop: after this many silent hops in a row, more are unlikely to answer. */
export const SILENT_HOPS_STOP = 4;
const NET_PING_COMMAND = 'net-ping (raw ICMP socket, TTL-limited echo requests)';

/** What net-ping's errors mean as a hop's note. */
const NET_PING_NOTES: Readonly<Record<string, string>> = {
  DestinationUnreachableError: 'destination unreachable',
  PacketTooBigError: 'packet too big',
  ParameterProblemError: 'parameter problem',
  SourceQuenchError: 'source quench',
  RedirectReceivedError: 'redirect',
};

/**
 * A session id for the trace's echo requests: net-ping tells its replies apart by it and defaults to the
 * process id, which icmp.ping's session (running at the same time) uses.
 */
function traceSessionId(): number {
  const own = process.pid % 65535;
  const id = 1 + Math.floor(Math.random() * 65534);
  return id === own ? (id % 65534) + 1 : id;
}

/** Traces with net-ping's raw ICMP socket (root or admin), hop after hop; a string says why it could not. */
async function traceWithNetPing(
  netPing: NetPingModule,
  address: string,
  family: 4 | 6,
  maxTtl: number,
  budget: Budget,
): Promise<TraceRun | string> {
  let session: ReturnType<NetPingModule['createSession']>;
  try {
    session = netPing.createSession({
      networkProtocol: family === 6 ? netPing.NetworkProtocol.IPv6 : netPing.NetworkProtocol.IPv4,
      retries: 0,
      timeout: HOP_TIMEOUT_MS,
      packetSize: 16,
      ttl: maxTtl,
      sessionId: traceSessionId(),
    });
  } catch (error) {
    return `no raw ICMP socket (${(error as Error).message}): it needs root or administrator rights`;
  }
  session.on('error', () => {});
  const hops: TraceHop[] = [];
  const target = canonicalIp(address);
  return new Promise((resolve) => {
    let settled = false;
    let silent = 0;
    const finish = (ended: TraceRun['ended'], error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      budget.signal.removeEventListener('abort', stop);
      session.close();
      resolve({ tool: 'net-ping', mode: 'icmp', command: NET_PING_COMMAND, hops, ended, notUsed: [], error });
    };
    const stop = () => finish('timeout', null);
    const timer = setTimeout(stop, budget.left());
    budget.signal.addEventListener('abort', stop, { once: true });
    session.traceRoute(
      address,
      { ttl: maxTtl, maxHopTimeouts: maxTtl + 1 },
      (error, _target, ttl, sent, received) => {
        if (settled) return true;
        const rttMs = sent && received ? Math.max(0, received.getTime() - sent.getTime()) : null;
        if (error === null) {
          hops.push({ ttl, address: target, rttMs, note: null });
          return false;
        }
        if (error.name === 'RequestTimedOutError') {
          hops.push({ ttl, address: null, rttMs: null, note: null });
          silent += 1;
          if (silent >= SILENT_HOPS_STOP && ttl < maxTtl) {
            finish('silent', null);
            return true;
          }
          return false;
        }
        if (error.name === 'TimeExceededError' && error.source) {
          silent = 0;
          hops.push({ ttl, address: canonicalIp(error.source), rttMs, note: null });
          return false;
        }
        if (error.source) {
          hops.push({ ttl, address: canonicalIp(error.source), rttMs, note: NET_PING_NOTES[error.name] ?? error.name });
          finish('complete', null);
          return true;
        }
        // Nothing came back from the network: the send failed (no route) or the socket closed.
        finish('error', error.message);
        return true;
      },
      (error) =>
        finish(error === null || error.name === 'RequestTimedOutError' ? 'complete' : 'error', error?.message ?? null),
    );
  });
}

/** One run of an OS trace tool, read; `absent` when the program is not installed. */
async function traceWithTool(
  cmd: TraceCommand,
  program: string,
  os: PingOs,
  budget: Budget,
): Promise<TraceRun | { readonly absent: true }> {
  const parse = os === 'windows' ? parseTracertOutput : parseTracerouteOutput;
  const base = { tool: cmd.program, mode: cmd.mode, command: cmd.display, notUsed: [] };
  // Output is gathered as it comes: a tool killed at the budget's end still gives the hops it printed.
  const result = await runCommand(program, cmd.args, { timeoutMs: budget.left(), signal: budget.signal });
  switch (result.kind) {
    case 'not-found':
      return { absent: true };
    case 'failed':
      return { ...base, hops: [], ended: 'error', error: result.message };
    case 'timeout':
      return { ...base, hops: parse(result.stdout).hops, ended: 'timeout', error: null };
    case 'exited': {
      const out = parse(`${result.stdout}\n${result.stderr}`);
      if (out.hops.length > 0) return { ...base, hops: out.hops, ended: 'complete', error: null };
      const said =
        out.error ??
        result.stderr
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim()
          .slice(0, 200) ??
        null;
      return {
        ...base,
        hops: [],
        ended: 'error',
        error: said ?? `${cmd.program} exited with code ${result.code ?? 'none'} and printed no hop`,
      };
    }
  }
}

/** Whether this process may send TCP SYN probes (`traceroute -T` opens a raw socket). */
function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Traces the path to an address with a small maximum TTL, preferring what shows most: on Linux as root,
 * TCP SYN probes to the RDP port (`traceroute -T`: where TCP to that port dies); then net-ping's raw ICMP
 * socket (root or admin); then the OS tool any user may run (`traceroute` with UDP probes, `tracert`
 * with ICMP). Each way that could not run is recorded in `notUsed`. Never throws; bounded by the budget.
 */
export async function tracePath(
  os: PingOs,
  address: string,
  family: 4 | 6,
  port: number,
  maxTtl: number,
  tools: TraceTools,
  budget: Budget,
): Promise<TraceRun> {
  const notUsed: string[] = [];
  const programOf = (cmd: TraceCommand) =>
    cmd.program === 'tracert'
      ? (tools.tracert ?? 'tracert')
      : cmd.program === 'traceroute6'
        ? (tools.traceroute6 ?? 'traceroute6')
        : (tools.traceroute ?? 'traceroute');
  const absent = new Set<string>();
  const tcp = tcpTraceCommand(os, address, port, maxTtl);
  if (tcp !== null) {
    if (tools.tcp ?? runsAsRoot()) {
      const traced = await traceWithTool(tcp, programOf(tcp), os, budget);
      if ('absent' in traced) {
        absent.add(tcp.program);
        notUsed.push(`${tcp.program}: not installed`);
      } else if (traced.hops.length > 0 || traced.ended === 'timeout' || budget.signal.aborted) {
        return { ...traced, notUsed };
      } else {
        notUsed.push(`${tcp.display}: ${traced.error ?? 'no hop'}`);
      }
    } else {
      notUsed.push(`${tcp.display}: ${tools.tcp === false ? 'turned off' : 'TCP probes need root'}`);
    }
  }
  if (tools.netPing ?? true) {
    const netPing = await loadNetPing();
    const traced =
      typeof netPing === 'string' ? netPing : await traceWithNetPing(netPing, address, family, maxTtl, budget);
    if (typeof traced !== 'string') return { ...traced, notUsed };
    notUsed.push(`net-ping: ${traced}`);
  } else {
    notUsed.push('net-ping: turned off');
  }
  const plain = traceCommand(os, address, maxTtl);
  if (!absent.has(plain.program)) {
    const traced = await traceWithTool(plain, programOf(plain), os, budget);
    if (!('absent' in traced)) return { ...traced, notUsed };
  }
  return {
    tool: null,
    mode: null,
    command: null,
    hops: [],
    ended: 'not-run',
    notUsed,
    error: [`${plain.program} is not installed`, ...notUsed.filter((n) => n.startsWith('net-ping'))].join('; '),
  };
}
