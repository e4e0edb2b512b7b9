import type net from 'node:net';
import type { RdpNegotiationOutcome, RdpReply } from '../../core/evidence/rdp.js';
import { toHex } from '../../core/rdp/bytes.js';
import { classifyReply, describeReply, replyText } from '../../core/rdp/reply-kind.js';
import {
  type ConnectionConfirm,
  MAX_CONFIRM_BYTES,
  parseConnectionConfirm,
  tpktFrameLength,
} from '../../core/rdp/x224-confirm.js';
import { readFrame } from './stream-read.js';

/** What one Connection Request / Connection Confirm exchange produced. */
export interface NegotiationResult {
  readonly outcome: Exclude<RdpNegotiationOutcome, 'connect-failed'>;
  readonly confirm: ConnectionConfirm | null;
  readonly reply: RdpReply | null;
  readonly replyMs: number | null;
  readonly error: string | null;
}

/**
 * Sends one Connection Request on a connected socket and reads the answer, bounded by `timeoutMs`:
 * a Connection Confirm is parsed, anything else is classified (HTTP, TLS, SSH, echo, other bytes).
 */
export async function exchangeNegotiation(
  socket: net.Socket,
  request: Uint8Array,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<NegotiationResult> {
  socket.write(request);
  const read = await readFrame(socket, {
    frameLength: tpktFrameLength,
    maxBytes: MAX_CONFIRM_BYTES,
    timeoutMs,
    signal,
  });
  if (read.bytes.length === 0) {
    const outcome = read.ended === 'reset' ? 'reset' : read.ended === 'closed' ? 'closed' : 'no-reply';
    return { outcome, confirm: null, reply: null, replyMs: outcome === 'no-reply' ? null : read.ms, error: read.error };
  }
  const kind = classifyReply(read.bytes, request);
  const reply: RdpReply = {
    kind,
    ended: read.ended === 'aborted' ? 'timeout' : read.ended,
    bytes: read.bytes.length,
    headHex: toHex(read.bytes.subarray(0, 32)),
    text: replyText(read.bytes),
    description: describeReply(kind, read.bytes),
  };
  if (kind !== 'x224-confirm') return { outcome: 'not-rdp', confirm: null, reply, replyMs: read.ms, error: null };
  const parsed = parseConnectionConfirm(read.bytes);
  if (parsed.kind === 'err') {
    return { outcome: 'invalid-confirm', confirm: null, reply, replyMs: read.ms, error: parsed.error.message };
  }
  const outcome =
    parsed.value.kind === 'negotiated'
      ? 'negotiated'
      : parsed.value.kind === 'failure'
        ? 'failure'
        : 'no-negotiation-data';
  return { outcome, confirm: parsed.value, reply, replyMs: read.ms, error: null };
}
