import type { ProxyDiscoverEvidence, ProxySourceName } from '../evidence/edge.js';
import type { ProxySourceResult } from './proxy-source-result.js';
import { maskCredentials, type ProxyEndpoint, proxyLabel, sameProxy } from './proxy-url.js';

/** A proxy to tunnel through, with the source that named it first. */
export interface DiscoveredProxy {
  readonly proxy: ProxyEndpoint;
  readonly source: ProxySourceName;
}

/** The discovery's evidence and the proxies the plan tunnels through. */
export interface ProxyDiscovery {
  readonly evidence: ProxyDiscoverEvidence;
  readonly proxies: readonly DiscoveredProxy[];
}

/** At most this many proxies are tunnelled through in one run. */
export const MAX_PROXIES = 4;

/**
 * Merges the sources' answers, in their order of precedence (`--proxy`, `--pac`, environment, OS, app):
 * the first source with an opinion decides what proxy-aware software does for the target; every distinct
 * proxy found is tested.
 */
export function combineDiscovery(
  results: readonly ProxySourceResult[],
  url: string,
  durationMs: number,
): ProxyDiscovery {
  const proxies: DiscoveredProxy[] = [];
  for (const result of results) {
    for (const proxy of result.proxies) {
      if (!proxies.some((p) => sameProxy(p.proxy, proxy))) proxies.push({ proxy, source: result.source });
    }
  }
  const deciding = results.find((r) => r.verdict !== null);
  const verdict = deciding?.verdict ?? null;
  const decision =
    deciding === undefined || verdict === null
      ? { via: 'direct' as const, proxy: null, source: null, reason: 'no proxy is configured for this computer' }
      : {
          via: verdict.via,
          proxy: verdict.proxy === null ? null : proxyLabel(verdict.proxy),
          source: deciding.source,
          reason: maskCredentials(verdict.reason),
        };
  const tested = proxies.slice(0, MAX_PROXIES);
  return {
    proxies: tested,
    evidence: {
      kind: 'proxy.discover',
      url,
      sources: results.map((r) => ({ source: r.source, state: r.state, detail: maskCredentials(r.detail) })),
      proxies: proxies.map((p) => ({
        url: proxyLabel(p.proxy),
        scheme: p.proxy.scheme,
        source: p.source,
        withCredentials: p.proxy.username !== null,
      })),
      decision,
      thirdParties: results.flatMap((r) => r.thirdParties),
      durationMs,
    },
  };
}
