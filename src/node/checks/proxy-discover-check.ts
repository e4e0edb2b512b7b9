import { DIRECT_PATH } from '../../core/ids.js';
import type { ProxyDiscovery } from '../../core/proxy/combine-discovery.js';
import { proxySourceTitle } from '../../core/proxy/source-title.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/**
 * proxy.discover: reports the discovery that ran before the plan (the plan needs its proxies to add a
 * path per proxy): which sources said what, which proxy applies to the target and why, and the third
 * parties contacted. Its own duration is in the evidence.
 */
export function proxyDiscoverCheck(discovery: ProxyDiscovery): CheckDefinition {
  return {
    id: 'proxy.discover',
    path: DIRECT_PATH,
    title: 'Proxy settings for the target',
    needs: [],
    async run() {
      const e = discovery.evidence;
      const decision =
        e.decision.via === 'direct'
          ? `proxy-aware software goes direct (${e.decision.reason})`
          : `proxy-aware software uses ${e.decision.proxy} (${e.decision.reason})`;
      const found =
        e.proxies.length === 0
          ? 'no proxy found'
          : `found ${e.proxies.map((p) => `${p.url} (${proxySourceTitle(p.source)})`).join(', ')}`;
      const third = e.thirdParties.map(
        (t) => `${t.endpoint} (${t.purpose}; ${t.contacted ? 'contacted' : 'not contacted'})`,
      );
      return {
        status: e.proxies.length === 0 ? 'pass' : 'info',
        summary: `${found}; ${decision}. RDP clients do not use these proxies.${third.length > 0 ? ` Third parties: ${third.join(', ')}.` : ''}`,
        evidence: e,
      };
    },
  };
}
