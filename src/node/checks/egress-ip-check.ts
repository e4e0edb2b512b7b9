import { canonicalIp, ipFamily, sameIp } from '../../core/address.js';
import { distinctAddresses, isPublicTarget, pickDnsAddress } from '../../core/egress/egress-answer.js';
import type { ThirdParty } from '../../core/evidence/edge.js';
import type { EgressIpEvidence, EgressLookup, EgressProxyLookup } from '../../core/evidence/egress.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import type { DiscoveredProxy, ProxyDiscovery } from '../../core/proxy/combine-discovery.js';
import { proxyLabel } from '../../core/proxy/proxy-url.js';
import { lookupEgress } from '../egress/dns-egress.js';
import { type EgressResolver, resolverThirdParty, serviceTitle, urlThirdParty } from '../egress/egress-resolvers.js';
import { type LocalRoute, localAddressFor } from '../egress/local-route.js';
import { proxyEgress } from '../egress/proxy-egress.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';

/** How the egress check may find the client's address; the CLI fills it from its options. */
export interface EgressOptions {
  /** false with `--no-external`: no what-is-my-address service is asked. */
  readonly external: boolean;
  /** The DNS services to ask (`--egress-resolver`; the public ones by default). */
  readonly resolvers: readonly EgressResolver[];
  /** The what-is-my-IP HTTPS endpoint asked through the proxy that applies (`--egress-url`). */
  readonly url: string;
  /** PEM roots the endpoint's certificate should end in; Node's bundled public roots when absent. */
  readonly trustedRoots?: readonly string[];
}

/** What the plan gives the egress check. */
export interface EgressPlan extends EgressOptions {
  /** `--source-ip`: the address is known, nobody is asked. */
  readonly sourceIp: string | null;
  /** The proxy that applies to the target (proxy discovery's decision); null: no lookup through a proxy. */
  readonly proxy: DiscoveredProxy | null;
}

/** The key of the egress check, which `azure.collect` needs when no `--source-ip` is given. */
export const EGRESS_KEY = checkKey('egress.ip', DIRECT_PATH);

/**
 * The proxy that applies to the target, per discovery's decision (what proxy-aware software such as the
 * browser uses): the one whose egress the portal's "My IP" would see. Null when the decision is direct.
 */
export function egressProxy(discovery: ProxyDiscovery | null): DiscoveredProxy | null {
  const decision = discovery?.evidence.decision;
  if (discovery === null || decision?.via !== 'proxy' || decision.proxy === null) return null;
  return discovery.proxies.find((p) => proxyLabel(p.proxy) === decision.proxy) ?? null;
}

function thirdParties(plan: EgressPlan, contacted: boolean): ThirdParty[] {
  return [
    ...plan.resolvers.map((r) => resolverThirdParty(r, contacted)),
    ...(plan.proxy === null ? [] : [urlThirdParty(plan.url, proxyLabel(plan.proxy.proxy), contacted)]),
  ];
}

function describeLookup(l: EgressLookup): string {
  const who = `${serviceTitle(l.service)} at ${l.resolver}`;
  if (l.address !== null) return `${who} says ${l.address}`;
  if (l.outcome === 'bad-answer') return `${who} answered "${l.answers.join(' ') || 'nothing'}", not an address`;
  return `${who}: ${l.outcome}${l.message === null ? '' : ` (${l.message})`}`;
}

function describeProxy(p: EgressProxyLookup): string {
  const trust = p.certificateTrusted === false ? '; its certificate is not trusted (TLS inspection?)' : '';
  if (p.address !== null) return `through ${p.proxy}, ${p.url} says ${p.address}${trust}`;
  return `through ${p.proxy}, ${p.url}: ${p.outcome}${p.error === null ? '' : ` (${p.error})`}${trust}`;
}

/** The public lookups' outcome: the address the NSG sees (direct DNS first), and how sure it is. */
function publicOutcome(
  base: Omit<EgressIpEvidence, 'lookups' | 'proxy' | 'dnsAddresses' | 'address' | 'addressFrom'>,
  lookups: EgressLookups,
): CheckOutcome {
  const { dns, proxy } = lookups;
  const family = base.targetAddress === null ? 0 : ipFamily(base.targetAddress);
  const dnsAddress = pickDnsAddress(dns, family === 0 ? null : family);
  const address = dnsAddress ?? proxy?.address ?? null;
  const evidence: EgressIpEvidence = {
    ...base,
    lookups: dns,
    proxy,
    dnsAddresses: distinctAddresses(dns),
    address,
    addressFrom: dnsAddress !== null ? 'dns' : address !== null ? 'proxy' : null,
  };
  const said = [...dns.map(describeLookup), ...(proxy === null ? [] : [describeProxy(proxy)])].join('; ');
  if (address === null) {
    const silent = dns.every((l) => l.outcome === 'timeout') && (proxy === null || proxy.outcome === 'timeout');
    return {
      status: silent ? 'timeout' : 'error',
      summary: `Could not learn the public address Azure sees (${said}); give it with --source-ip.`,
      evidence,
    };
  }
  const sameFamily = (a: string) => ipFamily(a) === ipFamily(address);
  const split = evidence.dnsAddresses.filter(sameFamily).length > 1;
  const proxyDiffers = proxy?.address != null && sameFamily(proxy.address) && !sameIp(proxy.address, address);
  const from =
    evidence.addressFrom === 'dns'
      ? 'from the DNS services'
      : `from the proxy only: RDP goes direct and may leave from another address`;
  const notes = [
    ...(split
      ? [
          `the DNS services disagree (${evidence.dnsAddresses.join(', ')}): traffic may leave by more than one route; using the first`,
        ]
      : []),
    ...(proxyDiffers ? [`the proxy's traffic leaves from ${proxy?.address}, another address`] : []),
  ];
  return {
    status: split || proxyDiffers ? 'warn' : 'pass',
    summary: `Azure sees this computer's direct traffic as ${address} (${from})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}. ${said}.`,
    evidence,
  };
}

