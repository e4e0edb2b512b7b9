import type { RoutePathEvidence } from '../../core/evidence/path.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { budgetOf } from '../client/read-tool.js';
import { type RouteCommands, readRoute } from '../path/read-route.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../runner/check-definition.js';
import { windowsBudget } from './client-firewall-check.js';

/** What the route check may be told: another OS's tool or other tool paths (tests). */
export interface RoutePathOptions {
  readonly platform?: NodeJS.Platform;
  readonly commands?: RouteCommands;
  /** The run's per-check timeout; on Windows the check gets at least WINDOWS_MIN_TIMEOUT_MS (PowerShell). */
  readonly timeoutMs?: number;
}

/** The address the RDP client dials first: the literal target or the OS resolver's first answer. */
export function firstDialledAddress(context: Pick<CheckContext, 'target' | 'result'>): string | null {
  const { target } = context;
  if (target.hostKind !== 'hostname') return target.host;
  const dns = context.result(checkKey('dns.os', DIRECT_PATH))?.evidence;
  return dns?.kind === 'dns.os' ? (dns.addresses[0]?.address ?? null) : null;
}

function describe(e: RoutePathEvidence): CheckOutcome {
  const to = e.destination ?? 'the target';
  if (e.destination === null)
    return { status: 'skipped', summary: 'Not run: no address to look up a route for.', evidence: e };
  if (e.outcome === 'no-route') {
    return {
      status: 'fail',
      summary: `Your computer has no route to ${to} (${e.lookup?.command ?? 'the route table'}).`,
      evidence: e,
    };
  }
  const r = e.route;
  if (e.outcome === 'unknown' || r === null) {
    const why = e.lookup?.message ?? `RDP Probe cannot read the routes of ${e.os === 'other' ? 'this OS' : e.os}`;
    const failed = e.lookup?.outcome === 'failed' || e.lookup?.outcome === 'timeout';
    return { status: failed ? 'error' : 'skipped', summary: `Could not read the route to ${to}: ${why}.`, evidence: e };
  }
  const via = r.gateway === null ? 'directly (on-link)' : `via gateway ${r.gateway}`;
  const vpn = e.vpn === null ? '' : ` — a VPN interface: ${e.vpn.why}`;
  const others =
    e.vpn === null && e.vpnInterfaces.length > 0
      ? ` (VPN interfaces present but not on this route: ${e.vpnInterfaces.map((v) => v.name).join(', ')})`
      : '';
  return {
    status: 'info',
    summary: `Traffic to ${to} leaves through ${r.interface ?? 'an unnamed interface'}${vpn}, ${via}${r.source === null ? '' : `, from ${r.source}`}${r.mtu === null ? '' : `, MTU ${r.mtu}`}${others}.`,
    evidence: e,
  };
}

/**
 * route.path: which interface and gateway carry traffic to the target, from the OS's own answer
 * (`ip -j route get`, `route -n get`, `Find-NetRoute`), and whether that interface is a VPN's. Evidence
 * only: no route at all is the one failure (the connection cannot leave).
 */
export function routePathCheck(options: RoutePathOptions = {}): CheckDefinition {
  const dnsKey = checkKey('dns.os', DIRECT_PATH);
  const platform = options.platform ?? process.platform;
  const longer = windowsBudget(platform, options.timeoutMs);
  return {
    id: 'route.path',
    path: DIRECT_PATH,
    title: 'Route to the target (interface, gateway, VPN)',
    needs: [dnsKey],
    ...longer,
    async run(context) {
      const evidence = await readRoute(
        platform,
        firstDialledAddress(context),
        options.commands ?? {},
        budgetOf(context.timeoutMs, context.signal),
      );
      return describe(evidence);
    },
  };
}
