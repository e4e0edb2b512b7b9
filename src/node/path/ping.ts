import type { IcmpPingEvidence, MtuProbe, MtuProbeResult } from '../../core/evidence/path.js';
import { parsePingOutput } from '../../core/parsers/ping-output.js';
import { coarsePayloads, finePayloads, probeOf, summariseMtu } from '../../core/paths/mtu.js';
import {
  dfPingCommand,
  dfPingDisplay,
  PING_COUNT,
  type PingCommand,
  type PingOs,
  pingCommand,
} from '../../core/paths/ping-commands.js';
import type { Budget } from '../client/read-tool.js';
import { runCommand } from '../exec/run-command.js';

/** How to ping; tests point the programs elsewhere or turn the raw socket off. */
export interface PingTools {
  /** The `ping` program (and `ping6` on macOS); default: from PATH. */
  readonly ping?: string;
  readonly ping6?: string;
  /** false: never use net-ping's raw socket, only the OS `ping`. Default true. */
  readonly netPing?: boolean;
}

/** What a ping found, before it becomes evidence (the address and MTU probe are added by the check). */
export type PingResult = Pick<
  IcmpPingEvidence,
  'method' | 'command' | 'netPing' | 'sent' | 'received' | 'rttMs' | 'error'
>;

/** One reply's wait: Azure answers in far less; a lost reply costs no more than this. */
const REPLY_TIMEOUT_MS = 1000;
/**
 * Spacing of net-ping's echo requests. It needs raw sockets (root), where no rate limit applies to us; 50 ms
 * keeps three samples apart without making the ping the run's slowest check (the OS ping, for everyone
 * else, cannot go below `-i 0.2`).
 */
const INTERVAL_MS = 50;

