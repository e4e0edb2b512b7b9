import { ipFamily } from '../address.js';

/** A hosts-file line that names the host being probed. */
export interface HostsEntry {
  readonly address: string;
  readonly names: string[];
  /** 1-based line number, so a user can find and fix it. */
  readonly line: number;
}

/**
 * The lines of a hosts file (`/etc/hosts`, `%SystemRoot%\System32\drivers\etc\hosts`) that map `name`.
 * Names compare case-insensitively and without a trailing dot, as resolvers do.
 */
export function findHostsEntries(text: string, name: string): HostsEntry[] {
  const wanted = normalise(name);
  const entries: HostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.replace(/#.*$/, '').trim().split(/\s+/);
    const [address, ...names] = fields;
    if (address === undefined || names.length === 0 || ipFamily(address.split('%')[0] ?? '') === 0) return;
    if (names.some((n) => normalise(n) === wanted)) entries.push({ address, names, line: index + 1 });
  });
  return entries;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
