/** One member as the zip's central directory declares it (nothing inflated yet). */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** The uncompressed size the archive claims: checked against the bounds, then against what inflates. */
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** Outcome of reading the directory: the entries, or one phrase saying what is wrong. */
export type ZipListing =
  | { readonly kind: 'ok'; readonly entries: ZipEntry[] }
  | { readonly kind: 'err'; readonly why: string };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (
      view.getUint32(at, true) === EOCD_SIGNATURE &&
      at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength
    ) {
      return at;
    }
  }
  return -1;
}

/**
 * Lists a zip's members from its central directory, refusing what a bundle never contains: ZIP64,
 * multi-disk archives, encryption, directories outside the data, more than `maxEntries` members.
 * Reads only; sizes are the archive's claims.
 */
export function listZipEntries(bytes: Uint8Array, maxEntries: number): ZipListing {
  const fail = (why: string): ZipListing => ({ kind: 'err', why });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(view);
  if (eocd < 0) return fail('it is not a complete zip archive (truncated or damaged: no end of central directory)');
  const disk = view.getUint16(eocd + 4, true);
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) return fail('it uses ZIP64, which bundles never do');
  if (disk !== 0 || view.getUint16(eocd + 8, true) !== count) return fail('it spans several disks');
  if (count > maxEntries) return fail(`it has ${count} members; a bundle has at most ${maxEntries}`);
  if (directoryOffset + directorySize > eocd)
    return fail('its central directory lies outside the file (truncated or damaged)');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      return fail('its central directory is damaged');
    }
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > eocd) return fail('its central directory is damaged');
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    } catch {
      return fail('a member name is not valid UTF-8');
    }
    const entry: ZipEntry = {
      name,
      method: view.getUint16(at + 10, true),
      flags: view.getUint16(at + 8, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (entry.flags & 1) return fail(`member "${name}" is encrypted`);
    if ([entry.compressedSize, entry.size, entry.localHeaderOffset].includes(0xffffffff)) {
      return fail('it uses ZIP64, which bundles never do');
    }
    entries.push(entry);
    at = next;
  }
  return { kind: 'ok', entries };
}
