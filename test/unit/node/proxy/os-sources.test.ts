import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { osSources } from '../../../../src/node/proxy/os-sources.js';
import type { DiscoveryContext } from '../../../../src/node/proxy/proxy-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rpt-kde-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** No lookups leave the test: --no-external, and the DNS domain is given. */
const context: DiscoveryContext = {
  host: 'vm.example.com',
  port: 3389,
  url: 'https://vm.example.com:3389/',
  timeoutMs: 2000,
  signal: AbortSignal.timeout(5000),
  external: false,
};
const domains = { hostname: () => 'laptop.corp.example', resolvConf: async () => null, env: {} };

function kde(env: Record<string, string>) {
  const source = osSources('linux', { env, domains }).find((s) => s.name === 'kde');
  if (source === undefined) throw new Error('no kde source');
  return source;
}

describe('OS proxy sources', () => {
  it('lists WinINET then WinHTTP on Windows, GNOME and KDE on Linux (KDE first in a KDE session)', () => {
    expect(osSources('win32', { env: {}, domains }).map((s) => s.name)).toEqual(['windows', 'winhttp']);
    expect(osSources('darwin', { env: {}, domains }).map((s) => s.name)).toEqual(['macos']);
    expect(osSources('linux', { env: {}, domains }).map((s) => s.name)).toEqual(['gnome', 'kde']);
    expect(osSources('linux', { env: { XDG_CURRENT_DESKTOP: 'KDE' }, domains }).map((s) => s.name)).toEqual([
      'kde',
      'gnome',
    ]);
  });

  it('KDE: skipped without a session or a file, none in a KDE session without one', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(await kde({ XDG_CONFIG_HOME: empty }).discover(context)).toMatchObject({ state: 'skipped' });
    expect(await kde({ XDG_CONFIG_HOME: empty, XDG_CURRENT_DESKTOP: 'KDE' }).discover(context)).toMatchObject({
      state: 'none',
      verdict: null,
    });
  });

  it('KDE: reads ~/.config/kioslaverc outside a KDE session too', async () => {
    mkdirSync(join(dir, 'home', '.config'), { recursive: true });
    writeFileSync(
      join(dir, 'home', '.config', 'kioslaverc'),
      '[Proxy Settings]\nProxyType=1\nhttpsProxy=http://198.51.100.10 3128\nNoProxyFor=.corp.example\n',
    );
    const result = await kde({ HOME: join(dir, 'home') }).discover(context);
    expect(result).toMatchObject({
      source: 'kde',
      state: 'found',
      verdict: { via: 'proxy', proxy: { host: '198.51.100.10', port: 3128 } },
    });
  });

  it('KDE auto-detection (ProxyType 3) discloses the WPAD names and, with --no-external, looks none up', async () => {
    const config = join(dir, 'wpad');
    mkdirSync(config);
    writeFileSync(join(config, 'kioslaverc'), '[Proxy Settings]\nProxyType=3\n');
    const result = await kde({ XDG_CONFIG_HOME: config }).discover(context);
    expect(result.detail).toBe('WPAD auto-detect on, not tried: --no-external');
    expect(result.verdict).toBeNull();
    expect(result.thirdParties).toEqual([
      expect.objectContaining({ endpoint: 'http://wpad.corp.example/wpad.dat', contacted: false }),
    ]);
  });

  it('Windows commands missing (not on Windows) make the sources skip, not fail', async () => {
    if (process.platform === 'win32') return;
    for (const source of osSources('win32', { env: {}, domains })) {
      expect(await source.discover(context)).toMatchObject({ state: 'skipped' });
    }
  });
});
