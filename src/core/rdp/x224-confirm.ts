import { err, ok, type Result } from '../result.js';
import { viewOf } from './bytes.js';
import { type DecodeError, decodeError } from './decode-error.js';

/** The X.224 TPDU codes a server may answer with [FreeRDP tpdu.h]. */
export const TPDU = {
  CONNECTION_REQUEST: 0xe0,
  CONNECTION_CONFIRM: 0xd0,
  DISCONNECT_REQUEST: 0x80,
  DATA: 0xf0,
  ERROR: 0x70,
} as const;

/** The largest TPKT frame a Connection Confirm can be: 4 bytes of TPKT, LI byte, at most 254 more. */
export const MAX_CONFIRM_BYTES = 4 + 1 + 254;

/** A decoded Connection Confirm: the server chose a protocol, refused, or sent no negotiation data. */
export type ConnectionConfirm =
  | {
      readonly kind: 'negotiated';
      readonly selectedProtocol: number;
      readonly flags: number;
      readonly sourceRef: number;
    }
  | { readonly kind: 'failure'; readonly failureCode: number; readonly sourceRef: number }
  | { readonly kind: 'no-negotiation-data'; readonly sourceRef: number };

/**
 * How many bytes the TPKT frame at the start of `bytes` has, or null if fewer than 4 bytes have come in.
 * Lets a reader stop as soon as the frame is complete. Not-TPKT input answers 0.
 */
export function tpktFrameLength(bytes: Uint8Array): number | null {
  if (bytes.length >= 1 && bytes[0] !== 0x03) return 0;
  if (bytes.length >= 2 && bytes[1] !== 0x00) return 0;
  if (bytes.length < 4) return null;
  return viewOf(bytes).getUint16(2, false);
}

/**
 * Parses TPKT + X.224 Connection Confirm + optional RDP_NEG_RSP / RDP_NEG_FAILURE [MS-RDPBCGR 2.2.1.2],
 * following FreeRDP's rule: LI > 6 means negotiation data at offset 11. Bytes past the frame are ignored.
 */
export function parseConnectionConfirm(bytes: Uint8Array): Result<ConnectionConfirm, DecodeError> {
  if (bytes.length < 4) return err(decodeError('truncated', `a TPKT header needs 4 bytes; got ${bytes.length}.`));
  if (bytes[0] !== 0x03 || bytes[1] !== 0x00) {
    return err(decodeError('malformed', `not a TPKT header: starts 0x${hex2(bytes[0])} 0x${hex2(bytes[1])}.`));
  }
  const view = viewOf(bytes);
  const length = view.getUint16(2, false);
  if (length < 11)
    return err(decodeError('malformed', `TPKT length ${length} is below the 11 bytes of a Connection Confirm.`));
  if (length > MAX_CONFIRM_BYTES) {
    return err(
      decodeError(
        'oversized',
        `TPKT length ${length} exceeds the ${MAX_CONFIRM_BYTES} bytes a Connection Confirm can have.`,
      ),
    );
  }
  if (bytes.length < length)
    return err(decodeError('truncated', `the TPKT frame says ${length} bytes; got ${bytes.length}.`));
  const li = view.getUint8(4);
  const code = view.getUint8(5) & 0xf0;
  if (code !== TPDU.CONNECTION_CONFIRM) {
    return err(decodeError('malformed', `TPDU code 0x${hex2(view.getUint8(5))} is not a Connection Confirm (0xd0).`));
  }
  if (li < 6) return err(decodeError('malformed', `X.224 length indicator ${li} is below 6.`));
  if (li + 5 > length)
    return err(decodeError('malformed', `X.224 length indicator ${li} runs past the TPKT frame of ${length} bytes.`));
  const sourceRef = view.getUint16(8, false);
  if (li === 6) return ok({ kind: 'no-negotiation-data', sourceRef });
  if (length < 19 || li < 14) {
    return err(
      decodeError('truncated', `negotiation data needs 8 bytes after the X.224 header; the frame has ${length - 11}.`),
    );
  }
  const type = view.getUint8(11);
  const flags = view.getUint8(12);
  const negLength = view.getUint16(13, true);
  const value = view.getUint32(15, true);
  if (negLength !== 8) return err(decodeError('malformed', `negotiation data length ${negLength} is not 8.`));
  if (type === 0x02) return ok({ kind: 'negotiated', selectedProtocol: value, flags, sourceRef });
  if (type === 0x03) return ok({ kind: 'failure', failureCode: value, sourceRef });
  return err(
    decodeError(
      'malformed',
      `negotiation data type 0x${hex2(type)} is neither RDP_NEG_RSP (2) nor RDP_NEG_FAILURE (3).`,
    ),
  );
}

function hex2(value: number | undefined): string {
  return (value ?? 0).toString(16).padStart(2, '0');
}
