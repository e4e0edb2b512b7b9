import type { ProxySourceName, ThirdParty } from '../evidence/edge.js';
import type { ProxyEndpoint } from './proxy-url.js';

/** What a source says proxy-aware software does for the target, and why. */
export interface ProxyVerdict {
  readonly via: 'direct' | 'proxy';
  readonly proxy: ProxyEndpoint | null;
  readonly reason: string;
}

/** What one discovery source found. `verdict` is null when it has no opinion (nothing configured). */
export interface ProxySourceResult {
  readonly source: ProxySourceName;
  readonly state: 'found' | 'none' | 'skipped' | 'error';
  /** One phrase, credentials masked. */
  readonly detail: string;
  readonly proxies: readonly ProxyEndpoint[];
  readonly verdict: ProxyVerdict | null;
  readonly thirdParties: readonly ThirdParty[];
}

/** A source with nothing configured. */
export function noProxy(source: ProxySourceName, detail: string): ProxySourceResult {
  return { source, state: 'none', detail, proxies: [], verdict: null, thirdParties: [] };
}
