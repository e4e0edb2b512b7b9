import { splitBypassList } from '../proxy/bypass-list.js';
import type { OsManualProxy, OsProxySettings } from '../proxy/os-proxy.js';
import { parseProxyUrl } from '../proxy/proxy-url.js';

/**
 * Parses `reg query "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"` (WinINET, what
 * Edge and most Windows apps use): ProxyEnable, ProxyServer (`host:port` or `http=h:p;https=h:p;socks=h:p`),
 * ProxyOverride and AutoConfigURL. AutoDetect lives in a binary blob; `autoDetect` is read from an
 * `AutoDetect` value when one is present.
 */
export function parseWininetProxy(text: string): OsProxySettings {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s+(\S+)\s+REG_(?:SZ|DWORD|EXPAND_SZ)\s+(.*)$/.exec(raw);
    if (match?.[1] !== undefined) values.set(match[1].toLowerCase(), (match[2] ?? '').trim());
  }
  const dword = (key: string) => Number.parseInt(values.get(key) ?? '0', 16) === 1 || values.get(key) === '1';
  const manual: OsManualProxy[] = [];
  const server = values.get('proxyserver') ?? '';
  if (dword('proxyenable') && server !== '') {
    for (const item of server.split(';')) {
      const [kind, where] = item.includes('=') ? item.split('=', 2) : ['all', item];
      const forKind = ({ https: 'https', http: 'http', socks: 'socks', all: 'all' } as const)[
        (kind ?? '').trim().toLowerCase() as 'https' | 'http' | 'socks' | 'all'
      ];
      if (forKind === undefined || where === undefined || where.trim() === '') continue;
      const scheme = forKind === 'socks' ? 'socks4' : 'http';
      const url = /^[a-z0-9]+:\/\//i.test(where.trim()) ? where.trim() : `${scheme}://${where.trim()}`;
      const parsed = parseProxyUrl(url, 'ProxyServer');
      if (parsed.kind === 'ok') manual.push({ for: forKind, proxy: parsed.value });
    }
  }
  const pac = values.get('autoconfigurl');
  return {
    manual,
    pacUrl: pac !== undefined && pac !== '' ? pac : null,
    autoDetect: values.has('autodetect') && dword('autodetect'),
    bypass: dword('proxyenable') ? splitBypassList(values.get('proxyoverride') ?? '') : [],
  };
}
