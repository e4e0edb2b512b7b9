import { isIPv4, isIPv6 } from '../address.js';

/** One IP address as a number: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
export type IpValue = { readonly family: 4; readonly value: number } | { readonly family: 6; readonly value: bigint };

/** An inclusive range of addresses of one family (a CIDR block or a single address). */
export type IpRange =
  | { readonly family: 4; readonly first: number; readonly last: number }
  | { readonly family: 6; readonly first: bigint; readonly last: bigint };

function ipv4Value(text: string): number {
  const [a = 0, b = 0, c = 0, d = 0] = text.split('.').map(Number);
  return a * 16_777_216 + b * 65_536 + c * 256 + d;
}

function ipv6Value(text: string): bigint {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    const v4 = ipv4Value(body.slice(lastColon + 1));
    body = `${body.slice(0, lastColon + 1)}${Math.floor(v4 / 65_536).toString(16)}:${(v4 % 65_536).toString(16)}`;
  }
  const [head = '', tail] = body.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  return value;
}

/** Parses an IPv4 or IPv6 address (an IPv6 `%zone` is dropped); undefined when it is not one. */
export function parseIp(text: string): IpValue | undefined {
  const trimmed = text.trim();
  if (isIPv4(trimmed)) return { family: 4, value: ipv4Value(trimmed) };
  if (isIPv6(trimmed)) return { family: 6, value: ipv6Value(trimmed.split('%')[0] ?? '') };
  return undefined;
}

/**
 * Parses a single address or a CIDR block (`10.0.0.0/24`, `2001:db8::/32`) into a range. Host bits set
 * under the mask (`10.0.0.5/24`) are cleared, as Azure does. Undefined when the text is neither.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const [address = '', bits, ...rest] = text.trim().split('/');
  if (rest.length > 0 || address.includes('%')) return undefined;
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const length = bits === undefined ? max : Number(bits);
  if (length > max) return undefined;
  if (ip.family === 4) {
    const size = 2 ** (32 - length);
    const first = Math.floor(ip.value / size) * size;
    return { family: 4, first, last: first + size - 1 };
  }
  const size = 1n << BigInt(128 - length);
  const first = (ip.value / size) * size;
  return { family: 6, first, last: first + size - 1n };
}

/** Whether an address lies inside a range (never across families). */
export function rangeContains(range: IpRange, ip: IpValue): boolean {
  if (range.family === 4) return ip.family === 4 && ip.value >= range.first && ip.value <= range.last;
  return ip.family === 6 && ip.value >= range.first && ip.value <= range.last;
}

const NOT_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/3',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
].map((text) => parseIpRange(text) as IpRange);

/**
 * Whether an address could come from the public internet: not private (RFC 1918, RFC 4193), shared
 * (100.64/10), loopback, link-local, benchmarking, multicast or reserved. The documentation ranges
 * (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) count as public: tests and examples use them
 * as stand-ins for real public addresses.
 */
export function isPublicAddress(ip: IpValue): boolean {
  return !NOT_PUBLIC.some((range) => rangeContains(range, ip));
}
