import type { OsManualProxy, OsProxySettings } from '../proxy/os-proxy.js';
import { parseProxyUrl } from '../proxy/proxy-url.js';

/** Unquotes a GVariant string (`'text'`) or returns the raw token (`8080`, `true`). */
function unquote(value: string): string {
  const match = /^'(.*)'$/.exec(value.trim());
  return match?.[1] !== undefined ? match[1].replace(/\\'/g, "'") : value.trim();
}

/**
 * Parses `gsettings list-recursively org.gnome.system.proxy` (GNOME): mode none, manual or auto; the
 * http, https and socks host and port; autoconfig-url; ignore-hosts.
 */
export function parseGnomeProxy(text: string): OsProxySettings {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^org\.gnome\.system\.proxy(\.[a-z]+)?\s+(\S+)\s+(.*)$/.exec(raw.trim());
    if (match?.[2] !== undefined) values.set(`${match[1]?.slice(1) ?? ''}.${match[2]}`, match[3] ?? '');
  }
  const mode = unquote(values.get('.mode') ?? "'none'");
  const manual: OsManualProxy[] = [];
  if (mode === 'manual') {
    for (const [group, kind, scheme] of [
      ['https', 'https', 'http'],
      ['http', 'http', 'http'],
      ['socks', 'socks', 'socks5'],
    ] as const) {
      const host = unquote(values.get(`${group}.host`) ?? "''");
      const port = Number(unquote(values.get(`${group}.port`) ?? '0'));
      if (host === '' || !(port > 0)) continue;
      const parsed = parseProxyUrl(`${scheme}://${host}:${port}`, 'gsettings');
      if (parsed.kind === 'ok') manual.push({ for: kind, proxy: parsed.value });
    }
  }
  const pac = unquote(values.get('.autoconfig-url') ?? "''");
  const ignore = [...(values.get('.ignore-hosts') ?? '').matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? '');
  return {
    manual,
    pacUrl: mode === 'auto' && pac !== '' ? pac : null,
    autoDetect: mode === 'auto' && pac === '',
    bypass: mode === 'none' ? [] : ignore,
  };
}
