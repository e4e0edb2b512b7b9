import type { CheckResult, Evidence } from '../../src/core/report-schema.js';

/** A finished check result for pure tests of the diagnosis. */
export function result(evidence: Evidence, status: CheckResult['status'] = 'pass'): CheckResult {
  return {
    id: evidence.kind,
    path: 'direct',
    title: evidence.kind,
    status,
    summary: '',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 1,
    evidence,
  };
}

/** dns.os evidence. */
export function osAnswer(name: string, addresses: string[], errorCode: string | null = null): Evidence {
  return {
    kind: 'dns.os',
    name,
    addresses: addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    errorCode,
  };
}

/** dns.fresh evidence from one nameserver answering A (and NODATA for AAAA). */
export function freshAnswer(
  name: string,
  addresses: string[],
  outcome: 'answer' | 'nxdomain' | 'timeout' = 'answer',
): Evidence {
  const answered = outcome !== 'timeout';
  return {
    kind: 'dns.fresh',
    name,
    nameservers: { addresses: ['198.18.0.54'], origin: 'option' },
    queries: [
      {
        server: '198.18.0.54',
        port: 53,
        type: 'A',
        transport: 'udp',
        outcome,
        rcode: outcome === 'nxdomain' ? 'NXDOMAIN' : answered ? 'NOERROR' : null,
        rttMs: answered ? 1 : null,
        truncated: false,
        answers: addresses.map((data) => ({ name, type: 'A', ttl: 60, data })),
        message: null,
      },
    ],
    addresses,
    cnameChain: [],
    answeredBy: answered ? '198.18.0.54' : null,
  };
}

/** tcp.connect evidence. */
export function tcp(
  port: number,
  attempts: {
    address: string;
    via: 'os' | 'fresh' | 'literal';
    outcome: 'open' | 'refused' | 'filtered' | 'unreachable' | 'reset' | 'error';
  }[],
  samples: number[] | null = null,
): Evidence {
  return {
    kind: 'tcp.connect',
    port,
    timeoutMs: 1000,
    attempts: attempts.map((a) => ({
      ...a,
      family: 4,
      connectMs: a.outcome === 'open' ? 1 : null,
      errorCode: a.outcome === 'refused' ? 'ECONNREFUSED' : a.outcome === 'unreachable' ? 'EHOSTUNREACH' : null,
      localAddress: null,
      localPort: null,
    })),
    samples:
      samples === null
        ? null
        : { address: attempts[0]?.address ?? '', connectMs: samples, medianMs: samples[1] ?? 0, jitterMs: 5 },
  };
}
