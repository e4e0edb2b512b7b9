import { createHash } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/node/bundle/crc32.js';

/** One member of a hand-made zip; the optional fields lie about it on purpose. */
export interface CraftedMember {
  readonly name: string;
  readonly content?: Uint8Array | string;
  /** Already-deflated data to store as is (then `size` and `crc` should be given). */
  readonly deflated?: Uint8Array;
  /** The uncompressed size to declare (default: the real one). */
  readonly size?: number;
  readonly crc?: number;
}

const utf8 = new TextEncoder();

function bytesOf(content: Uint8Array | string | undefined): Uint8Array {
  return typeof content === 'string' ? utf8.encode(content) : (content ?? new Uint8Array(0));
}

/**
 * Builds a zip by hand (local headers, central directory, end record), so tests can make what no zip
 * library would: traversal names, declared sizes that lie, members that inflate to gigabytes.
 */
export function craftZip(members: readonly CraftedMember[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const content = bytesOf(m.content);
    const data = m.deflated ?? deflateRawSync(content);
    const name = Buffer.from(m.name, 'utf8');
    const size = m.size ?? content.length;
    const crc = m.crc ?? crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(data));
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

/**
 * Raw deflate data for `mebibytes` MiB of zeros, built from one compressed MiB repeated: about 1 KiB
 * per MiB, so a 1 GiB bomb costs the test 1 MiB of memory and no time.
 */
export function zeroBomb(mebibytes: number): Uint8Array {
  const chunk = deflateRawSync(new Uint8Array(1024 * 1024), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const final = deflateRawSync(new Uint8Array(0));
  return new Uint8Array(Buffer.concat([...new Array<Buffer>(mebibytes).fill(chunk), final]));
}

/** A manifest.json (bundleSchemaVersion overridable) listing `members` with their real SHA-256. */
export function craftManifest(members: readonly CraftedMember[], bundleSchemaVersion = 1): string {
  return JSON.stringify({
    bundleSchemaVersion,
    app: { name: 'rdp-probe', version: '0.1.0' },
    platform: { os: 'linux', release: '6.8.0', arch: 'x64' },
    createdAt: '2026-11-25T10:00:00.000Z',
    reportSchemaVersion: 1,
    redaction: { categories: [], key: 'one-off', keyId: '0123456789abcdef' },
    files: members.map((m) => {
      const content = bytesOf(m.content);
      return { name: m.name, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    }),
  });
}
