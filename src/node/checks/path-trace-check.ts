import { ipFamily } from '../../core/address.js';
import type { PathTraceEvidence } from '../../core/evidence/path.js';
import type { TcpEvidence } from '../../core/evidence/tcp.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { pingOsOf } from '../../core/paths/ping-commands.js';
import { describeTrace, destinationAnswered, lastHopOf, TRACE_MAX_TTL } from '../../core/paths/trace.js';
import { budgetOf } from '../client/read-tool.js';
import { type TraceTools, tracePath } from '../path/trace.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';

/** What the trace check may be told: another OS, other programs, no raw socket or TCP probes (tests). */
export interface PathTraceOptions {
  readonly platform?: NodeJS.Platform;
  readonly tools?: TraceTools;
  /** Hops traced at most (default 12). */
  readonly maxTtl?: number;
}

/**
 * The check's own budget: Linux traceroute sends its probes together and ends in a second or two, but
 * macOS traceroute and net-ping go hop after hop (a second per silent hop) and tracert waits three
 * seconds per silent hop; past this, the hops printed so far are what the check reports.
 */
export const PATH_TRACE_TIMEOUT_MS = 12_000;

/** The address to trace: the first the RDP client dials that got no connection, unless one connected or answered. */
function addressToTrace(tcp: TcpEvidence | undefined): { address: string } | { skip: string } {
  if (tcp === undefined) return { skip: 'tcp.connect gave no result to go by' };
  const attempts = tcp.attempts.filter((a) => a.via !== 'fresh');
  if (attempts.some((a) => a.outcome === 'open')) {
    return { skip: `TCP to port ${tcp.port} connects, so there is nothing to trace` };
  }
  const lost = attempts.find((a) => a.outcome === 'filtered' || a.outcome === 'unreachable');
  if (lost === undefined) {
    return {
      skip:
        attempts.length === 0
          ? 'no address was tried'
          : `the target answered TCP to port ${tcp.port} (${attempts.map((a) => a.outcome).join(', ')}), so the way there works`,
    };
  }
  return { address: lost.address };
}

function skipped(summary: string): CheckOutcome {
  return { status: 'skipped', summary: `Not traced: ${summary}.`, evidence: null };
}

/**
 * path.trace: when TCP to the RDP port on the direct path got no connection (filtered or unreachable),
 * traces how far packets get with TTL-limited probes (TCP SYN to the port as root on Linux, else
 * net-ping's ICMP, else the OS traceroute or tracert) and names the last hop that answered. Evidence
 * only: never fails (routers may not answer probes, so a silent hop proves nothing).
 */
export function pathTraceCheck(options: PathTraceOptions = {}): CheckDefinition {
  const tcpKey = checkKey('tcp.connect', DIRECT_PATH);
  const platform = options.platform ?? process.platform;
  const maxTtl = options.maxTtl ?? TRACE_MAX_TTL;
  return {
    id: 'path.trace',
    path: DIRECT_PATH,
    title: 'How far packets get (trace)',
    needs: [tcpKey],
    timeoutMs: PATH_TRACE_TIMEOUT_MS,
    async run(context) {
      const tcpResult = context.result(tcpKey)?.evidence;
      const tcp = tcpResult?.kind === 'tcp.connect' ? tcpResult : undefined;
      const chosen = addressToTrace(tcp);
      if ('skip' in chosen) return skipped(chosen.skip);
      const { address } = chosen;
      const family = ipFamily(address);
      const os = pingOsOf(platform);
      const port = tcp?.port ?? context.target.port;
      const base = { kind: 'path.trace' as const, address, port, maxTtl, lastHop: null, destinationAnswered: false };
      if (family === 0 || os === null) {
        const evidence: PathTraceEvidence = {
          ...base,
          family: family === 0 ? null : family,
          tool: null,
          mode: null,
          command: null,
          hops: [],
          ended: 'not-run',
          notUsed: [],
          error: family === 0 ? `${address} is not an IP address` : `RDP Probe cannot trace on ${platform}`,
        };
        return { ...describeTrace(evidence), evidence };
      }
      const budget = budgetOf(context.timeoutMs, context.signal);
      const traced = await tracePath(os, address, family, port, maxTtl, options.tools ?? {}, budget);
      const evidence: PathTraceEvidence = {
        ...base,
        family,
        ...traced,
        lastHop: lastHopOf(traced.hops),
        destinationAnswered: destinationAnswered(traced.hops, address),
      };
      return { ...describeTrace(evidence), evidence };
    },
  };
}
