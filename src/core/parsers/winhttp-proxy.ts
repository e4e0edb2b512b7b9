import { splitBypassList } from '../proxy/bypass-list.js';
import type { OsProxySettings } from '../proxy/os-proxy.js';
import { err, ok, type Result } from '../result.js';
import { parseProxyServerList } from './wininet-proxy.js';

/** A `label : value` line of netsh output: the label is localised, the value is not. */
const LABELLED = /^\s*([^:\r\n]+?)\s*:\s*(\S.*?)\s*$/;

/** A WinHTTP proxy list: `[scheme=][scheme://]host:port` entries split by `;` or spaces, each with its port. */
const PROXY_LIST =
  /^(?:(?:[a-z]+=)?(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\[[0-9a-f:.]+\]|[^\s;=:/[\]]+):\d{1,5}\/?(?:[;\s]+|$))+$/i;

/** What WinHTTP prints for "no bypass list": a parenthesised word in the display language (none, keine, aucun). */
const PLACEHOLDER = /^\(.*\)$/;

/**
 * Parses `netsh winhttp show proxy`, WinHTTP's own proxy setting (used by Windows services, Windows
 * Update and some clients; independent of WinINET's). The output is localised — "Current WinHTTP proxy
 * settings:", "Aktuelle WinHTTP-Proxyeinstellungen:" — so it is read by structure, never by its labels:
 * no `label : value` line means direct access; otherwise the first value that reads as a proxy list
 * (`host:port`, `http=h:p;https=h:p`) is the proxy and the next `label : value` line is the bypass list
 * (a parenthesised placeholder such as "(none)" meaning empty). Anything else is unreadable, an error.
 */
export function parseWinhttpProxy(text: string): Result<OsProxySettings, string> {
  const values: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const match = LABELLED.exec(raw);
    if (match?.[2] !== undefined) values.push(match[2]);
  }
  const direct = { manual: [], pacUrl: null, autoDetect: false, bypass: [] };
  if (values.length === 0) {
    // No labelled value at all: the one sentence "Direct access (no proxy server)." in whatever language.
    return text.trim() === '' ? err('netsh printed nothing') : ok(direct);
  }
  const at = values.findIndex((value) => PROXY_LIST.test(value));
  const server = values[at];
  if (server === undefined) return err(`unreadable output: no proxy server in "${values[0]?.slice(0, 80)}"`);
  const bypass = values[at + 1];
  return ok({
    manual: parseProxyServerList(server, 'netsh winhttp'),
    pacUrl: null,
    autoDetect: false,
    bypass: bypass === undefined || PLACEHOLDER.test(bypass) ? [] : splitBypassList(bypass),
  });
}
