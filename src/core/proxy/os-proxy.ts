import type { ProxySourceName } from '../evidence/edge.js';
import { matchBypass } from './bypass-list.js';
import type { PacChoice } from './pac-result.js';
import type { ProxySourceResult } from './proxy-source-result.js';
import { type ProxyEndpoint, proxyLabel, sameProxy } from './proxy-url.js';

/** A manual proxy from OS settings and the traffic it is for. */
export interface OsManualProxy {
  readonly for: 'https' | 'http' | 'socks' | 'all';
  readonly proxy: ProxyEndpoint;
}

/** The proxy settings an OS keeps (WinINET, macOS System Configuration, GNOME), parsed. */
export interface OsProxySettings {
  /** Manual proxies in effect (empty when manual proxying is off). */
  readonly manual: readonly OsManualProxy[];
  /** The PAC file URL when automatic configuration by script is on. */
  readonly pacUrl: string | null;
  /** WPAD auto-detection is on (not followed here: it needs DHCP or DNS discovery). */
  readonly autoDetect: boolean;
  readonly bypass: readonly string[];
}

/** The PAC script's answer for the target, or why there is none. */
export type PacOutcome =
  | { readonly kind: 'answered'; readonly url: string; readonly result: string; readonly choices: readonly PacChoice[] }
  | { readonly kind: 'failed'; readonly url: string; readonly reason: string };

const PREFERENCE: readonly OsManualProxy['for'][] = ['https', 'all', 'socks', 'http'];

/**
 * What OS settings say for the target, as browsers apply them: a PAC script first, then a manual proxy
 * (HTTPS first, as for any tunnel) unless the bypass list matches.
 */
export function resolveOsProxy(
  source: ProxySourceName,
  settings: OsProxySettings,
  host: string,
  port: number,
  pac: PacOutcome | null,
): ProxySourceResult {
  const proxies: ProxyEndpoint[] = [];
  const add = (proxy: ProxyEndpoint) => {
    if (!proxies.some((p) => sameProxy(p, proxy))) proxies.push(proxy);
  };
  for (const manual of settings.manual) add(manual.proxy);
  const pacProxies = pac?.kind === 'answered' ? pac.choices.flatMap((c) => (c.kind === 'proxy' ? [c.proxy] : [])) : [];
  for (const proxy of pacProxies) add(proxy);
  const parts = [
    ...(settings.pacUrl === null ? [] : [`PAC ${settings.pacUrl}`]),
    ...(settings.autoDetect ? ['WPAD auto-detect on (not followed)'] : []),
    ...settings.manual.map((m) => `${m.for} ${proxyLabel(m.proxy)}`),
  ];
  const failed = pac?.kind === 'failed' ? [`PAC not evaluated: ${pac.reason}`] : [];
  const detail = parts.length > 0 ? [...parts, ...failed].join('; ') : 'no proxy configured';
  const state = parts.length > 0 ? 'found' : 'none';
  if (pac?.kind === 'answered') {
    const first = pac.choices[0];
    const verdict =
      first === undefined || first.kind === 'direct'
        ? { via: 'direct' as const, proxy: null, reason: `the PAC file ${pac.url} says DIRECT` }
        : { via: 'proxy' as const, proxy: first.proxy, reason: `the PAC file ${pac.url} says "${pac.result.trim()}"` };
    return { source, state, detail, proxies, verdict, thirdParties: [] };
  }
  const manual = PREFERENCE.map((f) => settings.manual.find((m) => m.for === f)).find((m) => m !== undefined);
  if (manual === undefined) return { source, state, detail, proxies, verdict: null, thirdParties: [] };
  const bypass = matchBypass(settings.bypass, host, port);
  const verdict =
    bypass !== null
      ? { via: 'direct' as const, proxy: null, reason: `the ${source} bypass entry "${bypass}" matches ${host}` }
      : {
          via: 'proxy' as const,
          proxy: manual.proxy,
          reason: `the ${source} ${manual.for} proxy is ${proxyLabel(manual.proxy)}`,
        };
  return { source, state, detail, proxies, verdict, thirdParties: [] };
}
