/**
 * Why a decoder refused its input. Decoders never throw: truncated, oversized or garbage bytes from the
 * network are expected outcomes, returned as this value.
 */
export interface DecodeError {
  readonly kind: 'decode-error';
  /** truncated: more bytes were needed; oversized: a length beyond what the format allows; malformed: wrong values. */
  readonly reason: 'truncated' | 'oversized' | 'malformed';
  /** One plain sentence naming the field and the value. */
  readonly message: string;
}

/** Builds a DecodeError. */
export function decodeError(reason: DecodeError['reason'], message: string): DecodeError {
  return { kind: 'decode-error', reason, message };
}
