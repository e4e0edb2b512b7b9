import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import {
  type Answer,
  type DecodedPacket,
  decode,
  encode,
  RECURSION_DESIRED,
  type RecordType,
  streamDecode,
  streamEncode,
} from 'dns-packet';
import { ipFamily } from '../../core/address.js';
import type { DnsQuery, DnsRecord } from '../../core/report-schema.js';

/** One question to one nameserver. */
export interface DnsQueryRequest {
  readonly server: string;
  readonly port: number;
  readonly name: string;
  readonly type: 'A' | 'AAAA';
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** Replies larger than a UDP datagram carries are refused: a DNS answer for one name is small. */
const MAX_TCP_REPLY_BYTES = 65_537;

/** One question of any record type to one nameserver (the egress check asks TXT). */
export interface DnsQuestion extends Omit<DnsQueryRequest, 'type'> {
  readonly type: RecordType;
}

/** How a question was answered: the decoded reply, or why there is none, and over which transport. */
export type DnsExchange =
  | {
      readonly kind: 'reply';
      readonly packet: DecodedPacket;
      readonly transport: 'udp' | 'tcp';
      readonly rttMs: number;
      readonly truncated: boolean;
    }
  | { readonly kind: 'timeout'; readonly transport: 'udp' | 'tcp'; readonly truncated: boolean }
  | {
      readonly kind: 'error';
      readonly message: string;
      readonly transport: 'udp' | 'tcp';
      readonly truncated: boolean;
    };

/**
 * Asks one nameserver directly (recursion desired) over UDP, retransmitting once, and over TCP when the
 * reply is truncated. Never rejects; bounded by the request's timeout (per transport) and signal.
 */
export async function askNameserver(request: DnsQuestion): Promise<DnsExchange> {
  const started = performance.now();
  const id = randomInt(0, 0x10000);
  const query = encode({
    type: 'query',
    id,
    flags: RECURSION_DESIRED,
    questions: [{ type: request.type, name: request.name, class: 'IN' }],
  });
  const udp = await exchangeUdp(request, query, id);
  if (udp.kind !== 'reply') return { ...udp, transport: 'udp', truncated: false };
  if (!udp.packet.flag_tc) return { ...udp, transport: 'udp', rttMs: performance.now() - started, truncated: false };
  const tcp = await exchangeTcp(request, query, id);
  if (tcp.kind !== 'reply') return { ...tcp, transport: 'tcp', truncated: true };
  return { ...tcp, transport: 'tcp', rttMs: performance.now() - started, truncated: true };
}

/**
 * Asks one nameserver for an address record directly. Every outcome, including silence, is a value that
 * goes into the evidence.
 */
export async function queryNameserver(request: DnsQueryRequest): Promise<DnsQuery> {
  const base = { server: request.server, port: request.port, type: request.type } as const;
  const exchange = await askNameserver(request);
  if (exchange.kind !== 'reply')
    return { ...base, ...failure(exchange), transport: exchange.transport, rttMs: null, truncated: exchange.truncated };
  return describe(base, exchange.transport, exchange.packet, exchange.rttMs, exchange.truncated);
}

type Exchange =
  | { readonly kind: 'reply'; readonly packet: DecodedPacket }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error'; readonly message: string };

function failure(exchange: { readonly kind: 'timeout' } | { readonly kind: 'error'; readonly message: string }) {
  return exchange.kind === 'timeout'
    ? { outcome: 'timeout' as const, rcode: null, answers: [], message: 'no reply before the timeout' }
    : { outcome: 'error' as const, rcode: null, answers: [], message: exchange.message };
}

/** Accepts only a reply to our question: same id, a response, the same name and type. */
function matches(packet: DecodedPacket, request: DnsQuestion, id: number): boolean {
  const question = packet.questions?.[0];
  return (
    packet.type === 'response' &&
    packet.id === id &&
    question !== undefined &&
    question.type === request.type &&
    question.name.toLowerCase() === request.name.toLowerCase().replace(/\.$/, '')
  );
}

function exchangeUdp(request: DnsQuestion, query: Buffer, id: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = createSocket(ipFamily(request.server) === 6 ? 'udp6' : 'udp4');
    let done = false;
    const finish = (result: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(retransmit);
      request.signal.removeEventListener('abort', onAbort);
      socket.close();
      resolve(result);
    };
    const onAbort = () => finish({ kind: 'timeout' });
    const send = () =>
      socket.send(query, request.port, request.server, (error) => {
        if (error) finish({ kind: 'error', message: error.message });
      });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), request.timeoutMs);
    // UDP may lose the first datagram; one retransmit within the budget, as stub resolvers do.
    const retransmit = setTimeout(send, Math.min(1000, Math.floor(request.timeoutMs / 3)));
    request.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error) => finish({ kind: 'error', message: error.message }));
    socket.on('message', (message) => {
      try {
        const packet = decode(message);
        if (matches(packet, request, id)) finish({ kind: 'reply', packet });
      } catch {
        // Not a DNS message for us: keep waiting within the budget.
      }
    });
    send();
  });
}

function exchangeTcp(request: DnsQuestion, query: Buffer, id: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: request.server, port: request.port });
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (result: Exchange) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ kind: 'timeout' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), request.timeoutMs);
    request.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => socket.write(streamEncode(decode(query))));
    socket.on('error', (error) => finish({ kind: 'error', message: error.message }));
    socket.on('close', () =>
      finish({ kind: 'error', message: 'the server closed the TCP connection without a reply' }),
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > MAX_TCP_REPLY_BYTES) return finish({ kind: 'error', message: 'oversized TCP reply' });
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      try {
        const packet = streamDecode(received) as DecodedPacket;
        finish(
          matches(packet, request, id) ? { kind: 'reply', packet } : { kind: 'error', message: 'mismatched reply' },
        );
      } catch {
        finish({ kind: 'error', message: 'malformed TCP reply' });
      }
    });
  });
}

function describe(
  base: Pick<DnsQuery, 'server' | 'port' | 'type'>,
  transport: 'udp' | 'tcp',
  packet: DecodedPacket,
  rttMs: number,
  truncated: boolean,
): DnsQuery {
  const rcode = (packet as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
  const answers = (packet.answers ?? []).map(toRecord);
  const hasAddress = answers.some((a) => a.type === base.type);
  const outcome =
    rcode === 'NXDOMAIN'
      ? 'nxdomain'
      : rcode === 'SERVFAIL'
        ? 'servfail'
        : rcode === 'REFUSED'
          ? 'refused'
          : rcode !== 'NOERROR'
            ? 'error'
            : hasAddress
              ? 'answer'
              : 'nodata';
  return {
    ...base,
    transport,
    outcome,
    rcode,
    rttMs: Math.round(rttMs * 100) / 100,
    truncated,
    answers,
    message: null,
  };
}

function toRecord(answer: Answer): DnsRecord {
  const data = 'data' in answer ? answer.data : undefined;
  return {
    name: answer.name,
    type: answer.type,
    ttl: 'ttl' in answer && typeof answer.ttl === 'number' ? answer.ttl : 0,
    data: typeof data === 'string' ? data : JSON.stringify(data ?? null),
  };
}
