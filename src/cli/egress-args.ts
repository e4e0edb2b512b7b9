import { ipFamily, isHostname } from '../core/address.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { parseDnsEndpoint } from '../node/dns/endpoint.js';
import type { EgressResolver } from '../node/egress/egress-resolvers.js';

/** At most this many `--egress-resolver`s: each is asked at once. */
const MAX_RESOLVERS = 8;

const SERVICES = ['opendns', 'google'] as const;

/**
 * Parses every `--egress-resolver <service>@<ip[:port]>` (`opendns@198.51.100.53`,
 * `google@[2001:db8::53]:5353`): the what-is-my-address DNS services to ask instead of the public ones.
 * `opendns` is asked `myip.opendns.com` (A over IPv4, AAAA over IPv6), `google` `o-o.myaddr.l.google.com` TXT.
 */
export function parseEgressResolvers(values: readonly string[]): Result<EgressResolver[] | null, InputError> {
  if (values.length === 0) return ok(null);
  if (values.length > MAX_RESOLVERS)
    return err(inputError('--egress-resolver', `--egress-resolver: at most ${MAX_RESOLVERS} resolvers.`));
  const resolvers: EgressResolver[] = [];
  for (const text of values) {
    const bad = (why: string) => err(inputError('--egress-resolver', `--egress-resolver: "${text}" ${why}`));
    const at = text.indexOf('@');
    const service = text.slice(0, Math.max(at, 0)).trim().toLowerCase();
    if (at < 0 || !(SERVICES as readonly string[]).includes(service))
      return bad(
        'is not <service>@<ip[:port]>; expected opendns@ or google@ and an address, e.g. opendns@198.51.100.53.',
      );
    const endpoint = parseDnsEndpoint(text.slice(at + 1).trim(), '--egress-resolver');
    if (endpoint.kind === 'err') return endpoint;
    const { server, port } = endpoint.value;
    const label =
      ipFamily(server) === 6
        ? `[${server}]${port === 53 ? '' : `:${port}`}`
        : `${server}${port === 53 ? '' : `:${port}`}`;
    resolvers.push({ service: service as (typeof SERVICES)[number], server, port, label });
  }
  return ok(resolvers);
}

/** Parses `--egress-url`: an https URL whose answer is the asking address in plain text (or JSON `ip`). */
export function parseEgressUrl(text: string | undefined): Result<string | null, InputError> {
  if (text === undefined) return ok(null);
  const bad = (why: string) =>
    err(inputError('--egress-url', `--egress-url: "${text.replace(/\/\/[^/@]*@/, '//***@')}" ${why}`));
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return bad('is not a URL; expected e.g. https://api.ipify.org/.');
  }
  if (url.protocol !== 'https:') return bad('is not an https URL; expected e.g. https://api.ipify.org/.');
  if (url.username !== '' || url.password !== '') return bad('has credentials; a what-is-my-IP endpoint needs none.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isHostname(host) && ipFamily(host) === 0) return bad('has no valid host.');
  return ok(url.href);
}
