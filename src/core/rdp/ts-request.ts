import { err, ok, type Result } from '../result.js';
import { type DecodeError, decodeError } from './decode-error.js';
import { encodeDer, encodeDerInteger, readDer, readDerUnsigned } from './der.js';

/** The CredSSP version a probe announces (what FreeRDP sends) [MS-CSSP 2.2.1]. */
export const TS_REQUEST_VERSION = 6;

/** The largest TSRequest a probe accepts; a CHALLENGE is a few hundred bytes. */
export const MAX_TS_REQUEST_BYTES = 16 * 1024;

/** The parts of a server's TSRequest a probe reads: never authInfo or pubKeyAuth, which it never asks for. */
export interface TsRequest {
  readonly version: number;
  /** The first negoToken (here an NTLM message), or null. */
  readonly negoToken: Uint8Array | null;
  /** The NTSTATUS the server reports when negotiation failed, or null. */
  readonly errorCode: number | null;
}

/**
 * Encodes TSRequest { version, negoTokens: [ { negoToken } ] } as DER [MS-CSSP 2.2.1]: the only message a
 * probe sends over CredSSP. It carries an NTLM NEGOTIATE, which holds no user name, domain or password.
 */
export function encodeTsRequest(negoToken: Uint8Array, version = TS_REQUEST_VERSION): Uint8Array {
  const token = encodeDer(0x30, encodeDer(0xa0, encodeDer(0x04, negoToken)));
  const negoData = encodeDer(0xa1, encodeDer(0x30, token));
  const versionField = encodeDer(0xa0, encodeDerInteger(version));
  const content = new Uint8Array(versionField.length + negoData.length);
  content.set(versionField, 0);
  content.set(negoData, versionField.length);
  return encodeDer(0x30, content);
}

/** Parses a server's TSRequest; unknown fields are skipped, bounds are checked everywhere. */
export function parseTsRequest(bytes: Uint8Array): Result<TsRequest, DecodeError> {
  if (bytes.length > MAX_TS_REQUEST_BYTES) {
    return err(decodeError('oversized', `a TSRequest of ${bytes.length} bytes exceeds ${MAX_TS_REQUEST_BYTES}.`));
  }
  const outer = readDer(bytes, 0);
  if (outer.kind === 'err') return outer;
  if (outer.value.tag !== 0x30) {
    return err(
      decodeError('malformed', `a TSRequest starts with SEQUENCE (0x30), not 0x${outer.value.tag.toString(16)}.`),
    );
  }
  let version: number | null = null;
  let negoToken: Uint8Array | null = null;
  let errorCode: number | null = null;
  for (let at = outer.value.contentStart; at < outer.value.end; ) {
    const field = readDer(bytes, at, outer.value.end);
    if (field.kind === 'err') return field;
    at = field.value.end;
    const inner = readDer(bytes, field.value.contentStart, field.value.end);
    if (field.value.tag === 0xa0 || field.value.tag === 0xa4) {
      if (inner.kind === 'err') return inner;
      const value = readDerUnsigned(bytes, inner.value);
      if (value.kind === 'err') return value;
      if (field.value.tag === 0xa0) version = value.value;
      else errorCode = value.value;
    } else if (field.value.tag === 0xa1) {
      const token = firstNegoToken(bytes, field.value.contentStart, field.value.end);
      if (token.kind === 'err') return token;
      negoToken = token.value;
    }
  }
  if (version === null) return err(decodeError('malformed', 'the TSRequest has no version field.'));
  return ok({ version, negoToken, errorCode });
}

/** NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }: returns the first token. */
function firstNegoToken(bytes: Uint8Array, start: number, end: number): Result<Uint8Array, DecodeError> {
  const path = [0x30, 0x30, 0xa0, 0x04];
  let from = start;
  let to = end;
  for (const tag of path) {
    const element = readDer(bytes, from, to);
    if (element.kind === 'err') return element;
    if (element.value.tag !== tag) {
      return err(
        decodeError(
          'malformed',
          `negoTokens: expected tag 0x${tag.toString(16)}, got 0x${element.value.tag.toString(16)}.`,
        ),
      );
    }
    from = element.value.contentStart;
    to = element.value.end;
  }
  return ok(bytes.slice(from, to));
}
