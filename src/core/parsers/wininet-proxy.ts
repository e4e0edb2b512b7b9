import { splitBypassList } from '../proxy/bypass-list.js';
import type { OsManualProxy, OsProxySettings } from '../proxy/os-proxy.js';
import { parseProxyUrl } from '../proxy/proxy-url.js';

/**
 * Parses a Windows proxy server list as WinINET's ProxyServer and WinHTTP keep it: `host:port`, or
 * `http=h:p;https=h:p;socks=h:p` (entries split by `;` or spaces, as WinHTTP also accepts). A `socks=`
 * entry is SOCKS4, as WinINET speaks it. Unreadable entries are skipped.
 */
export function parseProxyServerList(server: string, input: string): OsManualProxy[] {
  const manual: OsManualProxy[] = [];
  for (const item of server.split(/[;\s]+/)) {
    if (item.trim() === '') continue;
    const [kind, where] = item.includes('=') ? item.split('=', 2) : ['all', item];
    const forKind = ({ https: 'https', http: 'http', socks: 'socks', all: 'all' } as const)[
      (kind ?? '').trim().toLowerCase() as 'https' | 'http' | 'socks' | 'all'
    ];
    if (forKind === undefined || where === undefined || where.trim() === '') continue;
    const scheme = forKind === 'socks' ? 'socks4' : 'http';
    const url = /^[a-z0-9]+:\/\//i.test(where.trim()) ? where.trim() : `${scheme}://${where.trim()}`;
    const parsed = parseProxyUrl(url, input);
    if (parsed.kind === 'ok') manual.push({ for: forKind, proxy: parsed.value });
  }
  return manual;
}

/**
 * Parses `reg query "HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"` (WinINET, what
 * Edge and most Windows apps use): ProxyEnable, ProxyServer (`host:port` or `http=h:p;https=h:p;socks=h:p`),
 * ProxyOverride and AutoConfigURL. "Automatically detect settings" lives in a binary blob (see
 * `parseWininetConnectionFlags`); here `autoDetect` is read from an `AutoDetect` value when one is present.
 */
export function parseWininetProxy(text: string): OsProxySettings {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s+(\S+)\s+REG_(?:SZ|DWORD|EXPAND_SZ)\s+(.*)$/.exec(raw);
    if (match?.[1] !== undefined) values.set(match[1].toLowerCase(), (match[2] ?? '').trim());
  }
  const dword = (key: string) => Number.parseInt(values.get(key) ?? '0', 16) === 1 || values.get(key) === '1';
  const server = values.get('proxyserver') ?? '';
  const manual = dword('proxyenable') && server !== '' ? parseProxyServerList(server, 'ProxyServer') : [];
  const pac = values.get('autoconfigurl');
  return {
    manual,
    pacUrl: pac !== undefined && pac !== '' ? pac : null,
    autoDetect: values.has('autodetect') && dword('autodetect'),
    bypass: dword('proxyenable') ? splitBypassList(values.get('proxyoverride') ?? '') : [],
  };
}

/** WinINET's connection flags (`INTERNET_PER_CONN_FLAGS`) in DefaultConnectionSettings. */
const PROXY_TYPE_AUTO_DETECT = 0x08;

/**
 * Reads "Automatically detect settings" (WPAD) from `reg query "HKCU\…\Internet Settings\Connections"
 * /v DefaultConnectionSettings`: a REG_BINARY whose third little-endian DWORD holds the connection flags
 * (1 direct, 2 manual proxy, 4 auto-config URL, 8 auto-detect). Null when the value is absent or too short.
 */
export function parseWininetConnectionFlags(text: string): { readonly autoDetect: boolean } | null {
  const match = /^\s+DefaultConnectionSettings\s+REG_BINARY\s+([0-9A-Fa-f]+)\s*$/m.exec(text);
  const hex = match?.[1];
  if (hex === undefined || hex.length < 24) return null;
  const flags = Number.parseInt(hex.slice(16, 18), 16);
  return { autoDetect: (flags & PROXY_TYPE_AUTO_DETECT) !== 0 };
}
