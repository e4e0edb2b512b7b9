import { matchBypass, splitBypassList } from './bypass-list.js';
import { noProxy, type ProxySourceResult } from './proxy-source-result.js';
import { type ProxyEndpoint, parseProxyUrl, proxyLabel, sameProxy } from './proxy-url.js';

/** The variables read, in the order one applies to a tunnelled connection such as RDP over an RD Gateway. */
const VARIABLES = ['https_proxy', 'all_proxy', 'http_proxy'] as const;

/** A variable's value, lowercase name first (curl and most tools prefer it), then uppercase. */
function read(env: Readonly<Record<string, string | undefined>>, name: string): { name: string; value: string } | null {
  for (const key of [name, name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') return { name: key, value };
  }
  return null;
}

/**
 * The environment's proxies (`HTTPS_PROXY`, `ALL_PROXY`, `HTTP_PROXY`, `NO_PROXY`, either case) and
 * which applies to the target: HTTPS_PROXY first, as for any CONNECT tunnel, unless NO_PROXY matches.
 */
export function resolveEnvProxy(
  env: Readonly<Record<string, string | undefined>>,
  host: string,
  port: number,
): ProxySourceResult {
  const proxies: ProxyEndpoint[] = [];
  const problems: string[] = [];
  let first: { name: string; proxy: ProxyEndpoint } | null = null;
  for (const variable of VARIABLES) {
    const found = read(env, variable);
    if (found === null) continue;
    const parsed = parseProxyUrl(found.value, found.name);
    if (parsed.kind === 'err') {
      problems.push(parsed.error.message);
      continue;
    }
    if (!proxies.some((p) => sameProxy(p, parsed.value))) proxies.push(parsed.value);
    first ??= { name: found.name, proxy: parsed.value };
  }
  if (first === null) {
    return problems.length > 0
      ? { ...noProxy('env', problems.join(' ')), state: 'error' }
      : noProxy('env', 'no HTTPS_PROXY, ALL_PROXY or HTTP_PROXY set');
  }
  const noProxyVar = read(env, 'no_proxy');
  const bypass = noProxyVar === null ? null : matchBypass(splitBypassList(noProxyVar.value), host, port);
  const label = proxyLabel(first.proxy);
  const verdict =
    bypass !== null
      ? { via: 'direct' as const, proxy: null, reason: `${noProxyVar?.name} entry "${bypass}" matches ${host}` }
      : { via: 'proxy' as const, proxy: first.proxy, reason: `${first.name} is ${label}` };
  const detail = [`${proxies.map(proxyLabel).join(', ')}`, ...problems].join('; ');
  return { source: 'env', state: 'found', detail, proxies, verdict, thirdParties: [] };
}
