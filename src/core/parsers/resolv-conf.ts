import { ipFamily } from '../address.js';

/** The `nameserver` addresses of a resolv.conf text, in order (comments and other options ignored). */
export function parseResolvConf(text: string): string[] {
  const servers: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const match = /^nameserver\s+(\S+)$/.exec(line);
    const address = match?.[1];
    if (address !== undefined && ipFamily(address) !== 0) servers.push(address);
  }
  return servers;
}
