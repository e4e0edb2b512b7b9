import type { IcmpPingEvidence, RoutePathEvidence } from '../evidence/path.js';
import type { RdpTlsEvidence } from '../evidence/rdp.js';
import type { TcpEvidence } from '../evidence/tcp.js';
import { makeFinding } from '../findings/make-finding.js';
import { checkKey, DIRECT_PATH } from '../ids.js';
import { mtuLimited, suggestedMtu, tlsStalledAfterConnect } from '../paths/mtu.js';
import { icmpHeaderBytes } from '../paths/ping-commands.js';
import type { CheckResult, Finding } from '../report-schema.js';
import type { Target } from '../target.js';
import { directEvidence } from './direct-evidence.js';

/** What the path rules read: the run's checks. */
export interface PathRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
}

function describeRoute(e: RoutePathEvidence): string {
  const r = e.route;
  if (r === null) return e.outcome;
  return [
    `dev ${r.interface ?? '?'}`,
    ...(r.gateway === null ? [] : [`via ${r.gateway}`]),
    ...(r.source === null ? [] : [`src ${r.source}`]),
    ...(r.mtu === null ? [] : [`mtu ${r.mtu}`]),
  ].join(' ');
}

/**
 * The path findings of a run (pure): `path.via-vpn` when the route to the target leaves through a VPN
 * interface (information: the NSG sees the VPN's address), and `path.mtu-suspected` when TCP connects but
 * the TLS handshake stalls and the don't-fragment pings show a path that cannot carry full-size packets
 * (or, with no ICMP answer to measure, when that route is a VPN's).
 */
export function pathFindings(input: PathRulesInput): Finding[] {
  const { checks } = input;
  const route = directEvidence(checks, 'route.path');
  const findings: Finding[] = [];
  if (route?.vpn != null) findings.push(viaVpn(input, route));
  const mtu = mtuSuspected(
    input,
    directEvidence(checks, 'tcp.connect'),
    directEvidence(checks, 'rdp.tls'),
    directEvidence(checks, 'icmp.ping'),
    route,
  );
  if (mtu !== null) findings.push(mtu);
  return findings;
}

function viaVpn(input: PathRulesInput, route: RoutePathEvidence): Finding {
  const vpn = route.vpn;
  const egress = directEvidence(input.checks, 'egress.ip');
  const seen = egress?.address ?? null;
  const destination = route.destination ?? input.target.host;
  return makeFinding('path.via-vpn', {
    detail: `Your computer sends traffic to ${destination} through ${vpn?.name ?? 'a VPN interface'} (${vpn?.why ?? 'a VPN'})${route.route?.gateway ? `, gateway ${route.route.gateway}` : ''}${route.route?.source ? `, from ${route.route.source}` : ''}. The VM's network security group sees the address the VPN gives you${seen === null ? '' : ` (egress.ip found ${seen})`}, not your own connection's.`,
    evidence: [
      { check: checkKey('route.path', DIRECT_PATH), says: `${destination}: ${describeRoute(route)}` },
      ...(seen === null ? [] : [{ check: checkKey('egress.ip', DIRECT_PATH), says: seen }]),
    ],
    confidence: vpn?.agent === null ? 'medium' : 'high',
    values: { host: input.target.host, port: String(input.target.port), address: destination },
  });
}

function mtuSuspected(
  input: PathRulesInput,
  tcp: TcpEvidence | undefined,
  tls: RdpTlsEvidence | undefined,
  ping: IcmpPingEvidence | undefined,
  route: RoutePathEvidence | undefined,
): Finding | null {
  if (tls === undefined || !tlsStalledAfterConnect(tcp, tls)) return null;
  const probe = ping?.mtu ?? null;
  const limited = mtuLimited(probe);
  const measured = probe?.probes.some((p) => p.outcome === 'reply') ?? false;
  const vpn = route?.vpn ?? null;
  // Full-size packets pass: whatever stalls TLS, it is not the MTU. Without a measure, only a VPN route hints at it.
  if (!limited && (measured || vpn === null)) return null;
  const family = ping?.family ?? 4;
  const pathMtu = probe?.pathMtu ?? null;
  const suggested = suggestedMtu(limited ? pathMtu : null);
  const iface = vpn?.name ?? route?.route?.interface ?? null;
  const routerSaid = probe?.probes.find((p) => p.outcome === 'too-big' && p.mtu !== null);
  const measuredText = !limited
    ? ' Don’t-fragment pings could not measure the path (no ICMP answer), but the route goes through a VPN, where this is typical.'
    : ` Don’t-fragment pings: the largest that passed carried ${probe?.largestPassed ?? '?'} bytes (${pathMtu}-byte packets)${routerSaid ? `; ${routerSaid.from === 'local' ? 'this computer' : `${routerSaid.from ?? 'a router'}`} reported an MTU of ${routerSaid.mtu}` : ''}; ${probe?.probes.find((p) => p.packetBytes >= 1500)?.outcome === 'no-reply' ? '1500-byte packets got no answer' : 'full-size packets did not pass'}.`;
  const finding = makeFinding('path.mtu-suspected', {
    detail: `TCP to ${tls.address}:${tls.port} connects, but the TLS handshake got no answer${tls.handshakeMs === null ? '' : ` in ${Math.round(tls.handshakeMs)} ms`} (${tls.error}).${measuredText}${iface === null ? '' : ` Traffic to the VM leaves through ${iface}${vpn === null ? '' : ` (${vpn.why})`}.`}`,
    evidence: [
      { check: checkKey('rdp.tls', DIRECT_PATH), says: tls.error ?? 'handshake failed' },
      ...(probe === null
        ? []
        : [
            {
              check: checkKey('icmp.ping', DIRECT_PATH),
              says: probe.probes
                .map((p) => `${p.packetBytes} bytes ${p.outcome}${p.mtu === null ? '' : ` (mtu ${p.mtu})`}`)
                .join(', '),
            },
          ]),
      ...(route === undefined ? [] : [{ check: checkKey('route.path', DIRECT_PATH), says: describeRoute(route) }]),
    ],
    confidence: !limited ? 'low' : routerSaid !== undefined ? 'high' : 'medium',
    values: { host: input.target.host, port: String(input.target.port), address: tls.address },
    ...(vpn === null ? {} : { source: 1 as const, candidates: [2 as const] }),
  });
  const payload = String(suggested - icmpHeaderBytes(family));
  const steps = finding.remedy.steps.map((step) => ({
    ...step,
    command: step.command
      .replaceAll('<interface>', iface ?? '<interface>')
      .replaceAll('1350', String(suggested))
      .replaceAll('1322', payload),
  }));
  return { ...finding, remedy: { ...finding.remedy, steps } };
}
