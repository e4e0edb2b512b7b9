import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import type { ZipEntry } from './zip-entries.js';

/** A member's bytes, or one phrase saying what is wrong with it. */
export type ZipMember =
  | { readonly kind: 'ok'; readonly data: Uint8Array }
  | { readonly kind: 'err'; readonly why: string };

const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

function inflateBounded(data: Uint8Array, entry: ZipEntry): ZipMember {
  try {
    // maxOutputLength makes zlib stop as soon as the output passes the declared size: a member that
    // claims 1 KiB and inflates to 1 GiB is cut off after the first chunk, never inflated to the end.
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    return { kind: 'ok', data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return {
        kind: 'err',
        why: `member "${entry.name}" inflates past its declared size of ${entry.size} bytes (a zip bomb?)`,
      };
    }
    return { kind: 'err', why: `member "${entry.name}" is damaged (${(error as Error).message})` };
  }
}

/**
 * Reads one member whose declared size the caller has already bounded: locates its data through the
 * local header, inflates it with the declared size as a hard limit, and checks size and CRC-32.
 */
export function readZipMember(bytes: Uint8Array, entry: ZipEntry): ZipMember {
  const fail = (why: string): ZipMember => ({ kind: 'err', why: `member "${entry.name}" ${why}` });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
    return fail('has no local header where the directory says (truncated or damaged)');
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return fail('runs past the end of the file (truncated)');
  const raw = bytes.subarray(start, end);
  let member: ZipMember;
  if (entry.method === STORED) member = { kind: 'ok', data: raw };
  else if (entry.method === DEFLATED) member = inflateBounded(raw, entry);
  else return fail(`uses compression method ${entry.method}; bundles use deflate or none`);
  if (member.kind === 'err') return member;
  if (member.data.length !== entry.size) {
    return fail(`is ${member.data.length} bytes, not the ${entry.size} bytes its header declares`);
  }
  if (crc32(member.data) !== entry.crc32) return fail('fails its CRC-32 check (damaged)');
  return member;
}
