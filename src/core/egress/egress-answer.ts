import { canonicalIp, ipFamily } from '../address.js';
import type { EgressIpEvidence, EgressLookup } from '../evidence/egress.js';
import { isPublicAddress, parseIp } from '../nsg/ip-range.js';

/** The name OpenDNS answers with the asking address (A over IPv4, AAAA over IPv6). */
export const OPENDNS_NAME = 'myip.opendns.com';
/** The name Google's authoritative servers answer with a TXT record of the asking address. */
export const GOOGLE_NAME = 'o-o.myaddr.l.google.com';

/** At most this much of a what-is-my-IP answer is kept: an address is under 50 characters. */
const MAX_BODY_CHARS = 120;

/**
 * The address in a Google `o-o.myaddr` TXT answer. Its strings are the asking address, and with EDNS
 * client subnet a second one (`edns0-client-subnet 198.51.100.0/24`) that names no single address: skip it.
 */
export function addressFromTxt(strings: readonly string[]): string | null {
  for (const text of strings) {
    const trimmed = text.trim();
    if (ipFamily(trimmed) !== 0) return canonicalIp(trimmed);
  }
  return null;
}

/**
 * The address in a what-is-my-IP HTTP body: plain text (`198.51.100.7\n`, as api.ipify.org answers) or
 * JSON with an `ip` field (`?format=json`). Null when the body is neither.
 */
export function addressFromBody(body: string): string | null {
  const trimmed = body.trim();
  if (ipFamily(trimmed) !== 0) return canonicalIp(trimmed);
  if (trimmed.startsWith('{') && trimmed.length <= MAX_BODY_CHARS * 4) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const ip = (parsed as { ip?: unknown }).ip;
      if (typeof ip === 'string' && ipFamily(ip.trim()) !== 0) return canonicalIp(ip.trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** A body as kept in evidence: its first characters, control characters replaced. */
export function bodyExcerpt(body: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  return body.slice(0, MAX_BODY_CHARS).replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * Whether an RDP target at this address is reached over the public internet. A private (RFC 1918,
 * RFC 4193), shared (100.64/10), loopback or link-local target is reached over a VPN, ExpressRoute or the
 * local network: the NSG then sees the client's own address on that route, not its public egress.
 */
export function isPublicTarget(address: string): boolean | null {
  const ip = parseIp(address);
  return ip === undefined ? null : isPublicAddress(ip);
}

/**
 * The DNS services' address to use for a target of `family`: the first answer of that family in the
 * order asked (OpenDNS, then Google, unless configured otherwise), else the first answer at all.
 */
export function pickDnsAddress(lookups: readonly EgressLookup[], family: 4 | 6 | null): string | null {
  const addresses = lookups.flatMap((l) => (l.address === null ? [] : [l.address]));
  return addresses.find((a) => family !== null && ipFamily(a) === family) ?? addresses[0] ?? null;
}

/** Distinct addresses among the lookups' answers, in order. */
export function distinctAddresses(lookups: readonly EgressLookup[]): string[] {
  return [...new Set(lookups.flatMap((l) => (l.address === null ? [] : [canonicalIp(l.address)])))];
}

/** The client address an `egress.ip` result gives the Azure side, and where it came from. */
export function clientIpOf(
  evidence: EgressIpEvidence | undefined,
): { readonly address: string; readonly from: NonNullable<EgressIpEvidence['addressFrom']> } | null {
  if (evidence === undefined || evidence.address === null || evidence.addressFrom === null) return null;
  return { address: evidence.address, from: evidence.addressFrom };
}
