import type { ProxySourceName } from '../evidence/edge.js';
import { matchBypass } from './bypass-list.js';
import type { PacChoice } from './pac-result.js';
import type { ProxySourceResult } from './proxy-source-result.js';
import { type ProxyEndpoint, proxyLabel, sameProxy } from './proxy-url.js';
import { describeWpad, type WpadOutcome } from './wpad.js';

/** A manual proxy from OS settings and the traffic it is for. */
export interface OsManualProxy {
  readonly for: 'https' | 'http' | 'socks' | 'all';
  readonly proxy: ProxyEndpoint;
}

/** The proxy settings an OS keeps (WinINET, WinHTTP, macOS System Configuration, GNOME, KDE), parsed. */
export interface OsProxySettings {
  /** Manual proxies in effect (empty when manual proxying is off). */
  readonly manual: readonly OsManualProxy[];
  /** The PAC file URL when automatic configuration by script is on. */
  readonly pacUrl: string | null;
  /** WPAD auto-detection is on (followed with DNS discovery, see `wpad.ts`; DHCP's option 252 is not read). */
  readonly autoDetect: boolean;
  readonly bypass: readonly string[];
  /** KDE's ReversedException: the manual proxy is used only for hosts the list matches. */
  readonly reversedBypass?: boolean;
}

/** The PAC script's answer for the target, or why there is none. */
export type PacOutcome =
  | { readonly kind: 'answered'; readonly url: string; readonly result: string; readonly choices: readonly PacChoice[] }
  | { readonly kind: 'failed'; readonly url: string; readonly reason: string };

const PREFERENCE: readonly OsManualProxy['for'][] = ['https', 'all', 'socks', 'http'];

/**
 * What OS settings say for the target, as browsers apply them: a script found by WPAD auto-detection
 * first, then the configured PAC script, then a manual proxy (HTTPS first, as for any tunnel) unless the
 * bypass list matches (or, reversed, unless it does not).
 */
export function resolveOsProxy(
  source: ProxySourceName,
  settings: OsProxySettings,
  host: string,
  port: number,
  configuredPac: PacOutcome | null,
  wpad: WpadOutcome | null = null,
): ProxySourceResult {
  const fromWpad = wpad?.kind === 'found' && wpad.pac.kind === 'answered' ? wpad.pac : null;
  const pac = fromWpad ?? configuredPac;
  const proxies: ProxyEndpoint[] = [];
  const add = (proxy: ProxyEndpoint) => {
    if (!proxies.some((p) => sameProxy(p, proxy))) proxies.push(proxy);
  };
  for (const manual of settings.manual) add(manual.proxy);
  const pacProxies = pac?.kind === 'answered' ? pac.choices.flatMap((c) => (c.kind === 'proxy' ? [c.proxy] : [])) : [];
  for (const proxy of pacProxies) add(proxy);
  const parts = [
    ...(settings.autoDetect ? [wpad === null ? 'WPAD auto-detect on (not followed)' : describeWpad(wpad)] : []),
    ...(settings.pacUrl === null ? [] : [`PAC ${settings.pacUrl}`]),
    ...settings.manual.map((m) => `${m.for} ${proxyLabel(m.proxy)}`),
  ];
  const failed = [
    ...(wpad?.kind === 'found' && wpad.pac.kind === 'failed' ? [`WPAD script not evaluated: ${wpad.pac.reason}`] : []),
    ...(configuredPac?.kind === 'failed' ? [`PAC not evaluated: ${configuredPac.reason}`] : []),
  ];
  const detail = parts.length > 0 ? [...parts, ...failed].join('; ') : 'no proxy configured';
  const state = parts.length > 0 ? 'found' : 'none';
  if (pac?.kind === 'answered') {
    const first = pac.choices[0];
    const file = `the ${fromWpad === null ? 'PAC' : 'WPAD'} file ${pac.url}`;
    const verdict =
      first === undefined || first.kind === 'direct'
        ? { via: 'direct' as const, proxy: null, reason: `${file} says DIRECT` }
        : { via: 'proxy' as const, proxy: first.proxy, reason: `${file} says "${pac.result.trim()}"` };
    return { source, state, detail, proxies, verdict, thirdParties: [] };
  }
  const manual = PREFERENCE.map((f) => settings.manual.find((m) => m.for === f)).find((m) => m !== undefined);
  if (manual === undefined) return { source, state, detail, proxies, verdict: null, thirdParties: [] };
  const bypass = matchBypass(settings.bypass, host, port);
  if (settings.reversedBypass === true && bypass === null) {
    const reason = `the ${source} proxy is only for the hosts it lists (reversed exceptions), and none matches ${host}`;
    return { source, state, detail, proxies, verdict: { via: 'direct', proxy: null, reason }, thirdParties: [] };
  }
  const verdict =
    bypass !== null && settings.reversedBypass !== true
      ? { via: 'direct' as const, proxy: null, reason: `the ${source} bypass entry "${bypass}" matches ${host}` }
      : {
          via: 'proxy' as const,
          proxy: manual.proxy,
          reason: `the ${source} ${manual.for} proxy is ${proxyLabel(manual.proxy)}`,
        };
  return { source, state, detail, proxies, verdict, thirdParties: [] };
}
