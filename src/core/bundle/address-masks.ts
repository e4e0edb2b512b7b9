import { canonicalIp, isIPv4, isIPv6 } from '../address.js';
import { ipScope } from './ip-scope.js';
import { type KeyedHash, maskOf } from './mask.js';
import type { RedactionOptions } from './redaction-options.js';

const IPV6_CANDIDATE = /(?<![\w:.%])[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*(?:%[\w.-]+)?/gi;
const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g;
const MAC_COLON = /(?<![0-9a-f:-])[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}(?![0-9a-f:-])/gi;
const MAC_DOTTED = /(?<![0-9a-f.])[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?![0-9a-f.])/gi;
const GUID = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/gi;

/** The IP mask (`ipv4-public-3f9a2c1b`) when the options mask an address of its scope, else the text. */
function maskIp(text: string, family: 4 | 6, options: RedactionOptions, hash: KeyedHash): string {
  const scope = ipScope(text);
  if (scope === 'public' && !options.publicIps) return text;
  if (scope === 'private' && !options.privateIps) return text;
  if (scope !== 'public' && scope !== 'private') return text;
  return maskOf(`ipv${family}-${scope}`, canonicalIp(text), hash);
}

/** Masks IPv6 then IPv4 addresses found anywhere in the text (the family and scope stay visible). */
export function maskIpAddresses(text: string, options: RedactionOptions, hash: KeyedHash): string {
  if (!options.publicIps && !options.privateIps) return text;
  const v6 = text.replace(IPV6_CANDIDATE, (token) => {
    const trimmed = token.replace(/\.+$/, '');
    if (!isIPv6(trimmed)) return token;
    return maskIp(trimmed, 6, options, hash) + token.slice(trimmed.length);
  });
  return v6.replace(IPV4_CANDIDATE, (token) => (isIPv4(token) ? maskIp(token, 4, options, hash) : token));
}

/** Masks MAC addresses (`00:15:5d:01:02:03`, `00-15-5D-…`, `0015.5d01.0203`). */
export function maskMacAddresses(text: string, hash: KeyedHash): string {
  const mask = (mac: string) => maskOf('mac', mac.replace(/[:.-]/g, '').toLowerCase(), hash);
  return text.replace(MAC_COLON, mask).replace(MAC_DOTTED, mask);
}

/**
 * Masks GUIDs: after `subscriptions/` as `subscription-…`, after `tenant` as `tenant-…`; a GUID without
 * context could be either and is masked as `guid-…` when either category is.
 */
export function maskAzureIds(text: string, options: RedactionOptions, hash: KeyedHash): string {
  if (!options.subscriptionIds && !options.tenantIds) return text;
  return text.replace(GUID, (guid: string, offset: number) => {
    const before = text.slice(Math.max(0, offset - 24), offset);
    const kind = /subscriptions?[\s/:="']*$/i.test(before)
      ? 'subscription'
      : /tenant(?:[\s_-]?id)?s?[\s/:="']*$/i.test(before)
        ? 'tenant'
        : 'guid';
    const wanted = kind === 'subscription' ? options.subscriptionIds : kind === 'tenant' ? options.tenantIds : true;
    return wanted ? maskOf(kind, guid.toLowerCase(), hash) : guid;
  });
}
