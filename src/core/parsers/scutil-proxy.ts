import type { OsManualProxy, OsProxySettings } from '../proxy/os-proxy.js';
import { parseProxyUrl } from '../proxy/proxy-url.js';

/**
 * Parses `scutil --proxy` (macOS): the `<dictionary>` of HTTPEnable/HTTPProxy/HTTPPort, the HTTPS and SOCKS
 * triples, ProxyAutoConfigEnable/ProxyAutoConfigURLString, ProxyAutoDiscoveryEnable and ExceptionsList.
 */
export function parseScutilProxy(text: string): OsProxySettings {
  const values = new Map<string, string>();
  const exceptions: string[] = [];
  let inExceptions = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^ExceptionsList\s*:\s*<array>\s*\{$/.test(line)) {
      inExceptions = true;
      continue;
    }
    if (inExceptions) {
      if (line === '}') inExceptions = false;
      else {
        const item = /^\d+\s*:\s*(.+)$/.exec(line);
        if (item?.[1] !== undefined) exceptions.push(item[1].trim());
      }
      continue;
    }
    const pair = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
    if (pair?.[1] !== undefined) values.set(pair[1], (pair[2] ?? '').trim());
  }
  const on = (key: string) => values.get(key) === '1';
  const manual: OsManualProxy[] = [];
  for (const [prefix, kind, scheme] of [
    ['HTTPS', 'https', 'http'],
    ['HTTP', 'http', 'http'],
    ['SOCKS', 'socks', 'socks5'],
  ] as const) {
    const host = values.get(`${prefix}Proxy`);
    const port = values.get(`${prefix}Port`);
    if (!on(`${prefix}Enable`) || host === undefined || host === '') continue;
    const parsed = parseProxyUrl(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`, 'scutil --proxy');
    if (parsed.kind === 'ok') manual.push({ for: kind, proxy: parsed.value });
  }
  const pac = values.get('ProxyAutoConfigURLString');
  return {
    manual,
    pacUrl: on('ProxyAutoConfigEnable') && pac !== undefined && pac !== '' ? pac : null,
    autoDetect: on('ProxyAutoDiscoveryEnable'),
    bypass: [...exceptions, ...(on('ExcludeSimpleHostnames') ? ['<local>'] : [])],
  };
}
