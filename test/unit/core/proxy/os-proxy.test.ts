import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGnomeProxy } from '../../../../src/core/parsers/gnome-proxy.js';
import { parseScutilProxy } from '../../../../src/core/parsers/scutil-proxy.js';
import { parseWininetProxy } from '../../../../src/core/parsers/wininet-proxy.js';
import { resolveOsProxy } from '../../../../src/core/proxy/os-proxy.js';
import { parsePacResult } from '../../../../src/core/proxy/pac-result.js';
import { proxyLabel } from '../../../../src/core/proxy/proxy-url.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', name), 'utf8');
const labels = (manual: readonly { for: string; proxy: Parameters<typeof proxyLabel>[0] }[]) =>
  manual.map((m) => `${m.for} ${proxyLabel(m.proxy)}`);

describe('macOS scutil --proxy', () => {
  it('reads manual proxies, exceptions and simple-host exclusion', () => {
    const settings = parseScutilProxy(fixture('macos/scutil-proxy.txt'));
    expect(labels(settings.manual)).toEqual([
      'https http://proxy.corp.example.com:8443',
      'http http://proxy.corp.example.com:8080',
    ]);
    expect(settings).toMatchObject({ pacUrl: null, autoDetect: false });
    expect(settings.bypass).toEqual(['*.local', '169.254/16', '*.corp.example.com', '<local>']);
    const result = resolveOsProxy('macos', settings, 'vm.example.com', 3389, null);
    expect(result.verdict).toMatchObject({
      via: 'proxy',
      reason: 'the macos https proxy is http://proxy.corp.example.com:8443',
    });
    expect(resolveOsProxy('macos', settings, 'rdp.corp.example.com', 3389, null).verdict?.via).toBe('direct');
  });

  it('reads the PAC URL, and the PAC answer decides over manual settings', () => {
    const settings = parseScutilProxy(fixture('macos/scutil-proxy-pac.txt'));
    expect(settings).toMatchObject({ manual: [], pacUrl: 'http://wpad.corp.example.com/wpad.dat' });
    const pac = {
      kind: 'answered' as const,
      url: settings.pacUrl ?? '',
      result: 'DIRECT',
      choices: parsePacResult('DIRECT'),
    };
    expect(resolveOsProxy('macos', settings, 'vm.example.com', 3389, pac).verdict).toEqual({
      via: 'direct',
      proxy: null,
      reason: 'the PAC file http://wpad.corp.example.com/wpad.dat says DIRECT',
    });
  });
});

describe('Windows WinINET registry (reg query)', () => {
  it('reads per-protocol ProxyServer, ProxyOverride and AutoConfigURL', () => {
    const settings = parseWininetProxy(fixture('windows/reg-query-internet-settings.txt'));
    expect(labels(settings.manual)).toEqual([
      'http http://proxy.corp.example.com:8080',
      'https http://proxy.corp.example.com:8443',
      'socks socks4://socks.corp.example.com:1080',
    ]);
    expect(settings.bypass).toEqual(['*.corp.example.com', '10.*', '<local>']);
    expect(settings.pacUrl).toBe('http://pac.corp.example.com/proxy.pac');
    const failed = {
      kind: 'failed' as const,
      url: 'http://pac.corp.example.com/proxy.pac',
      reason: 'not fetched (--no-external)',
    };
    const result = resolveOsProxy('windows', settings, '10.1.2.3', 3389, failed);
    expect(result.verdict).toMatchObject({ via: 'direct', reason: 'the windows bypass entry "10.*" matches 10.1.2.3' });
    expect(result.detail).toContain('PAC not evaluated: not fetched (--no-external)');
  });

  it('ignores ProxyServer when ProxyEnable is 0', () => {
    const settings = parseWininetProxy(fixture('windows/reg-query-proxy-off.txt'));
    expect(settings).toEqual({ manual: [], pacUrl: null, autoDetect: false, bypass: [] });
    expect(resolveOsProxy('windows', settings, 'vm', 3389, null)).toMatchObject({ state: 'none', verdict: null });
  });
});

describe('GNOME gsettings', () => {
  it('reads nothing when mode is none (real output)', () => {
    expect(parseGnomeProxy(fixture('linux/gsettings-proxy-none.txt'))).toEqual({
      manual: [],
      pacUrl: null,
      autoDetect: false,
      bypass: [],
    });
  });

  it('reads the manual HTTPS proxy and ignore-hosts', () => {
    const settings = parseGnomeProxy(fixture('linux/gsettings-proxy-manual.txt'));
    expect(labels(settings.manual)).toEqual(['https http://proxy.corp.example.com:3128']);
    expect(settings.bypass).toEqual(['localhost', '127.0.0.0/8', '::1', '*.corp.example.com']);
  });

  it('reads a PAC URL in auto mode', () => {
    const text =
      "org.gnome.system.proxy mode 'auto'\norg.gnome.system.proxy autoconfig-url 'http://pac.example.com/p.pac'\n";
    expect(parseGnomeProxy(text)).toMatchObject({ pacUrl: 'http://pac.example.com/p.pac', autoDetect: false });
  });
});
