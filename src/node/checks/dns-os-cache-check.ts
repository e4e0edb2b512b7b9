import { DIRECT_PATH } from '../../core/ids.js';
import { readWindowsDnsCache } from '../dns/windows-dns-cache.js';
import type { CheckDefinition } from '../runner/check-definition.js';

const NOT_LISTED: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'On Linux the cache is systemd-resolved (the 127.0.0.53 stub) or nscd: its answer is the one "Your computer\'s DNS answer" shows, and the fresh answer asks the upstream servers directly.',
  darwin:
    'macOS\'s mDNSResponder offers no per-name cache listing: its answer is the one "Your computer\'s DNS answer" shows.',
};

/** dns.os-cache: the OS's own DNS cache entry for the name, where the OS lets us list it (Windows). */
export function dnsOsCacheCheck(): CheckDefinition {
  return {
    id: 'dns.os-cache',
    path: DIRECT_PATH,
    title: "Your computer's DNS cache entry",
    needs: [],
    async run({ target, signal, timeoutMs }) {
      if (target.hostKind !== 'hostname') {
        return { status: 'skipped', summary: `${target.host} is an IP address: nothing is cached.`, evidence: null };
      }
      if (process.platform !== 'win32') {
        const note = NOT_LISTED[process.platform] ?? 'This operating system offers no way to list its DNS cache.';
        return {
          status: 'skipped',
          summary: note,
          evidence: { kind: 'dns.os-cache', method: 'none', entries: [], note },
        };
      }
      const { evidence, ok } = await readWindowsDnsCache(target.host, timeoutMs, signal);
      return { status: ok ? 'info' : 'error', summary: evidence.note, evidence };
    },
  };
}
