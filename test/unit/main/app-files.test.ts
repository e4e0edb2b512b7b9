import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, resolveAppFile } from '../../../main/app-files.js';
import { filesFromArgv, MAX_RDP_FILE_BYTES, readOpenedFile } from '../../../main/open-file.js';

describe('app:// files', () => {
  const root = '/opt/app/renderer';
  it('maps the app URLs to files under the renderer root', () => {
    expect(resolveAppFile('app://rdp-probe/index.html', root)).toEqual({
      path: '/opt/app/renderer/index.html',
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://rdp-probe/', root)?.path).toBe('/opt/app/renderer/index.html');
    expect(resolveAppFile('app://rdp-probe/renderer.js?x=1', root)?.mimeType).toMatch(/javascript/);
    // The URL parser already folds a literal `..` into the root.
    expect(resolveAppFile('app://rdp-probe/../../main/main.js', root)?.path).toBe('/opt/app/renderer/main/main.js');
  });

  it.each([
    'app://rdp-probe/%2e%2e/%2e%2e/etc/passwd',
    'app://rdp-probe/..%2fmain%2fmain.js',
    'app://rdp-probe/a%5c..%5c..%5cx.js',
    'app://rdp-probe/%00.js',
    'app://rdp-probe/secret.json',
    'app://other/index.html',
    'file:///opt/app/renderer/index.html',
    'https://rdp-probe/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it('knows its own URLs', () => {
    expect(isAppUrl('app://rdp-probe/index.html')).toBe(true);
    expect(isAppUrl('app://rdp-probe.evil.example/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('files opened outside the page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-open-'));
  it('picks .rdp and bundle paths from argv', () => {
    expect(
      filesFromArgv(['/opt/RDP Probe/rdp-probe', '--flag', 'C:\\Users\\me\\vm.RDP', 'x.rdpprobe', 'y.txt']),
    ).toEqual(['C:\\Users\\me\\vm.RDP', 'x.rdpprobe']);
  });

  it('reads an .rdp file into the contract target, as bytes', async () => {
    const path = join(dir, 'vm.rdp');
    writeFileSync(path, 'full address:s:vm.example.com:3390\r\n');
    const opened = await readOpenedFile(path);
    expect(opened).toEqual({
      kind: 'target',
      target: {
        kind: 'rdp-file',
        name: 'vm.rdp',
        contentBase64: Buffer.from('full address:s:vm.example.com:3390\r\n').toString('base64'),
      },
    });
  });

  it('answers a bundle, a wrong type, a missing and an oversized file as values', async () => {
    expect(await readOpenedFile(join(dir, 'a.rdpprobe'))).toEqual({ kind: 'bundle', path: join(dir, 'a.rdpprobe') });
    expect(await readOpenedFile(join(dir, 'notes.txt'))).toMatchObject({ kind: 'unreadable' });
    expect(await readOpenedFile(join(dir, 'missing.rdp'))).toEqual({
      kind: 'unreadable',
      message: 'Could not read missing.rdp (ENOENT).',
    });
    const big = join(dir, 'big.rdp');
    writeFileSync(big, Buffer.alloc(MAX_RDP_FILE_BYTES + 1, 0x20));
    expect(await readOpenedFile(big)).toMatchObject({ kind: 'unreadable', message: /big\.rdp is \d+ bytes/ });
  });
});