interface EgressLookups {
  readonly dns: EgressLookup[];
  readonly proxy: EgressProxyLookup | null;
}

function isLoopback(address: string | null): boolean {
  return address !== null && (address.startsWith('127.') || address === '::1');
}

/** The address the RDP client dials: the target itself, or the OS resolver's first answer. */
function dialledAddress(context: Parameters<CheckDefinition['run']>[0]): string | null {
  const { target } = context;
  if (target.hostKind !== 'hostname') return canonicalIp(target.host);
  const dns = context.result(checkKey('dns.os', DIRECT_PATH))?.evidence;
  const first = dns?.kind === 'dns.os' ? dns.addresses[0]?.address : undefined;
  return first === undefined ? null : canonicalIp(first);
}

/**
 * egress.ip: the client address an NSG sees for RDP from this computer, which the Azure side evaluates.
 * `--source-ip` gives it outright. For a private target (VPN, ExpressRoute) it is the local address on the
 * route to it. For a public one it is asked of public services (third parties, skipped with
 * `--no-external`): OpenDNS and Google over DNS, directly, and a what-is-my-IP endpoint through the proxy
 * that applies, whose network may leave from another address.
 */
export function egressIpCheck(plan: EgressPlan, stepTimeoutMs: number): CheckDefinition {
  return {
    id: 'egress.ip',
    path: DIRECT_PATH,
    title: 'The address Azure sees you come from',
    needs: [checkKey('dns.os', DIRECT_PATH)],
    // The proxy lookup is a tunnel, then a handshake and a GET, each bounded by the step timeout.
    ...(plan.proxy === null ? {} : { timeoutMs: 2 * stepTimeoutMs + 250 }),
    async run(context) {
      const targetAddress = dialledAddress(context);
      const targetPublic = targetAddress === null ? null : isPublicTarget(targetAddress);
      const route: LocalRoute | null =
        targetAddress === null ? null : await localAddressFor(targetAddress, context.target.port);
      const base = { kind: 'egress.ip' as const, targetAddress, targetPublic, route };
      const none = { lookups: [], proxy: null, dnsAddresses: [] };
      if (plan.sourceIp !== null) {
        const address = canonicalIp(plan.sourceIp);
        return {
          status: 'info',
          summary: `Using --source-ip ${address} as the address Azure sees; no service was asked.`,
          evidence: {
            ...base,
            ...none,
            mode: 'option',
            address,
            addressFrom: 'option',
            thirdParties: thirdParties(plan, false),
          },
        };
      }
      if (targetPublic === false) {
        const local = route?.localAddress ?? null;
        const evidence: EgressIpEvidence = {
          ...base,
          ...none,
          mode: 'local-route',
          address: local,
          addressFrom: local === null ? null : 'local-route',
          thirdParties: thirdParties(plan, false),
        };
        return local === null
          ? {
              status: 'error',
              summary: `${targetAddress} is a private address, and the OS gave no route to it (${route?.error ?? 'unknown'}).`,
              evidence,
            }
          : {
              status: 'info',
              summary: isLoopback(targetAddress)
                ? `${targetAddress} is this computer (loopback): no NSG lies on the way; its local address is ${local}. No service was asked.`
                : `${targetAddress} is a private address (VPN, ExpressRoute or the local network): its NSG sees this computer's address on the route to it, ${local}, not a public one. No service was asked.`,
              evidence,
            };
      }
      if (!plan.external)
        return {
          status: 'skipped',
          summary:
            'Not run: --no-external forbids asking public services for the address Azure sees; give it with --source-ip.',
          evidence: {
            ...base,
            ...none,
            mode: 'not-contacted',
            address: null,
            addressFrom: null,
            thirdParties: thirdParties(plan, false),
          },
        };
      const [dns, proxy] = await Promise.all([
        lookupEgress(plan.resolvers, { timeoutMs: Math.max(200, stepTimeoutMs - 100), signal: context.signal }),
        plan.proxy === null
          ? Promise.resolve(null)
          : proxyEgress(plan.proxy.proxy, {
              url: plan.url,
              timeoutMs: stepTimeoutMs,
              signal: context.signal,
              ...(plan.trustedRoots === undefined ? {} : { trustedRoots: plan.trustedRoots }),
            }),
      ]);
      return publicOutcome({ ...base, mode: 'public', thirdParties: thirdParties(plan, true) }, { dns, proxy });
    },
  };
}
