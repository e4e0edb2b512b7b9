import type { ProxyEndpoint, ProxyScheme } from './proxy-url.js';

/** One choice in a PAC answer: go direct, or through a proxy. */
export type PacChoice = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly proxy: ProxyEndpoint };

const PAC_SCHEMES: Readonly<Record<string, ProxyScheme>> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS: 'socks5',
  SOCKS5: 'socks5',
  SOCKS4: 'socks4',
};

/**
 * Parses what `FindProxyForURL` (or Electron's `session.resolveProxy`) returns: `PROXY host:port;
 * SOCKS5 host:port; DIRECT`, in order of preference. Unknown or malformed items are skipped; an empty
 * answer means DIRECT, as browsers treat it.
 */
export function parsePacResult(text: string): PacChoice[] {
  const choices: PacChoice[] = [];
  for (const item of text.split(';')) {
    const [keyword = '', where = ''] = item.trim().split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'DIRECT') {
      choices.push({ kind: 'direct' });
      continue;
    }
    const scheme = PAC_SCHEMES[upper];
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(where);
    if (scheme === undefined || match === null) continue;
    const port = Number(match[2]);
    if (port < 1 || port > 65535) continue;
    choices.push({ kind: 'proxy', proxy: { scheme, host: match[1] ?? '', port, username: null, password: null } });
  }
  return choices.length > 0 || text.trim() !== '' ? choices : [{ kind: 'direct' }];
}
