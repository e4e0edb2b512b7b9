import { asciiBytes, latin1Text, startsWith } from './bytes.js';

/** What the first bytes of a reply to our Connection Request look like. */
export type ReplyKind =
  | 'x224-confirm'
  | 'tpkt-other'
  | 'http'
  | 'tls-alert'
  | 'tls-record'
  | 'tls-direct'
  | 'ssh-banner'
  | 'echo'
  | 'other'
  | 'empty';

/** Every reply kind, for schemas. */
export const REPLY_KINDS = [
  'x224-confirm',
  'tpkt-other',
  'http',
  'tls-alert',
  'tls-record',
  'tls-direct',
  'ssh-banner',
  'echo',
  'other',
  'empty',
] as const satisfies readonly ReplyKind[];

/**
 * Classifies a reply to the Connection Request `sent` (`tls-direct` is never returned here: the probe sets
 * it when a server closed on our request but then completed a TLS handshake sent without RDP negotiation).
 * Our own request coming back is checked first, because it is TPKT too; TLS records are content type
 * 20-24 with version 3.x [IBM-TLS].
 */
export function classifyReply(reply: Uint8Array, sent: Uint8Array): ReplyKind {
  if (reply.length === 0) return 'empty';
  const shared = Math.min(reply.length, sent.length);
  if (shared >= 6 && startsWith(sent.subarray(0, shared), reply.subarray(0, shared))) return 'echo';
  if (reply[0] === 0x03 && (reply.length < 2 || reply[1] === 0x00)) {
    if (reply.length < 6) return 'tpkt-other';
    return ((reply[5] ?? 0) & 0xf0) === 0xd0 ? 'x224-confirm' : 'tpkt-other';
  }
  const first = reply[0] ?? 0;
  if (first >= 0x14 && first <= 0x18 && (reply.length < 2 || reply[1] === 0x03)) {
    return first === 0x15 ? 'tls-alert' : 'tls-record';
  }
  if (startsWith(reply, asciiBytes('SSH-'))) return 'ssh-banner';
  if (startsWith(reply, asciiBytes('HTTP/'))) return 'http';
  return 'other';
}

/** The first line of a reply as printable text (at most 80 characters), or null when it is binary. */
export function replyText(reply: Uint8Array): string | null {
  const head = latin1Text(reply.subarray(0, 200));
  const line = head.split(/\r?\n/)[0] ?? '';
  if (line.length === 0 || !/^[\x20-\x7e\t]+$/.test(line)) return null;
  return line.slice(0, 80);
}

/** A plain phrase for what answered, e.g. "an HTTP server (HTTP/1.1 400 Bad Request)". */
export function describeReply(kind: ReplyKind, reply: Uint8Array): string {
  const text = replyText(reply);
  switch (kind) {
    case 'x224-confirm':
      return 'an RDP Connection Confirm';
    case 'tpkt-other':
      return `a TPKT packet that is not a Connection Confirm (TPDU code 0x${((reply[5] ?? 0) & 0xff).toString(16)})`;
    case 'http':
      return `an HTTP server${text ? ` (${text})` : ''}`;
    case 'tls-alert':
      return 'a TLS-only service (it answered with a TLS alert)';
    case 'tls-record':
      return 'a TLS-only service (it answered with a TLS record)';
    case 'tls-direct':
      return 'a TLS-only service (it closed on our RDP request but completes a plain TLS handshake)';
    case 'ssh-banner':
      return `an SSH server${text ? ` (${text})` : ''}`;
    case 'echo':
      return 'something that echoes back what it receives (our own request came back)';
    case 'other':
      return text ? `an unknown service ("${text}")` : `an unknown service (${reply.length} bytes of binary data)`;
    case 'empty':
      return 'nothing (no bytes)';
  }
}