/** The parts of net-ping used here and by the trace (it ships no types). */
export interface NetPingSession {
  pingHost(
    target: string,
    callback: (error: (Error & { source?: string }) | null, target: string, sent?: Date, received?: Date) => void,
  ): unknown;
  /** Echo requests with TTL 1, 2, …: `feed` hears each hop (true stops it), `done` the end. */
  traceRoute(
    target: string,
    options: { readonly ttl: number; readonly maxHopTimeouts: number },
    feed: (
      error: (Error & { source?: string }) | null,
      target: string,
      ttl: number,
      sent?: Date,
      received?: Date,
    ) => boolean,
    done: (error: Error | null, target: string) => void,
  ): unknown;
  close(): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
export interface NetPingModule {
  createSession(options: Record<string, unknown>): NetPingSession;
  NetworkProtocol: { IPv4: number; IPv6: number };
}

/**
 * Loads net-ping, an optional dependency with a native part (raw-socket): it may be missing or not
 * built for this Node. Never throws; says why when it cannot be used.
 */
export async function loadNetPing(): Promise<NetPingModule | string> {
  try {
    // A variable specifier: TypeScript must not resolve an optional package that may be absent.
    const name = 'net-ping';
    const loaded = (await import(name)) as { default?: NetPingModule } & Partial<NetPingModule>;
    const module = loaded.default ?? loaded;
    if (typeof module.createSession !== 'function' || module.NetworkProtocol === undefined) {
      return 'net-ping did not load';
    }
    return module as NetPingModule;
  } catch (error) {
    return `net-ping is not installed or not built for this Node (${(error as Error).message.split('\n')[0]})`;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Pings with a raw ICMP socket (root or admin); a string says why it could not. */
async function pingWithNetPing(
  netPing: NetPingModule,
  address: string,
  family: 4 | 6,
  budget: Budget,
): Promise<PingResult | string> {
  let session: NetPingSession;
  try {
    session = netPing.createSession({
      networkProtocol: family === 6 ? netPing.NetworkProtocol.IPv6 : netPing.NetworkProtocol.IPv4,
      retries: 0,
      timeout: Math.min(REPLY_TIMEOUT_MS, budget.left()),
      packetSize: 16,
    });
  } catch (error) {
    return `no raw ICMP socket (${(error as Error).message}): it needs root or administrator rights`;
  }
  session.on('error', () => {});
  const close = () => session.close();
  budget.signal.addEventListener('abort', close, { once: true });
  try {
    const replies = await Promise.all(
      Array.from({ length: PING_COUNT }, async (_, i) => {
        await delay(i * INTERVAL_MS, budget.signal);
        if (budget.signal.aborted) return { rtt: null, error: null };
        return new Promise<{ rtt: number | null; error: string | null }>((resolve) => {
          session.pingHost(address, (error, _target, sent, received) => {
            if (error === null) {
              resolve({ rtt: sent && received ? Math.max(0, received.getTime() - sent.getTime()) : 0, error: null });
            } else if (error.name === 'RequestTimedOutError' || /closed/i.test(error.message)) {
              resolve({ rtt: null, error: null });
            } else {
              resolve({
                rtt: null,
                error: `${error.name.replace(/Error$/, '')}${error.source ? ` from ${error.source}` : ''}`,
              });
            }
          });
        });
      }),
    );
    const rttMs = replies.flatMap((r) => (r.rtt === null ? [] : [r.rtt]));
    return {
      method: 'net-ping',
      command: 'net-ping (raw ICMP socket)',
      netPing: null,
      sent: PING_COUNT,
      received: rttMs.length,
      rttMs,
      error: replies.find((r) => r.error !== null)?.error ?? null,
    };
  } finally {
    budget.signal.removeEventListener('abort', close);
    close();
  }
}

function withProgram(cmd: PingCommand, tools: PingTools): PingCommand {
  const program = cmd.program === 'ping6' ? (tools.ping6 ?? 'ping6') : (tools.ping ?? 'ping');
  return { ...cmd, program };
}

/** Pings with the OS `ping` (no privilege needed) and reads its output. */
async function pingWithOs(
  os: PingOs,
  address: string,
  tools: PingTools,
  budget: Budget,
  netPing: string | null,
): Promise<PingResult> {
  const cmd = withProgram(pingCommand(os, address), tools);
  const result = await runCommand(cmd.program, cmd.args, { timeoutMs: budget.left(), signal: budget.signal });
  const none = { method: 'os-ping' as const, command: cmd.display, netPing, sent: 0, received: 0, rttMs: [] };
  switch (result.kind) {
    case 'not-found':
      return { ...none, method: 'none', error: `${cmd.program} is not installed` };
    case 'failed':
      return { ...none, error: result.message };
    case 'timeout':
    case 'exited': {
      const text = result.kind === 'exited' ? `${result.stdout}\n${result.stderr}` : result.stdout;
      const out = parsePingOutput(text);
      const icmp =
        out.icmpError === null
          ? null
          : `${out.icmpError.message}${out.icmpError.from ? ` from ${out.icmpError.from}` : ''}`;
      return {
        ...none,
        sent: out.transmitted ?? (out.sendError === null ? PING_COUNT : 0),
        received: out.received,
        rttMs: out.rttMs,
        error: icmp ?? out.sendError ?? (result.kind === 'timeout' ? `${cmd.display} gave no answer in time` : null),
      };
    }
  }
}

/**
 * Pings an address three times: with net-ping's raw socket when it loads and may open one (root or
 * admin), else with the OS `ping`. Never throws; lack of privilege or of `ping` is reported, not failed.
 */
export async function pingAddress(
  os: PingOs,
  address: string,
  family: 4 | 6,
  tools: PingTools,
  budget: Budget,
): Promise<PingResult> {
  let netPingWhy: string | null = 'turned off';
  if (tools.netPing ?? true) {
    const netPing = await loadNetPing();
    if (typeof netPing !== 'string') {
      const pinged = await pingWithNetPing(netPing, address, family, budget);
      if (typeof pinged !== 'string') return pinged;
      netPingWhy = pinged;
    } else {
      netPingWhy = netPing;
    }
  }
  return pingWithOs(os, address, tools, budget, netPingWhy);
}

/** One don't-fragment ping of `size` payload bytes through the OS `ping`. */
async function dfPing(
  os: PingOs,
  address: string,
  family: 4 | 6,
  size: number,
  tools: PingTools,
  budget: Budget,
): Promise<MtuProbe> {
  const cmd = withProgram(dfPingCommand(os, address, size), tools);
  const result = await runCommand(cmd.program, cmd.args, {
    timeoutMs: Math.min(budget.left(), REPLY_TIMEOUT_MS + 1500),
    signal: budget.signal,
  });
  const packetBytes = size + (family === 6 ? 48 : 28);
  switch (result.kind) {
    case 'not-found':
      return { size, packetBytes, outcome: 'error', mtu: null, from: null, message: `${cmd.program} is not installed` };
    case 'failed':
      return { size, packetBytes, outcome: 'error', mtu: null, from: null, message: result.message };
    case 'timeout':
      return probeOf(size, family, parsePingOutput(result.stdout));
    case 'exited':
      return probeOf(size, family, parsePingOutput(`${result.stdout}\n${result.stderr}`));
  }
}

/**
 * Probes the path MTU with don't-fragment pings (the OS `ping`: net-ping cannot set DF): a first round
 * of common sizes at once (1500, 1400, 1300 … bytes), then the sizes between the largest that passed and
 * the next that did not, every 20 bytes. Each waits a second at most; the budget bounds the whole.
 */
export async function probePathMtu(
  os: PingOs,
  address: string,
  family: 4 | 6,
  reason: string,
  tools: PingTools,
  budget: Budget,
): Promise<MtuProbeResult> {
  const run = (sizes: readonly number[]) =>
    Promise.all(sizes.map((size) => dfPing(os, address, family, size, tools, budget)));
  const coarse = await run(coarsePayloads(family));
  const fine = budget.signal.aborted ? [] : await run(finePayloads(coarse));
  return summariseMtu(reason, dfPingDisplay(os, address), [...coarse, ...fine], family);
}
