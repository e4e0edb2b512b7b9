import { parseIp, parseIpRange, rangeContains } from '../nsg/ip-range.js';

/**
 * Finds the entry of a proxy bypass list (NO_PROXY, WinINET ProxyOverride, macOS ExceptionsList, GNOME
 * ignore-hosts) that matches the target, or null. Understands `*`, `example.com` and `.example.com`
 * (the domain and its subdomains), `*.example.com` and other `*` globs, IP literals and CIDR blocks,
 * `host:port`, and `<local>` (names without a dot).
 */
export function matchBypass(entries: readonly string[], host: string, port: number): string | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  const ip = parseIp(name);
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return raw.trim();
    if (entry === '<local>') {
      if (ip === undefined && !name.includes('.')) return raw.trim();
      continue;
    }
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    const [pattern, entryPort] =
      portMatch !== null && !entry.includes('::') && entry.split(':').length === 2
        ? [portMatch[1] ?? '', Number(portMatch[2])]
        : [entry.replace(/^\[(.*)\]$/, '$1'), null];
    if (entryPort !== null && entryPort !== port) continue;
    if (ip !== undefined) {
      const range = parseIpRange(pattern);
      if (range !== undefined && rangeContains(range, ip)) return raw.trim();
      if (pattern.includes('*') && globMatch(pattern, name)) return raw.trim();
      continue;
    }
    if (pattern.includes('*')) {
      if (globMatch(pattern, name)) return raw.trim();
      continue;
    }
    const domain = pattern.replace(/^\./, '');
    if (name === domain || name.endsWith(`.${domain}`)) return raw.trim();
  }
  return null;
}

/** Splits a bypass list written with commas, semicolons or spaces. */
export function splitBypassList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function globMatch(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  // `*.example.com` also covers `example.com` itself, as NO_PROXY users expect.
  const optionalStar = escaped.startsWith('.*\\.') ? `(?:.*\\.)?${escaped.slice(4)}` : escaped;
  return new RegExp(`^${optionalStar}$`).test(value);
}
