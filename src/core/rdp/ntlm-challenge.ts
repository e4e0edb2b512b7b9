import { err, ok, type Result } from '../result.js';
import { latin1Text, utf16leText, viewOf } from './bytes.js';
import { type DecodeError, decodeError } from './decode-error.js';

/** NTLMSSP_NEGOTIATE_UNICODE: strings in the message are UTF-16LE. */
export const NTLM_FLAG_UNICODE = 0x00000001;
/** NTLMSSP_NEGOTIATE_VERSION: the Version field is filled in. */
export const NTLM_FLAG_VERSION = 0x02000000;
/** The largest CHALLENGE_MESSAGE a probe accepts. */
export const MAX_CHALLENGE_BYTES = 8 * 1024;

/** The product version a server puts in its CHALLENGE (informational only [MS-NLMP 2.2.2.10]). */
export interface NtlmVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly revision: number;
}

/** The host identity in a CHALLENGE's TargetInfo AV pairs [MS-NLMP 2.2.2.1]. */
export interface NtlmTargetInfo {
  readonly nbComputerName: string | null;
  readonly nbDomainName: string | null;
  readonly dnsComputerName: string | null;
  readonly dnsDomainName: string | null;
  readonly dnsTreeName: string | null;
  /** MsvAvTimestamp: the server's clock as FILETIME ticks, or null. */
  readonly timestamp: bigint | null;
}

/** What a probe reads from a CHALLENGE_MESSAGE. */
export interface NtlmChallenge {
  readonly flags: number;
  readonly targetName: string | null;
  readonly targetInfo: NtlmTargetInfo;
  readonly version: NtlmVersion | null;
}

const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];

/**
 * Parses an NTLM CHALLENGE_MESSAGE [MS-NLMP 2.2.1.2]: every buffer offset and length is checked against
 * the message, AV pairs are read until MsvAvEOL, and nothing past the message is trusted.
 */
export function parseNtlmChallenge(bytes: Uint8Array): Result<NtlmChallenge, DecodeError> {
  if (bytes.length > MAX_CHALLENGE_BYTES) {
    return err(decodeError('oversized', `a CHALLENGE of ${bytes.length} bytes exceeds ${MAX_CHALLENGE_BYTES}.`));
  }
  if (bytes.length < 48)
    return err(decodeError('truncated', `a CHALLENGE needs at least 48 bytes; got ${bytes.length}.`));
  if (!SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    return err(decodeError('malformed', 'the message does not start with the NTLMSSP signature.'));
  }
  const view = viewOf(bytes);
  const type = view.getUint32(8, true);
  if (type !== 2) return err(decodeError('malformed', `NTLM message type ${type} is not CHALLENGE (2).`));
  const flags = view.getUint32(20, true);
  const unicode = (flags & NTLM_FLAG_UNICODE) !== 0;
  const targetName = field(bytes, 12, 'TargetName');
  if (targetName.kind === 'err') return targetName;
  const targetInfoBytes = field(bytes, 40, 'TargetInfo');
  if (targetInfoBytes.kind === 'err') return targetInfoBytes;
  const targetInfo = parseAvPairs(targetInfoBytes.value ?? new Uint8Array(0));
  if (targetInfo.kind === 'err') return targetInfo;
  return ok({
    flags,
    targetName:
      targetName.value === null ? null : unicode ? utf16leText(targetName.value) : latin1Text(targetName.value),
    targetInfo: targetInfo.value,
    version: readVersion(bytes, flags),
  });
}

/** Reads a Len/MaxLen/Offset buffer descriptor at `at`; null for an empty field. */
function field(bytes: Uint8Array, at: number, name: string): Result<Uint8Array | null, DecodeError> {
  const view = viewOf(bytes);
  const length = view.getUint16(at, true);
  const offset = view.getUint32(at + 4, true);
  if (length === 0) return ok(null);
  if (offset + length > bytes.length) {
    return err(
      decodeError(
        'truncated',
        `${name} (${length} bytes at offset ${offset}) runs past the ${bytes.length}-byte message.`,
      ),
    );
  }
  return ok(bytes.subarray(offset, offset + length));
}

/** Version is valid when NEGOTIATE_VERSION is set and the payload starts at or after byte 56. */
function readVersion(bytes: Uint8Array, flags: number): NtlmVersion | null {
  if ((flags & NTLM_FLAG_VERSION) === 0 || bytes.length < 56) return null;
  const view = viewOf(bytes);
  const offsets = [view.getUint32(16, true), view.getUint32(44, true)];
  const lengths = [view.getUint16(12, true), view.getUint16(40, true)];
  if (offsets.some((offset, i) => (lengths[i] ?? 0) > 0 && offset < 56)) return null;
  return {
    major: view.getUint8(48),
    minor: view.getUint8(49),
    build: view.getUint16(50, true),
    revision: view.getUint8(55),
  };
}

/** AV_PAIR list: AvId u16, AvLen u16, value; stops at MsvAvEOL or the end of the buffer. */
function parseAvPairs(bytes: Uint8Array): Result<NtlmTargetInfo, DecodeError> {
  const view = viewOf(bytes);
  const names: Record<number, string> = {};
  let timestamp: bigint | null = null;
  for (let at = 0; at + 4 <= bytes.length; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0) break;
    if (at + 4 + length > bytes.length) {
      return err(decodeError('truncated', `AV pair ${id} (${length} bytes at offset ${at}) runs past TargetInfo.`));
    }
    const value = bytes.subarray(at + 4, at + 4 + length);
    if (id >= 1 && id <= 5) names[id] = utf16leText(value);
    if (id === 7 && length === 8) timestamp = viewOf(value).getBigUint64(0, true);
    at += 4 + length;
  }
  return ok({
    nbComputerName: names[1] ?? null,
    nbDomainName: names[2] ?? null,
    dnsComputerName: names[3] ?? null,
    dnsDomainName: names[4] ?? null,
    dnsTreeName: names[5] ?? null,
    timestamp,
  });
}
