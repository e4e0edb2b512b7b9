import type { Answer, DecodedPacket } from 'dns-packet';
import { canonicalIp, ipFamily } from '../../core/address.js';
import { addressFromTxt } from '../../core/egress/egress-answer.js';
import type { EgressLookup } from '../../core/evidence/egress.js';
import { askNameserver } from '../dns/dns-query.js';
import { type EgressResolver, questionFor } from './egress-resolvers.js';

/** At most this many answer records are kept in evidence: a what-is-my-address answer has one or two. */
const MAX_ANSWERS = 4;

/** TXT data as dns-packet decodes it (a string, a buffer, or a list of either) as strings. */
function txtStrings(data: unknown): string[] {
  const parts = Array.isArray(data) ? data : [data];
  return parts.flatMap((part) =>
    typeof part === 'string' ? [part] : Buffer.isBuffer(part) ? [part.toString('latin1')] : [],
  );
}

/** What one reply says: its records of the asked type and the address among them. */
function readReply(
  packet: DecodedPacket,
  type: EgressLookup['type'],
): Pick<EgressLookup, 'outcome' | 'rcode' | 'answers' | 'address' | 'message'> {
  const rcode = (packet as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
  const records = (packet.answers ?? []).filter((a: Answer) => a.type === type);
  const answers =
    type === 'TXT'
      ? records.map((r) => txtStrings('data' in r ? r.data : null).join(' '))
      : records.map((r) => ('data' in r && typeof r.data === 'string' ? r.data : ''));
  const kept = answers.slice(0, MAX_ANSWERS).map((a) => a.slice(0, 200));
  const failed = { NXDOMAIN: 'nxdomain', SERVFAIL: 'servfail', REFUSED: 'refused' } as const;
  if (rcode !== 'NOERROR') {
    const outcome = failed[rcode as keyof typeof failed] ?? 'error';
    return { outcome, rcode, answers: kept, address: null, message: null };
  }
  if (records.length === 0) return { outcome: 'nodata', rcode, answers: [], address: null, message: null };
  const family = type === 'A' ? 4 : type === 'AAAA' ? 6 : null;
  const address =
    family === null
      ? addressFromTxt(records.flatMap((r) => txtStrings('data' in r ? r.data : null)))
      : (answers.map((a) => a.trim()).find((a) => ipFamily(a) === family) ?? null);
  if (address === null)
    return { outcome: 'bad-answer', rcode, answers: kept, address: null, message: 'the answer holds no IP address' };
  return { outcome: 'answer', rcode, answers: kept, address: canonicalIp(address), message: null };
}

/**
 * Asks each what-is-my-address resolver at once (UDP, one retransmit, TCP when truncated), each bounded
 * by `timeoutMs` and the signal. Every outcome, silence included, is a lookup in the evidence.
 */
export function lookupEgress(
  resolvers: readonly EgressResolver[],
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<EgressLookup[]> {
  return Promise.all(
    resolvers.map(async (resolver): Promise<EgressLookup> => {
      const question = questionFor(resolver);
      const base = { service: resolver.service, resolver: resolver.label, ...question };
      const exchange = await askNameserver({
        server: resolver.server,
        port: resolver.port,
        ...question,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      if (exchange.kind === 'timeout')
        return {
          ...base,
          outcome: 'timeout',
          rcode: null,
          rttMs: null,
          answers: [],
          address: null,
          message: 'no reply before the timeout',
        };
      if (exchange.kind === 'error')
        return {
          ...base,
          outcome: 'error',
          rcode: null,
          rttMs: null,
          answers: [],
          address: null,
          message: exchange.message,
        };
      return { ...base, rttMs: Math.round(exchange.rttMs * 100) / 100, ...readReply(exchange.packet, question.type) };
    }),
  );
}
