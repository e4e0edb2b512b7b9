import { describe, expect, it } from 'vitest';
import { matchBypass, splitBypassList } from '../../../../src/core/proxy/bypass-list.js';
import { combineDiscovery } from '../../../../src/core/proxy/combine-discovery.js';
import { resolveEnvProxy } from '../../../../src/core/proxy/env-proxy.js';
import { parsePacResult } from '../../../../src/core/proxy/pac-result.js';
import { maskCredentials, parseProxyUrl, proxyLabel } from '../../../../src/core/proxy/proxy-url.js';

describe('proxy URLs', () => {
  it('parses schemes, bare host:port, default ports and credentials', () => {
    expect(parseProxyUrl('proxy.example.com:3128', 'HTTPS_PROXY')).toEqual({
      kind: 'ok',
      value: { scheme: 'http', host: 'proxy.example.com', port: 3128, username: null, password: null },
    });
    expect(parseProxyUrl('socks5h://u%40x:p%3Aw@[2001:db8::1]', '--proxy')).toEqual({
      kind: 'ok',
      value: { scheme: 'socks5', host: '2001:db8::1', port: 1080, username: 'u@x', password: 'p:w' },
    });
    const https = parseProxyUrl('https://proxy.example.com', '--proxy');
    expect(https.kind === 'ok' && proxyLabel(https.value)).toBe('https://proxy.example.com:443');
  });

  it('names the input in one line and never repeats the credentials', () => {
    const bad = parseProxyUrl('ftp://user:hunter2@proxy.example.com:21', '--proxy');
    expect(bad).toMatchObject({ kind: 'err', error: { input: '--proxy' } });
    expect(bad.kind === 'err' && bad.error.message).toBe(
      '--proxy: "ftp://***@proxy.example.com:21" has an unsupported scheme; expected http, https, socks4 or socks5.',
    );
    expect(parseProxyUrl('http://proxy.example.com:3128/path', '--proxy').kind).toBe('err');
    expect(parseProxyUrl('http://proxy.example.com:99999', '--proxy').kind).toBe('err');
  });

  it('masks user:pass@ anywhere in text', () => {
    expect(maskCredentials('PAC http://me:pw@pac.example.com/x.pac and me:pw@proxy:8080')).toBe(
      'PAC http://***@pac.example.com/x.pac and me:pw@proxy:8080',
    );
    expect(maskCredentials('me:pw@proxy:8080')).toBe('***@proxy:8080');
  });
});

describe('bypass lists (NO_PROXY, ProxyOverride, ExceptionsList, ignore-hosts)', () => {
  const list = splitBypassList('localhost, .corp.example.com;*.lab.example.net 10.0.0.0/8 vm.example.org:3389 <local>');
  it.each([
    ['corp.example.com', 3389, '.corp.example.com'],
    ['vm.corp.example.com', 3389, '.corp.example.com'],
    ['lab.example.net', 3389, '*.lab.example.net'],
    ['a.b.lab.example.net', 3389, '*.lab.example.net'],
    ['10.1.2.3', 3389, '10.0.0.0/8'],
    ['vm.example.org', 3389, 'vm.example.org:3389'],
    ['myvm', 3389, '<local>'],
  ])('%s:%d matches %s', (host, port, entry) => {
    expect(matchBypass(list, host, port)).toBe(entry);
  });
  it.each([
    ['vm.example.org', 443],
    ['notcorp.example.com', 3389],
    ['11.1.2.3', 3389],
    ['vm.example.com', 3389],
  ])('%s:%d does not match', (host, port) => {
    expect(matchBypass(list, host, port)).toBeNull();
  });
  it('matches everything with *', () => {
    expect(matchBypass(['*'], '203.0.113.5', 3389)).toBe('*');
  });
});

describe('proxies from the environment', () => {
  it('prefers HTTPS_PROXY, lowercase first, and lists every distinct proxy', () => {
    const env = {
      HTTPS_PROXY: 'http://upper.example.com:1',
      https_proxy: 'http://user:pw@lower.example.com:3128',
      HTTP_PROXY: 'http://plain.example.com:8080',
    };
    const result = resolveEnvProxy(env, 'vm.example.com', 3389);
    expect(result.proxies.map(proxyLabel)).toEqual(['http://lower.example.com:3128', 'http://plain.example.com:8080']);
    expect(result.verdict).toMatchObject({ via: 'proxy', reason: 'https_proxy is http://lower.example.com:3128' });
    expect(result.detail).not.toContain('pw');
  });

  it('goes direct when NO_PROXY matches, and says which entry', () => {
    const result = resolveEnvProxy(
      { ALL_PROXY: 'socks5://198.51.100.1', no_proxy: 'localhost,.example.com' },
      'vm.example.com',
      3389,
    );
    expect(result.verdict).toEqual({
      via: 'direct',
      proxy: null,
      reason: 'no_proxy entry ".example.com" matches vm.example.com',
    });
  });

  it('reports a malformed variable without failing and with no proxy when none is set', () => {
    expect(resolveEnvProxy({ HTTPS_PROXY: 'gopher://x' }, 'vm', 3389)).toMatchObject({ state: 'error', verdict: null });
    expect(resolveEnvProxy({}, 'vm', 3389)).toMatchObject({ state: 'none', verdict: null, proxies: [] });
  });
});

describe('PAC answers', () => {
  it('parses PROXY, SOCKS and DIRECT in order, skipping junk', () => {
    expect(
      parsePacResult('PROXY proxy.example.com:3128; SOCKS5 198.51.100.2:1080;junk; HTTPS [2001:db8::1]:443; DIRECT'),
    ).toEqual([
      {
        kind: 'proxy',
        proxy: { scheme: 'http', host: 'proxy.example.com', port: 3128, username: null, password: null },
      },
      { kind: 'proxy', proxy: { scheme: 'socks5', host: '198.51.100.2', port: 1080, username: null, password: null } },
      { kind: 'proxy', proxy: { scheme: 'https', host: '2001:db8::1', port: 443, username: null, password: null } },
      { kind: 'direct' },
    ]);
    expect(parsePacResult('')).toEqual([{ kind: 'direct' }]);
  });
});

describe('combining the sources', () => {
  it('lets the first source with an opinion decide and tests every distinct proxy, credentials masked', () => {
    const env = resolveEnvProxy({ HTTPS_PROXY: 'http://u:pw@proxy.example.com:3128' }, 'vm.example.com', 3389);
    const none = {
      source: 'gnome' as const,
      state: 'none' as const,
      detail: 'no proxy configured',
      proxies: [],
      verdict: null,
      thirdParties: [],
    };
    const { evidence, proxies } = combineDiscovery([none, env], 'https://vm.example.com:3389/', 3);
    expect(proxies).toHaveLength(1);
    expect(evidence.decision).toEqual({
      via: 'proxy',
      proxy: 'http://proxy.example.com:3128',
      source: 'env',
      reason: 'HTTPS_PROXY is http://proxy.example.com:3128',
    });
    expect(evidence.proxies).toEqual([
      { url: 'http://proxy.example.com:3128', scheme: 'http', source: 'env', withCredentials: true },
    ]);
    expect(JSON.stringify(evidence)).not.toContain('pw');
  });
});
