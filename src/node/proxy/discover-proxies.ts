import { ipFamily } from '../../core/address.js';
import { combineDiscovery, type ProxyDiscovery } from '../../core/proxy/combine-discovery.js';
import type { ProxySourceResult } from '../../core/proxy/proxy-source-result.js';
import type { ProxyEndpoint } from '../../core/proxy/proxy-url.js';
import { osSources } from './os-sources.js';
import type { ProxySource } from './proxy-source.js';
import { envSource, optionSource, pacFileSource } from './sources.js';

/** What proxy discovery looks at; the CLI fills it from `--proxy`, `--pac`, `--no-external` and the environment. */
export interface ProxyOptions {
  /** `--proxy` URLs, parsed (credentials kept for the tunnel, never reported). */
  readonly proxies: readonly ProxyEndpoint[];
  /** `--pac`: the location and the script, loaded and checked before probing. */
  readonly pac: { readonly location: string; readonly script: string } | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Read the OS's proxy settings (registry, netsh winhttp, scutil, gsettings, kioslaverc). */
  readonly osSettings: boolean;
  /** false with `--no-external`: no PAC URL is fetched, no WPAD name looked up. */
  readonly external: boolean;
  /** More sources after the built-in ones (the desktop app's `session.resolveProxy`). */
  readonly extraSources?: readonly ProxySource[];
}

/** The sources in order of precedence: `--proxy`, `--pac`, the environment, the OS, then any extra ones. */
export function proxySources(options: ProxyOptions, platform: NodeJS.Platform = process.platform): ProxySource[] {
  return [
    optionSource(options.proxies),
    ...(options.pac === null ? [] : [pacFileSource(options.pac.location, options.pac.script)]),
    envSource(options.env),
    ...(options.osSettings ? osSources(platform, { env: options.env }) : []),
    ...(options.extraSources ?? []),
  ];
}

/** The URL proxy-aware software looks up for an RDP target: RDP tunnels like HTTPS, with CONNECT. */
export function targetUrl(host: string, port: number): string {
  return `https://${ipFamily(host) === 6 ? `[${host}]` : host}:${port}/`;
}

/**
 * Asks every source at once, each bounded by `timeoutMs`, and merges their answers in order. A source
 * that throws is a bug; it is recorded as an error so the others still count.
 */
export async function discoverProxies(
  sources: readonly ProxySource[],
  target: { readonly host: string; readonly port: number },
  options: { readonly timeoutMs: number; readonly signal: AbortSignal; readonly external: boolean },
): Promise<ProxyDiscovery> {
  const started = performance.now();
  const url = targetUrl(target.host, target.port);
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const context = { ...target, url, timeoutMs: options.timeoutMs, signal, external: options.external };
  const results = await Promise.all(
    sources.map(async (source): Promise<ProxySourceResult> => {
      try {
        return await source.discover(context);
      } catch (error) {
        const detail = `failed: ${(error as Error).message ?? String(error)}`;
        return { source: source.name, state: 'error', detail, proxies: [], verdict: null, thirdParties: [] };
      }
    }),
  );
  return combineDiscovery(results, url, Math.round(performance.now() - started));
}
