import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKdeProxy } from '../../../../src/core/parsers/kde-proxy.js';
import { resolveOsProxy } from '../../../../src/core/proxy/os-proxy.js';
import { parsePacResult } from '../../../../src/core/proxy/pac-result.js';
import { proxyLabel } from '../../../../src/core/proxy/proxy-url.js';
import { describeWpad, machineDnsDomains, wpadCandidates, wpadThirdParty } from '../../../../src/core/proxy/wpad.js';

// The kioslaverc fixtures are hand-written in the format KDE's proxy settings page writes (the port after
// a space, `socks://` for SOCKS) and the one scripts write with kwriteconfig (`host:port`).
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'linux', name), 'utf8');
const labels = (manual: readonly { for: string; proxy: Parameters<typeof proxyLabel>[0] }[]) =>
  manual.map((m) => `${m.for} ${proxyLabel(m.proxy)}`);

describe('KDE kioslaverc', () => {
  it('reads manual proxies written as "http://host port", and NoProxyFor', () => {
    const { type, settings } = parseKdeProxy(fixture('kioslaverc-manual'), {});
    expect(type).toBe('manual');
    expect(labels(settings.manual)).toEqual([
      'https http://proxy.corp.example.com:3129',
      'http http://proxy.corp.example.com:3128',
      'socks socks5://socks.corp.example.com:1080',
    ]);
    expect(settings.bypass).toEqual(['localhost', '127.0.0.1', '.corp.example.com']);
    expect(settings.reversedBypass).toBeUndefined();
    expect(resolveOsProxy('kde', settings, 'vm.example.com', 3389, null).verdict).toMatchObject({
      via: 'proxy',
      reason: 'the kde https proxy is http://proxy.corp.example.com:3129',
    });
    expect(resolveOsProxy('kde', settings, 'rdp.corp.example.com', 3389, null).verdict?.via).toBe('direct');
  });

  it('ReversedException: the proxy only for the listed hosts', () => {
    const { settings } = parseKdeProxy(fixture('kioslaverc-reversed'), {});
    expect(settings.reversedBypass).toBe(true);
    expect(resolveOsProxy('kde', settings, 'vm.azure.example.com', 3389, null).verdict).toMatchObject({
      via: 'proxy',
      proxy: { host: 'proxy.corp.example.com', port: 8080 },
    });
    expect(resolveOsProxy('kde', settings, 'other.example.com', 3389, null).verdict).toMatchObject({
      via: 'direct',
      reason: expect.stringContaining('only for the hosts it lists'),
    });
  });

  it('environment mode reads the variables the entries name', () => {
    const env = { HTTPS_PROXY: 'http://198.51.100.7:3128', NO_PROXY: '.corp.example.com' };
    const { type, settings } = parseKdeProxy(fixture('kioslaverc-env'), env);
    expect(type).toBe('environment');
    expect(labels(settings.manual)).toEqual(['https http://198.51.100.7:3128']);
    expect(settings.bypass).toEqual(['.corp.example.com']);
    expect(parseKdeProxy(fixture('kioslaverc-env'), {}).settings.manual).toEqual([]);
  });

  it('PAC, WPAD, none, flags on keys and groups, other groups ignored', () => {
    expect(parseKdeProxy('[Proxy Settings]\nProxyType=2\nProxy Config Script=http://pac.example/p.pac\n', {})).toEqual({
      type: 'pac',
      settings: { manual: [], pacUrl: 'http://pac.example/p.pac', autoDetect: false, bypass: [] },
    });
    expect(
      parseKdeProxy('[Proxy Settings][$i]\nProxyType[$e]=2\nProxy Config Script=file:///etc/proxy%20x.pac\n', {})
        .settings.pacUrl,
    ).toBe('/etc/proxy x.pac');
    expect(parseKdeProxy('[Proxy Settings]\nProxyType=3\n', {}).settings.autoDetect).toBe(true);
    expect(parseKdeProxy('[Other]\nProxyType=1\nhttpProxy=a:1\n', {}).type).toBe('none');
    expect(parseKdeProxy('[Proxy Settings]\nProxyType=0\nhttpProxy=http://p 1\n', {}).settings.manual).toEqual([]);
    expect(parseKdeProxy('', {}).type).toBe('none');
  });
});

describe('WPAD over DNS', () => {
  it('finds the DNS domains from the host name, USERDNSDOMAIN and resolv.conf', () => {
    expect(
      machineDnsDomains({
        hostname: 'laptop.eu.corp.example',
        envDomain: 'CORP.EXAMPLE',
        resolvConf: 'nameserver 198.51.100.53\ndomain eu.corp.example\nsearch lab.example corp.example. # comment\n',
      }),
    ).toEqual(['eu.corp.example', 'corp.example', 'lab.example']);
    expect(machineDnsDomains({ hostname: 'laptop', envDomain: undefined, resolvConf: null })).toEqual([]);
  });

  it('devolves to suffixes of two labels or more, never a top-level domain, and caps the list', () => {
    expect(wpadCandidates(['a.eu.corp.example', 'corp.example', 'lab.example'])).toEqual([
      'wpad.a.eu.corp.example',
      'wpad.eu.corp.example',
      'wpad.corp.example',
      'wpad.lab.example',
    ]);
    expect(wpadCandidates(['local'])).toEqual([]);
    expect(wpadCandidates(['a.b.c.d.e.f.g.h.example'])).toHaveLength(6);
  });

  it('a script found by WPAD decides before the configured PAC and the manual proxy', () => {
    const settings = { manual: [], pacUrl: 'http://pac.corp.example/p.pac', autoDetect: true, bypass: [] };
    const wpadPac = {
      kind: 'answered' as const,
      url: 'http://wpad.corp.example/wpad.dat',
      result: 'PROXY 198.51.100.10:3128',
      choices: parsePacResult('PROXY 198.51.100.10:3128'),
    };
    const result = resolveOsProxy('windows', settings, 'vm.example.com', 3389, null, {
      kind: 'found',
      url: wpadPac.url,
      pac: wpadPac,
      tried: ['http://wpad.corp.example/wpad.dat served a script'],
    });
    expect(result.verdict).toMatchObject({
      via: 'proxy',
      reason: 'the WPAD file http://wpad.corp.example/wpad.dat says "PROXY 198.51.100.10:3128"',
    });
    expect(result.detail).toContain('WPAD found http://wpad.corp.example/wpad.dat');
    const none = resolveOsProxy('macos', { ...settings, pacUrl: null }, 'vm', 3389, null, {
      kind: 'not-found',
      tried: ['wpad.corp.example: no such name'],
    });
    expect(none).toMatchObject({ state: 'found', verdict: null });
    expect(none.detail).toBe('WPAD auto-detect on, no script found (wpad.corp.example: no such name)');
    expect(describeWpad({ kind: 'skipped', reason: '--no-external' })).toBe(
      'WPAD auto-detect on, not tried: --no-external',
    );
  });

  it('discloses each WPAD name as a third party', () => {
    expect(wpadThirdParty('wpad.corp.example', false)).toMatchObject({
      endpoint: 'http://wpad.corp.example/wpad.dat',
      contacted: false,
      sends: expect.stringContaining('DNS lookup of wpad.corp.example'),
    });
  });
});
