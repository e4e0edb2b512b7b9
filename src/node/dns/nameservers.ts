import { getServers } from 'node:dns';
import { readFile } from 'node:fs/promises';
import { parseResolvConf } from '../../core/parsers/resolv-conf.js';

/** Which nameservers a fresh query asks, and where that list came from. */
export interface Nameservers {
  /** `address` or `address:port` / `[v6]:port`. */
  readonly addresses: string[];
  readonly origin: 'option' | 'system' | 'systemd-resolved-upstream';
}

const SYSTEMD_STUB = '127.0.0.53';
const SYSTEMD_UPSTREAM = '/run/systemd/resolve/resolv.conf';

/**
 * The nameservers to query directly. With systemd-resolved the configured server is its stub
 * (127.0.0.53), which *is* the cache, so its upstream servers are asked instead.
 */
export async function systemNameservers(): Promise<Nameservers> {
  const configured = getServers();
  if (configured.length > 0 && configured.every((s) => s === SYSTEMD_STUB)) {
    try {
      const upstream = parseResolvConf(await readFile(SYSTEMD_UPSTREAM, 'utf8'));
      if (upstream.length > 0) return { addresses: upstream, origin: 'systemd-resolved-upstream' };
    } catch {
      // No upstream file: fall back to the stub, which still answers.
    }
  }
  return { addresses: configured, origin: 'system' };
}
