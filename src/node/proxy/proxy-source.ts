import type { ProxySourceResult } from '../../core/proxy/proxy-source-result.js';

/** What a discovery source is told: the target and the budget it has. */
export interface DiscoveryContext {
  readonly host: string;
  readonly port: number;
  /** The URL proxy-aware software would look up (`https://host:port/`). */
  readonly url: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** false with `--no-external`: no third party (a PAC URL) may be contacted. */
  readonly external: boolean;
}

/**
 * One place proxy settings come from. Sources are a list, in order of precedence, so the desktop app can
 * add its own (Electron's `session.resolveProxy`, answered in PAC syntax: see `parsePacResult`).
 */
export interface ProxySource {
  readonly name: ProxySourceResult['source'];
  discover(context: DiscoveryContext): Promise<ProxySourceResult>;
}
