import { canonicalIp, ipFamily } from '../address.js';

/**
 * How much an address says about who ran the probe: `public` and `private` are masked when asked;
 * `shared` (loopback, unspecified, multicast, link-local service addresses, Azure's platform DNS and
 * the big public resolvers) identifies no one and stays readable, which keeps the bundle useful.
 */
export type IpScope = 'public' | 'private' | 'shared';

const SHARED_ADDRESSES = new Set([
  '168.63.129.16',
  '169.254.169.254',
  '8.8.8.8',
  '8.8.4.4',
  '1.1.1.1',
  '1.0.0.1',
  '9.9.9.9',
  '2001:4860:4860::8888',
  '2001:4860:4860::8844',
  '2606:4700:4700::1111',
  '2606:4700:4700::1001',
]);

function v4Scope(address: string): IpScope {
  const [a = 0, b = 0] = address.split('.').map(Number);
  if (a === 0 || a === 127 || a >= 224) return 'shared';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if ((a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 198 && (b === 18 || b === 19))) {
    return 'private';
  }
  return 'public';
}

function v6Scope(canonical: string): IpScope {
  if (canonical === '::' || canonical === '::1' || canonical.startsWith('ff')) return 'shared';
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped !== null) {
    const high = Number.parseInt(mapped[1] ?? '0', 16);
    const low = Number.parseInt(mapped[2] ?? '0', 16);
    return v4Scope(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(canonical) || /^fe[89ab][0-9a-f]:/.test(canonical)) return 'private';
  return 'public';
}

/** The scope of an IP address (null when the text is not one). */
export function ipScope(address: string): IpScope | null {
  const family = ipFamily(address);
  if (family === 0) return null;
  const canonical = canonicalIp(address);
  if (SHARED_ADDRESSES.has(canonical)) return 'shared';
  return family === 4 ? v4Scope(canonical) : v6Scope(canonical);
}
