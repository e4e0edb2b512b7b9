import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWinhttpProxy } from '../../../../src/core/parsers/winhttp-proxy.js';
import { parseWininetConnectionFlags, parseWininetProxy } from '../../../../src/core/parsers/wininet-proxy.js';
import { resolveOsProxy } from '../../../../src/core/proxy/os-proxy.js';
import { proxyLabel } from '../../../../src/core/proxy/proxy-url.js';

// The netsh and DefaultConnectionSettings fixtures are hand-written, not captured on a Windows machine:
// the English layout follows Microsoft's documentation of `netsh winhttp show proxy` and output quoted in
// public scripts and tests; the German one uses the labels Windows prints in German
// ("Aktuelle WinHTTP-Proxyeinstellungen", "Proxyserver", "Umgehungsliste", "(keine)"). The parser reads
// them by structure, so the labels only have to be some text before a colon.
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'windows', name), 'utf8');
const labels = (manual: readonly { for: string; proxy: Parameters<typeof proxyLabel>[0] }[]) =>
  manual.map((m) => `${m.for} ${proxyLabel(m.proxy)}`);

describe('netsh winhttp show proxy', () => {
  it('reads direct access in English and German', () => {
    for (const name of ['netsh-winhttp-direct.txt', 'netsh-winhttp-direct-de.txt']) {
      expect(parseWinhttpProxy(fixture(name))).toEqual({
        kind: 'ok',
        value: { manual: [], pacUrl: null, autoDetect: false, bypass: [] },
      });
    }
  });

  it('reads per-protocol proxies and the bypass list (English)', () => {
    const parsed = parseWinhttpProxy(fixture('netsh-winhttp-proxy.txt'));
    if (parsed.kind !== 'ok') throw new Error(parsed.error);
    expect(labels(parsed.value.manual)).toEqual([
      'http http://proxy.corp.example.com:8080',
      'https http://proxy.corp.example.com:8443',
    ]);
    expect(parsed.value.bypass).toEqual(['*.corp.example.com', '10.*', '<local>']);
    const result = resolveOsProxy('winhttp', parsed.value, 'vm.example.com', 3389, null);
    expect(result.verdict).toMatchObject({
      via: 'proxy',
      reason: 'the winhttp https proxy is http://proxy.corp.example.com:8443',
    });
    expect(resolveOsProxy('winhttp', parsed.value, '10.1.2.3', 3389, null).verdict?.via).toBe('direct');
  });

  it('reads one proxy for all protocols and a localised "(none)" bypass list (German)', () => {
    const parsed = parseWinhttpProxy(fixture('netsh-winhttp-proxy-de.txt'));
    if (parsed.kind !== 'ok') throw new Error(parsed.error);
    expect(labels(parsed.value.manual)).toEqual(['all http://proxy.corp.example.com:3128']);
    expect(parsed.value.bypass).toEqual([]);
  });

  it('does not depend on the labels: other languages, IPv6 and a URL-style server', () => {
    const french =
      '\r\nParamètres de proxy WinHTTP actuels :\r\n\r\n    Serveur(s) proxy :  [2001:db8::8]:3128\r\n    Liste de contournement     :  (aucun)\r\n';
    const parsed = parseWinhttpProxy(french);
    expect(parsed.kind === 'ok' && labels(parsed.value.manual)).toEqual(['all http://[2001:db8::8]:3128']);
    const url = parseWinhttpProxy(
      'Current WinHTTP proxy settings:\n\n    Proxy Server(s) :  http://198.51.100.9:8080\n',
    );
    expect(url.kind === 'ok' && labels(url.value.manual)).toEqual(['all http://198.51.100.9:8080']);
  });

  it('calls unreadable output an error instead of guessing', () => {
    expect(parseWinhttpProxy('')).toMatchObject({ kind: 'err' });
    expect(parseWinhttpProxy('Error: something: went wrong\n')).toMatchObject({
      kind: 'err',
      error: expect.stringContaining('no proxy server'),
    });
  });
});

describe('WinINET "Automatically detect settings"', () => {
  it('reads the auto-detect flag from DefaultConnectionSettings', () => {
    expect(parseWininetConnectionFlags(fixture('reg-query-connections-autodetect.txt'))).toEqual({ autoDetect: true });
    expect(parseWininetConnectionFlags(fixture('reg-query-connections-direct.txt'))).toEqual({ autoDetect: false });
    expect(parseWininetConnectionFlags('ERROR: The system was unable to find the specified registry key')).toBeNull();
  });

  it('ProxyServer lists split by semicolons or spaces', () => {
    const text =
      '    ProxyEnable    REG_DWORD    0x1\n    ProxyServer    REG_SZ    http=proxy.example:80; https=proxy.example:443\n';
    expect(labels(parseWininetProxy(text).manual)).toEqual([
      'http http://proxy.example:80',
      'https http://proxy.example:443',
    ]);
  });
});
