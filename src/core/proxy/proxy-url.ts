import { ipFamily, isHostname } from '../address.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** How we talk to a proxy: HTTP CONNECT in clear or over TLS, or SOCKS. */
export type ProxyScheme = 'http' | 'https' | 'socks4' | 'socks5';

/** A proxy to tunnel through. Credentials stay here and never reach evidence (see `proxyLabel`). */
export interface ProxyEndpoint {
  readonly scheme: ProxyScheme;
  readonly host: string;
  readonly port: number;
  readonly username: string | null;
  readonly password: string | null;
}

const SCHEMES: Readonly<Record<string, ProxyScheme>> = {
  http: 'http',
  https: 'https',
  socks: 'socks5',
  socks5: 'socks5',
  socks5h: 'socks5',
  socks4: 'socks4',
  socks4a: 'socks4',
};

const DEFAULT_PORTS: Readonly<Record<ProxyScheme, number>> = { http: 80, https: 443, socks4: 1080, socks5: 1080 };

/**
 * Parses a proxy URL as environment variables, `--proxy` and OS settings write it: `http://host:port`,
 * `socks5://user:pass@host:port`, or a bare `host:port` (HTTP). `input` names where it came from for the
 * one-line error; the message never repeats credentials.
 */
export function parseProxyUrl(text: string, input: string): Result<ProxyEndpoint, InputError> {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  const shown = maskCredentials(trimmed);
  const bad = (why: string) => err(inputError(input, `${input}: "${shown}" ${why}`));
  if (trimmed === '') return err(inputError(input, `${input}: empty; expected a proxy URL such as http://proxy:3128.`));
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return bad('is not a proxy URL; expected e.g. http://proxy.example.com:3128 or socks5://127.0.0.1:1080.');
  }
  const scheme = SCHEMES[url.protocol.slice(0, -1).toLowerCase()];
  if (scheme === undefined) return bad('has an unsupported scheme; expected http, https, socks4 or socks5.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '')
    return bad('has a path; a proxy URL is scheme://host:port.');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (ipFamily(host) === 0 && !isHostname(host)) return bad('has no valid host.');
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  return ok({
    scheme,
    host,
    port,
    username: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
  });
}

/** The proxy as reports show it: `scheme://host:port`, never its credentials. */
export function proxyLabel(proxy: Pick<ProxyEndpoint, 'scheme' | 'host' | 'port'>): string {
  const host = ipFamily(proxy.host) === 6 ? `[${proxy.host}]` : proxy.host;
  return `${proxy.scheme}://${host}:${proxy.port}`;
}

/** Masks `user:pass@` in any URL-like text (stops credentials leaking into messages and evidence). */
export function maskCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi, '$1***@').replace(/^[^/@\s:]+:[^/@\s]+@/, '***@');
}

/** Whether two endpoints are the same proxy (credentials aside). */
export function sameProxy(a: ProxyEndpoint, b: ProxyEndpoint): boolean {
  return proxyLabel(a) === proxyLabel(b);
}
