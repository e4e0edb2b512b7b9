import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { asciiBytes, concatBytes, viewOf } from './bytes.js';

/** The neutral cookie identifier a probe sends: it names the tool, never the user (nmap sends `nmap`). */
export const PROBE_COOKIE = 'rdpprobe';

/** Longest cookie or routing token line that still fits the one-byte X.224 length indicator with RDP_NEG_REQ. */
export const MAX_TOKEN_BYTES = 254 - 6 - 8;

/** What goes into one X.224 Connection Request. */
export interface ConnectionRequestOptions {
  /** requestedProtocols bits of RDP_NEG_REQ (see PROTOCOL). */
  readonly requestedProtocols: number;
  /** The `mstshash=` identifier; null sends no cookie. Ignored when a routing token is given. */
  readonly cookie: string | null;
  /** A load-balancer routing token line the user supplied (e.g. `Cookie: msts=...`); null for none. */
  readonly routingToken: string | null;
}

/**
 * Encodes TPKT + X.224 Connection Request + RDP_NEG_REQ [MS-RDPBCGR 2.2.1.1]. The cookie or token is
 * cleartext and travels before TLS, so it is checked: ASCII only, no line breaks inside, bounded length.
 */
export function encodeConnectionRequest(options: ConnectionRequestOptions): Result<Uint8Array, InputError> {
  const token = tokenLine(options);
  if (token.kind === 'err') return token;
  const negReq = new Uint8Array(8);
  const neg = viewOf(negReq);
  neg.setUint8(0, 0x01);
  neg.setUint8(1, 0x00);
  neg.setUint16(2, 8, true);
  neg.setUint32(4, options.requestedProtocols >>> 0, true);
  const total = 11 + token.value.length + negReq.length;
  const header = new Uint8Array(11);
  const head = viewOf(header);
  head.setUint8(0, 0x03);
  head.setUint8(1, 0x00);
  head.setUint16(2, total, false);
  head.setUint8(4, total - 5);
  head.setUint8(5, 0xe0);
  // DST-REF, SRC-REF and class stay zero.
  return ok(concatBytes([header, token.value, negReq]));
}

function tokenLine(options: ConnectionRequestOptions): Result<Uint8Array, InputError> {
  let line: string;
  let input: string;
  if (options.routingToken !== null) {
    input = 'routing token';
    line = options.routingToken.endsWith('\r\n') ? options.routingToken.slice(0, -2) : options.routingToken;
  } else if (options.cookie !== null) {
    input = 'cookie';
    line = `Cookie: mstshash=${options.cookie}`;
  } else {
    return ok(new Uint8Array(0));
  }
  if (!/^[\x20-\x7e]*$/.test(line)) {
    return err(inputError(input, `${input}: only printable ASCII is allowed, without line breaks.`));
  }
  if (line.length + 2 > MAX_TOKEN_BYTES) {
    return err(
      inputError(input, `${input}: ${line.length} characters is too long; at most ${MAX_TOKEN_BYTES - 2} fit.`),
    );
  }
  return ok(asciiBytes(`${line}\r\n`));
}

/** Validates a routing token the user supplied exactly as the Connection Request will carry it. */
export function validateRoutingToken(token: string): Result<string, InputError> {
  const line = tokenLine({ requestedProtocols: 0, cookie: null, routingToken: token });
  return line.kind === 'err' ? line : ok(token);
}
