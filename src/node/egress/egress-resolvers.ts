import { ipFamily } from '../../core/address.js';
import { GOOGLE_NAME, OPENDNS_NAME } from '../../core/egress/egress-answer.js';
import type { ThirdParty } from '../../core/evidence/edge.js';
import type { EgressService } from '../../core/evidence/egress.js';

/** A what-is-my-address DNS service at one resolver address. */
export interface EgressResolver {
  readonly service: EgressService;
  readonly server: string;
  readonly port: number;
  /** As given or documented, for evidence: `208.67.222.222`, `198.51.100.53:5353`, `[2620:119:35::35]`. */
  readonly label: string;
}

/** One question the egress check asks a resolver. */
export interface EgressQuestion {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'TXT';
}

/**
 * The public services, at their documented addresses (no lookup of their names: that would ask the
 * computer's resolver first): resolver1.opendns.com (208.67.222.222, 2620:119:35::35) and
 * ns1.google.com (216.239.32.10, 2001:4860:4802:32::a). Each answers with the address the query came
 * from, so each family is asked over its own transport.
 */
export const DEFAULT_EGRESS_RESOLVERS: readonly EgressResolver[] = [
  { service: 'opendns', server: '208.67.222.222', port: 53, label: '208.67.222.222' },
  { service: 'opendns', server: '2620:119:35::35', port: 53, label: '[2620:119:35::35]' },
  { service: 'google', server: '216.239.32.10', port: 53, label: '216.239.32.10' },
  { service: 'google', server: '2001:4860:4802:32::a', port: 53, label: '[2001:4860:4802:32::a]' },
];

/** The public what-is-my-IP endpoint asked through a proxy: it answers the address in plain text. */
export const DEFAULT_EGRESS_URL = 'https://api.ipify.org/';

/** Each service's name for the asker's address and the server's name, for the disclosure. */
const SERVICES: Readonly<Record<EgressService, { readonly title: string; readonly server: string }>> = {
  opendns: { title: 'OpenDNS', server: 'resolver1.opendns.com' },
  google: { title: 'Google', server: 'ns1.google.com' },
};

/** The service's title: OpenDNS, Google. */
export function serviceTitle(service: EgressService): string {
  return SERVICES[service].title;
}

/**
 * What the egress check asks a resolver: OpenDNS answers `myip.opendns.com` with the asking address, in
 * an A record over IPv4 and an AAAA record over IPv6; Google answers `o-o.myaddr.l.google.com` TXT with it.
 */
export function questionFor(resolver: EgressResolver): EgressQuestion {
  if (resolver.service === 'google') return { name: GOOGLE_NAME, type: 'TXT' };
  return { name: OPENDNS_NAME, type: ipFamily(resolver.server) === 6 ? 'AAAA' : 'A' };
}

/** The resolver as a third party: where, what for and what it is sent (nothing about the target). */
export function resolverThirdParty(resolver: EgressResolver, contacted: boolean): ThirdParty {
  const { name, type } = questionFor(resolver);
  const isDefault = DEFAULT_EGRESS_RESOLVERS.some((d) => d.server === resolver.server && d.port === resolver.port);
  const where = isDefault ? ` (${SERVICES[resolver.service].server})` : '';
  return {
    endpoint: `dns://${ipFamily(resolver.server) === 6 ? `[${resolver.server}]` : resolver.server}:${resolver.port}${where}`,
    purpose: `${serviceTitle(resolver.service)} tells the public address your DNS queries leave from (what an NSG sees)`,
    sends: `one DNS query for ${name} ${type} over UDP (sent again once if unanswered); nothing about the target`,
    contacted,
  };
}

/** The what-is-my-IP endpoint as a third party, asked through the proxy that applies. */
export function urlThirdParty(url: string, proxy: string, contacted: boolean): ThirdParty {
  const host = new URL(url).hostname;
  return {
    endpoint: url,
    purpose: `tells the public address your proxy's traffic leaves from (what the portal's "My IP" may show)`,
    sends: `through ${proxy}: CONNECT to it, a TLS ClientHello naming ${host} and one HTTP GET; nothing about the target`,
    contacted,
  };
}
