import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FULL_REDACTION, NO_REDACTION } from '../../../src/core/bundle/redaction-categories.js';
import { readBundle } from '../../../src/node/bundle/read-bundle.js';
import { writeBundle } from '../../../src/node/bundle/write-bundle.js';
import { sensitiveReport } from '../../support/bundle-report.js';

describe('writeBundle (files on disk)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to overwrite an existing file, names it and --force, and leaves it untouched', async () => {
    const path = join(dir, 'probe.zip');
    await writeFile(path, 'precious');
    const result = await writeBundle(sensitiveReport(), { path, force: false, redaction: NO_REDACTION });
    expect(result.kind === 'err' && result.error).toEqual({
      kind: 'input-error',
      input: '--out',
      message: `${path} already exists; choose another name or add --force to overwrite it.`,
    });
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect(await readdir(dir)).toEqual(['probe.zip']);
  });

  it('overwrites with force, atomically, leaving no temp file', async () => {
    const path = join(dir, 'probe.zip');
    await writeFile(path, 'old');
    const result = await writeBundle(sensitiveReport(), { path, force: true, redaction: FULL_REDACTION });
    expect(result.kind === 'ok' && result.value.bytes).toBe((await readFile(path)).length);
    expect((await readBundle(path)).kind).toBe('ok');
    expect(await readdir(dir)).toEqual(['probe.zip']);
  });

  it('reports a missing folder or a folder in the way, and writes nothing', async () => {
    const missing = await writeBundle(sensitiveReport(), {
      path: join(dir, 'no-such-folder', 'probe.zip'),
      force: false,
      redaction: NO_REDACTION,
    });
    expect(missing.kind === 'err' && missing.error.message).toBe(
      `Cannot write ${join(dir, 'no-such-folder', 'probe.zip')}: its folder does not exist.`,
    );
    await mkdir(join(dir, 'taken.zip'));
    const folder = await writeBundle(sensitiveReport(), {
      path: join(dir, 'taken.zip'),
      force: true,
      redaction: NO_REDACTION,
    });
    expect(folder.kind === 'err' && folder.error.message).toMatch(/^Cannot write .*taken\.zip: /);
    expect(await readdir(dir)).toEqual(['taken.zip']);
  });

  it('refuses binary or unsafely named evidence before writing anything', async () => {
    const path = join(dir, 'probe.zip');
    const binary = await writeBundle(sensitiveReport(), {
      path,
      force: false,
      redaction: NO_REDACTION,
      evidenceFiles: [{ name: 'blob.bin', content: new Uint8Array([0xff, 0xfe, 0x00]) }],
    });
    expect(binary.kind === 'err' && binary.error.message).toBe(
      'Evidence file blob.bin is not UTF-8 text; bundles carry text only.',
    );
    const traversal = await writeBundle(sensitiveReport(), {
      path,
      force: false,
      redaction: NO_REDACTION,
      evidenceFiles: [{ name: '../../escape.txt', content: 'x' }],
    });
    expect(traversal.kind === 'err' && traversal.error.message).toBe(
      'Evidence file name ../../escape.txt climbs out of the bundle (path traversal with ..).',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
