import { splitBypassList } from '../proxy/bypass-list.js';
import type { OsManualProxy, OsProxySettings } from '../proxy/os-proxy.js';
import { parseProxyUrl } from '../proxy/proxy-url.js';

/** KDE's `ProxyType`: what the "Proxy" settings page is set to. */
export type KdeProxyType = 'none' | 'manual' | 'pac' | 'wpad' | 'environment';

const TYPES: Readonly<Record<string, KdeProxyType>> = {
  '0': 'none',
  '1': 'manual',
  '2': 'pac',
  '3': 'wpad',
  '4': 'environment',
};

/** KDE's proxy settings, parsed, and the mode they came from. */
export interface KdeProxySettings {
  readonly type: KdeProxyType;
  readonly settings: OsProxySettings;
}

/** The `[Proxy Settings]` group of a KConfig file as key → value (`key[$e]` suffixes dropped, later keys win). */
function proxyGroup(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let inGroup = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      // `[Proxy Settings]`, also with KConfig flags such as `[Proxy Settings][$i]`.
      inGroup = /^\[Proxy Settings\](?:\[\$[a-z]+\])*$/.test(line);
      continue;
    }
    if (!inGroup || line.startsWith('#') || line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line
      .slice(0, eq)
      .trim()
      .replace(/\[[^\]]*\]$/, '');
    values.set(key, line.slice(eq + 1).trim());
  }
  return values;
}

/**
 * A KDE proxy entry as the settings page writes it, `http://host port` (the port after a space), or as
 * scripts write it, `host:port` or `scheme://user:pass@host:port`.
 */
function kdeProxyUrl(value: string, scheme: 'http' | 'socks5'): string {
  const spaced = /^(\S+?)\/?\s+(\d{1,5})$/.exec(value);
  const joined = spaced === null ? value : `${spaced[1]}:${spaced[2]}`;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(joined) ? joined : `${scheme}://${joined}`;
}

/** A PAC location from `Proxy Config Script`: a URL, or a local path (also as a `file://` URL). */
function pacLocation(value: string): string | null {
  const trimmed = value.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '') return null;
  if (/^file:\/\//i.test(trimmed)) {
    try {
      return decodeURIComponent(new URL(trimmed).pathname);
    } catch {
      return null;
    }
  }
  return trimmed;
}

/**
 * Parses KDE's `kioslaverc` (`~/.config/kioslaverc`, what KIO, Konqueror and Plasma apps use), group
 * `[Proxy Settings]`: `ProxyType` 0 none, 1 manual (`httpProxy`, `httpsProxy`, `socksProxy`), 2 a PAC
 * script (`Proxy Config Script`), 3 WPAD auto-detection, 4 the environment (the entries then name the
 * variables to read, looked up in `env`); `NoProxyFor` and `ReversedException` (the proxy is used only
 * for the listed hosts). A missing or unknown type is none, as KDE treats it.
 */
export function parseKdeProxy(text: string, env: Readonly<Record<string, string | undefined>>): KdeProxySettings {
  const values = proxyGroup(text);
  const type = TYPES[values.get('ProxyType') ?? '0'] ?? 'none';
  const none = { manual: [], pacUrl: null, autoDetect: false, bypass: [] };
  if (type === 'none') return { type, settings: none };
  if (type === 'pac')
    return { type, settings: { ...none, pacUrl: pacLocation(values.get('Proxy Config Script') ?? '') } };
  if (type === 'wpad') return { type, settings: { ...none, autoDetect: true } };
  // Environment mode: each entry names a variable (HTTP_PROXY…), read from the environment KDE apps inherit.
  const fromEnv = type === 'environment';
  const read = (key: string): string => {
    const value = values.get(key) ?? '';
    if (!fromEnv) return value;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? (env[value]?.trim() ?? '') : '';
  };
  const manual: OsManualProxy[] = [];
  for (const [key, kind, scheme] of [
    ['httpsProxy', 'https', 'http'],
    ['httpProxy', 'http', 'http'],
    ['socksProxy', 'socks', 'socks5'],
  ] as const) {
    const value = read(key);
    if (value === '') continue;
    const parsed = parseProxyUrl(kdeProxyUrl(value, scheme), `kioslaverc ${key}`);
    if (parsed.kind === 'ok') manual.push({ for: kind, proxy: parsed.value });
  }
  return {
    type,
    settings: {
      manual,
      pacUrl: null,
      autoDetect: false,
      bypass: splitBypassList(read('NoProxyFor')),
      ...(values.get('ReversedException') === 'true' ? { reversedBypass: true } : {}),
    },
  };
}
