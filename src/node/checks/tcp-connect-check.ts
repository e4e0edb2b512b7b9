import { canonicalIp, ipFamily } from '../../core/address.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { type BindPath, bindPathId } from '../../core/paths/bind-paths.js';
import type { TcpAttempt, TcpEvidence } from '../../core/report-schema.js';
import { formatTarget } from '../../core/target.js';
import type { CheckContext, CheckDefinition } from '../runner/check-definition.js';
import { tcpConnect } from '../tcp/tcp-connect.js';

/** Median and mean absolute successive difference (RFC 3550-style jitter) of connect times. */
export function connectStats(samples: readonly number[]): { medianMs: number; jitterMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  let sum = 0;
  for (let i = 1; i < samples.length; i++) sum += Math.abs((samples[i] ?? 0) - (samples[i - 1] ?? 0));
  const jitterMs = samples.length > 1 ? sum / (samples.length - 1) : 0;
  return { medianMs: Math.round(medianMs * 1000) / 1000, jitterMs: Math.round(jitterMs * 1000) / 1000 };
}

/** The addresses to try: the OS answer (what the client dials), then fresh-only ones, or the literal. */
function addressesToTry(context: CheckContext, withFresh: boolean): Pick<TcpAttempt, 'address' | 'family' | 'via'>[] {
  const { target } = context;
  if (target.hostKind !== 'hostname')
    return [{ address: target.host, family: target.hostKind === 'ipv6' ? 6 : 4, via: 'literal' }];
  const os = context.result(checkKey('dns.os', DIRECT_PATH))?.evidence;
  const fresh = withFresh ? context.result(checkKey('dns.fresh', DIRECT_PATH))?.evidence : undefined;
  const list: Pick<TcpAttempt, 'address' | 'family' | 'via'>[] = [];
  const seen = new Set<string>();
  if (os?.kind === 'dns.os') {
    for (const a of os.addresses) {
      const key = canonicalIp(a.address);
      if (!seen.has(key)) list.push({ address: a.address, family: a.family, via: 'os' });
      seen.add(key);
    }
  }
  if (fresh?.kind === 'dns.fresh') {
    for (const address of fresh.addresses) {
      const family = ipFamily(address);
      if (!seen.has(address) && family !== 0) list.push({ address, family, via: 'fresh' });
      seen.add(address);
    }
  }
  return list;
}

/** The words for a bound path in titles and summaries: `from 198.18.31.1 (eth1)`. */
export function bindLabel(bind: BindPath): string {
  return `from ${bind.address}${bind.interface === null ? '' : ` (${bind.interface})`}`;
}

/**
 * tcp.connect: connects to every address the name resolves to (and to fresh-only addresses, to tell a
 * stale cache from a dead host), then samples the first open one for latency and jitter. With `bind`, on
 * that `bind:` path: every socket is bound to the local address, and only addresses of its family are tried.
 */
export function tcpConnectCheck(options: {
  readonly withFresh: boolean;
  readonly samples: number;
  readonly bind?: BindPath;
}): CheckDefinition {
  const needs = [checkKey('dns.os', DIRECT_PATH), ...(options.withFresh ? [checkKey('dns.fresh', DIRECT_PATH)] : [])];
  const bind = options.bind;
  const local = bind === undefined ? {} : { localAddress: bind.address };
  return {
    id: 'tcp.connect',
    path: bind === undefined ? DIRECT_PATH : bindPathId(bind),
    title: `TCP connection to the RDP port${bind === undefined ? '' : ` ${bindLabel(bind)}`}`,
    needs,
    async run(context) {
      const { target, signal, timeoutMs } = context;
      const port = target.port;
      const all = addressesToTry(context, options.withFresh);
      const candidates = bind === undefined ? all : all.filter((a) => a.family === bind.family);
      if (candidates.length === 0) {
        const why =
          all.length > 0 && bind !== undefined
            ? `No IPv${bind.family} address for ${target.host} to connect to ${bindLabel(bind)}.`
            : `No address for ${target.host} to connect to.`;
        return { status: 'skipped', summary: why, evidence: null };
      }
      const deadline = performance.now() + timeoutMs;
      const attempts: TcpAttempt[] = await Promise.all(
        candidates.map(async (candidate) => ({
          ...candidate,
          ...(await tcpConnect({ address: candidate.address, port, timeoutMs, signal, ...local })),
        })),
      );
      const firstOpen = attempts.find((a) => a.outcome === 'open' && a.via !== 'fresh');
      const evidence: TcpEvidence = { kind: 'tcp.connect', port, timeoutMs, attempts, samples: null };
      if (firstOpen !== undefined && options.samples > 0) {
        const times = [firstOpen.connectMs ?? 0];
        for (let i = 0; i < options.samples && !signal.aborted; i++) {
          const remaining = deadline - performance.now();
          if (remaining <= 0) break;
          const sample = await tcpConnect({ address: firstOpen.address, port, timeoutMs: remaining, signal, ...local });
          if (sample.outcome === 'open' && sample.connectMs !== null) times.push(sample.connectMs);
        }
        evidence.samples = { address: firstOpen.address, connectMs: times, ...connectStats(times) };
      }
      const client = attempts.filter((a) => a.via !== 'fresh');
      const line = (a: TcpAttempt) => `${a.address} ${a.outcome}${a.connectMs === null ? '' : ` in ${a.connectMs} ms`}`;
      const from = bind === undefined ? '' : ` ${bindLabel(bind)}`;
      if (firstOpen !== undefined) {
        return {
          status: 'pass',
          summary: `${formatTarget(target)} accepts connections${from} (${client.map(line).join('; ')}).`,
          evidence,
        };
      }
      return {
        status: 'fail',
        summary: `No connection to port ${port}${from}: ${attempts.map((a) => `${a.address}${a.via === 'fresh' ? ' (fresh DNS)' : ''} ${a.outcome}`).join('; ')}.`,
        evidence,
      };
    },
  };
}
