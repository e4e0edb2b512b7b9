import { err, ok, type Result } from '../result.js';
import { concatBytes } from './bytes.js';
import { type DecodeError, decodeError } from './decode-error.js';

/** One DER element: its tag and where its content lies in the buffer it was read from. */
export interface DerElement {
  readonly tag: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Encodes a DER length: short form below 0x80, else long form with the fewest bytes. */
export function encodeDerLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one DER element from its tag and content. */
export function encodeDer(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), encodeDerLength(content.length), content]);
}

/** Encodes a small non-negative DER INTEGER. */
export function encodeDerInteger(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return encodeDer(0x02, Uint8Array.from(bytes));
}

/** Reads the element at `offset` of `bytes`, bounded by `limit` (default: the end of `bytes`). */
export function readDer(bytes: Uint8Array, offset: number, limit = bytes.length): Result<DerElement, DecodeError> {
  if (offset + 2 > limit) return err(decodeError('truncated', `a DER element at offset ${offset} needs 2 bytes.`));
  const tag = bytes[offset] ?? 0;
  const first = bytes[offset + 1] ?? 0;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) {
      return err(decodeError('malformed', `DER length at offset ${offset} uses ${count} length bytes.`));
    }
    if (offset + 2 + count > limit) return err(decodeError('truncated', `DER length at offset ${offset} is cut off.`));
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + 2 + i] ?? 0);
    header += count;
  }
  const end = offset + header + length;
  if (end > limit) {
    return err(
      decodeError(
        'truncated',
        `DER element 0x${tag.toString(16)} at offset ${offset} needs ${end - offset} bytes; ${limit - offset} remain.`,
      ),
    );
  }
  return ok({ tag, contentStart: offset + header, end });
}

/**
 * The total length of the DER element at the start of `bytes` once its header has arrived, or null while
 * the header is incomplete; lets a reader stop exactly at the end of a TSRequest. Invalid headers answer 0.
 */
export function derFrameLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2) return null;
  const first = bytes[1] ?? 0;
  if (!(first & 0x80)) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return 0;
  if (bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return 2 + count + length;
}

/** Reads a DER INTEGER's content as an unsigned number (up to 4 value bytes, after an optional 0x00 sign byte). */
export function readDerUnsigned(bytes: Uint8Array, element: DerElement): Result<number, DecodeError> {
  if (element.tag !== 0x02)
    return err(decodeError('malformed', `expected a DER INTEGER, got tag 0x${element.tag.toString(16)}.`));
  let start = element.contentStart;
  if (element.end - start > 1 && bytes[start] === 0) start++;
  const size = element.end - start;
  if (size === 0) return err(decodeError('malformed', 'a DER INTEGER has no content.'));
  if (size > 4) return err(decodeError('oversized', `a DER INTEGER of ${size} bytes does not fit 32 bits.`));
  let value = 0;
  for (let i = start; i < element.end; i++) value = value * 256 + (bytes[i] ?? 0);
  return ok(value);
}
