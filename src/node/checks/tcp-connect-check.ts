import { canonicalIp, ipFamily } from '../../core/address.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
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

/**
 * tcp.connect: connects to every address the name resolves to (and to fresh-only addresses, to tell a
 * stale cache from a dead host), then samples the first open one for latency and jitter.
 */
export function tcpConnectCheck(options: { readonly withFresh: boolean; readonly samples: number }): CheckDefinition {
  const needs = [checkKey('dns.os', DIRECT_PATH), ...(options.withFresh ? [checkKey('dns.fresh', DIRECT_PATH)] : [])];
  return {
    id: 'tcp.connect',
    path: DIRECT_PATH,
    title: 'TCP connection to the RDP port',
    needs,
    async run(context) {
      const { target, signal, timeoutMs } = context;
      const port = target.port;
      const candidates = addressesToTry(context, options.withFresh);
      if (candidates.length === 0) {
        return { status: 'skipped', summary: `No address for ${target.host} to connect to.`, evidence: null };
      }
      const deadline = performance.now() + timeoutMs;
      const attempts: TcpAttempt[] = await Promise.all(
        candidates.map(async (candidate) => ({
          ...candidate,
          ...(await tcpConnect({ address: candidate.address, port, timeoutMs, signal })),
        })),
      );
      const firstOpen = attempts.find((a) => a.outcome === 'open' && a.via !== 'fresh');
      const evidence: TcpEvidence = { kind: 'tcp.connect', port, timeoutMs, attempts, samples: null };
      if (firstOpen !== undefined && options.samples > 0) {
        const times = [firstOpen.connectMs ?? 0];
        for (let i = 0; i < options.samples && !signal.aborted; i++) {
          const remaining = deadline - performance.now();
          if (remaining <= 0) break;
          const sample = await tcpConnect({ address: firstOpen.address, port, timeoutMs: remaining, signal });
          if (sample.outcome === 'open' && sample.connectMs !== null) times.push(sample.connectMs);
        }
        evidence.samples = { address: firstOpen.address, connectMs: times, ...connectStats(times) };
      }
      const client = attempts.filter((a) => a.via !== 'fresh');
      const line = (a: TcpAttempt) => `${a.address} ${a.outcome}${a.connectMs === null ? '' : ` in ${a.connectMs} ms`}`;
      if (firstOpen !== undefined) {
        return {
          status: 'pass',
          summary: `${formatTarget(target)} accepts connections (${client.map(line).join('; ')}).`,
          evidence,
        };
      }
      return {
        status: 'fail',
        summary: `No connection to port ${port}: ${attempts.map((a) => `${a.address}${a.via === 'fresh' ? ' (fresh DNS)' : ''} ${a.outcome}`).join('; ')}.`,
        evidence,
      };
    },
  };
}
