import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REDACTION } from '../../../src/core/bundle/redaction-categories.js';
import { readBundle, readReportOrBundle } from '../../../src/node/bundle/read-bundle.js';
import { writeBundle } from '../../../src/node/bundle/write-bundle.js';
import { sensitiveReport } from '../../support/bundle-report.js';
import { type CraftedMember, craftManifest, craftZip, zeroBomb } from '../../support/craft-zip.js';

const GIB = 1024 * 1024 * 1024;

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A bundle whose members are `members` plus a manifest listing them truthfully (unless given). */
function bundleOf(members: CraftedMember[], manifest = craftManifest(members)): Uint8Array {
  return craftZip([{ name: 'manifest.json', content: manifest }, ...members]);
}

describe('readBundle refuses hostile bundles, writing nothing', () => {
  let dir: string;
  let good: Uint8Array;
  let report: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-hostile-'));
    report = JSON.stringify(sensitiveReport());
    const written = await writeBundle(sensitiveReport(), {
      path: join(dir, 'good.zip'),
      force: false,
      redaction: NO_REDACTION,
    });
    if (written.kind === 'err') throw new Error(written.error.message);
    good = new Uint8Array(await readFile(join(dir, 'good.zip')));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function refusal(name: string, bytes: Uint8Array): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const before = (await readdir(dir)).sort();
    const result = await readBundle(path);
    expect((await readdir(dir)).sort()).toEqual(before);
    expect(result.kind).toBe('err');
    return result.kind === 'err' ? result.error.message : '';
  }

  it('accepts the bundle writeBundle made (the baseline)', async () => {
    expect((await readBundle(join(dir, 'good.zip'))).kind).toBe('ok');
  });

  it('refuses a ../ member', async () => {
    const path = join(dir, 'traversal.zip');
    expect(
      await refusal(
        'traversal.zip',
        bundleOf([
          { name: 'report.json', content: report },
          { name: '../evil', content: 'x' },
        ]),
      ),
    ).toBe(
      `${path} is not a usable rdp-probe bundle: member "../evil" climbs out of the bundle (path traversal with ..); nothing was extracted.`,
    );
  });

  it('refuses absolute, backslash and drive-letter members', async () => {
    for (const [name, why] of [
      ['/etc/cron.d/evil', 'is an absolute path'],
      ['evidence\\..\\..\\evil', 'uses backslashes (a Windows path)'],
      ['C:/Windows/evil.dll', 'starts with a drive letter'],
    ]) {
      const message = await refusal(
        'absolute.zip',
        bundleOf([
          { name: 'report.json', content: report },
          { name: name ?? '', content: 'x' },
        ]),
      );
      expect(message).toContain(`member "${name}" ${why}; nothing was extracted.`);
    }
  });

  it('refuses a member that declares 1 GiB before inflating anything', async () => {
    const bomb = { name: 'evidence/zeros.txt', deflated: zeroBomb(1024), size: GIB, crc: 0 };
    const message = await refusal('declared.zip', bundleOf([{ name: 'report.json', content: report }, bomb]));
    expect(message).toContain(
      `member "evidence/zeros.txt" declares ${GIB} bytes uncompressed; a member may have at most 33554432`,
    );
  });

  it('stops inflating a member that lies about its size (1 GiB of zeros declared as 1 KiB)', async () => {
    const bomb = { name: 'evidence/zeros.txt', deflated: zeroBomb(1024), size: 1024, crc: 0 };
    const manifest = craftManifest([
      { name: 'report.json', content: report },
      { name: 'evidence/zeros.txt', content: 'x' },
    ]);
    const started = performance.now();
    const message = await refusal('lying.zip', bundleOf([{ name: 'report.json', content: report }, bomb], manifest));
    // Inflating the whole GiB takes seconds; stopping at the bound takes a millisecond.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(message).toContain(
      'member "evidence/zeros.txt" inflates past its declared size of 1024 bytes (a zip bomb?)',
    );
  });

  it('refuses a newer bundleSchemaVersion with a clear message', async () => {
    const members = [{ name: 'report.json', content: report }];
    const path = join(dir, 'newer.zip');
    expect(await refusal('newer.zip', bundleOf(members, craftManifest(members, 2)))).toBe(
      `${path} is a bundle of version 2, made by a newer rdp-probe; this version reads bundle version 1: update rdp-probe.`,
    );
  });

  it('refuses a truncated zip', async () => {
    expect(await refusal('truncated.zip', good.subarray(0, Math.floor(good.length / 2)))).toContain(
      'it is not a complete zip archive (truncated or damaged: no end of central directory)',
    );
  });

  it('refuses a report.json that fails the schema', async () => {
    const broken = JSON.stringify({ ...sensitiveReport(), verdict: { reachable: 'maybe' } });
    const path = join(dir, 'schema.zip');
    expect(await refusal('schema.zip', bundleOf([{ name: 'report.json', content: broken }]))).toMatch(
      new RegExp(`^report\\.json in ${literal(path)} is not an rdp-probe report: at verdict\\.reachable, `),
    );
  });

  it('refuses a member whose SHA-256 does not match the manifest', async () => {
    const manifest = craftManifest([{ name: 'report.json', content: report }]);
    const tampered = report.replace('"reachable":"no"', '"reachable":"yes"');
    expect(await refusal('checksum.zip', bundleOf([{ name: 'report.json', content: tampered }], manifest))).toContain(
      'member "report.json" does not match its SHA-256 in manifest.json (altered or damaged)',
    );
  });

  it('refuses a member the manifest does not list', async () => {
    const listed = [{ name: 'report.json', content: report }];
    const bytes = bundleOf([...listed, { name: 'evidence/extra.txt', content: 'x' }], craftManifest(listed));
    expect(await refusal('unlisted.zip', bytes)).toContain(
      'member "evidence/extra.txt" is not listed in manifest.json',
    );
  });

  it('refuses a file over the size bound without reading it', async () => {
    const path = join(dir, 'huge.zip');
    await writeFile(path, good);
    await truncate(path, 65 * 1024 * 1024);
    const result = await readBundle(path);
    expect(result.kind === 'err' && result.error.message).toBe(
      `${path} is ${65 * 1024 * 1024} bytes; an rdp-probe bundle (.zip) is expected to be under 65536 KiB.`,
    );
  });

  it('refuses a file that is neither a zip nor a report', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'hello');
    const result = await readReportOrBundle(path);
    expect(result.kind === 'err' && result.error.message).toMatch(
      new RegExp(`^${literal(path)} is not JSON \\(.*\\); expected a report saved with --json\\.$`),
    );
  });
});
