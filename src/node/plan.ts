import type { BindPath } from '../core/paths/bind-paths.js';
import type { ProxyDiscovery } from '../core/proxy/combine-discovery.js';
import { DEFAULT_REQUESTED_PROTOCOLS } from '../core/rdp/protocols.js';
import { encodeConnectionRequest, PROBE_COOKIE } from '../core/rdp/x224-request.js';
import type { PlanEntry } from '../core/report-schema.js';
import { type AzureLivePlan, azureCollectCheck } from './checks/azure-collect-check.js';
import { clientAgentsCheck } from './checks/client-agents-check.js';
import { clientFirewallCheck } from './checks/client-firewall-check.js';
import { dnsFreshCheck } from './checks/dns-fresh-check.js';
import { dnsHostsCheck } from './checks/dns-hosts-check.js';
import { dnsOsCacheCheck } from './checks/dns-os-cache-check.js';
import { dnsOsCheck } from './checks/dns-os-check.js';
import { type EgressOptions, egressIpCheck, egressProxy } from './checks/egress-ip-check.js';
import { icmpPingCheck } from './checks/icmp-ping-check.js';
import { pathTraceCheck } from './checks/path-trace-check.js';
import { proxyChecks } from './checks/proxy-checks.js';
import { proxyDiscoverCheck } from './checks/proxy-discover-check.js';
import { routePathCheck } from './checks/route-path-check.js';
import { tcpConnectCheck } from './checks/tcp-connect-check.js';
import { tcpPortsCheck } from './checks/tcp-ports-check.js';
import { type TlsInspectionPlan, tlsInspectionChecks } from './checks/tls-inspection-check.js';
import { type VmChecksPlan, vmChecksCheck } from './checks/vm-checks-check.js';
import type { DnsEndpoint } from './dns/endpoint.js';
import { rdpChecks } from './rdp/rdp-checks.js';
import type { CheckDefinition } from './runner/check-definition.js';

/** What shapes the plan of checks. */
export interface PlanOptions {
  /** The fastest answer: the OS's DNS answer and TCP only. */
  readonly quick: boolean;
  /** Nameservers for the fresh query; null asks the system's. */
  readonly nameservers: readonly DnsEndpoint[] | null;
  /** Where the hosts file is; the OS's own when absent. */
  readonly hostsFile?: string;
  /** Per-check timeout; the RDP checks give each of their steps this budget. */
  readonly timeoutMs: number;
  /** A load-balancer routing token the user supplied (validated with `validateRoutingToken`). */
  readonly routingToken: string | null;
  /** The edge checks: the proxies discovery found (a path each) and the port matrix; absent: none. */
  readonly edge?: EdgePlan;
  /** The live Azure collection (`--azure-vm`, `--vm`, `--subscription`); absent: not planned. */
  readonly azure?: AzureLivePlan | null;
  /** check-rdp.ps1 on the VM through Run Command, after the live collection (with consent only). */
  readonly vmChecks?: VmChecksPlan | null;
  /** `egress.ip`, the address Azure sees you come from (`--source-ip` when given); absent or null: not planned. */
  readonly egress?: (EgressOptions & { readonly sourceIp: string | null }) | null;
  /** Local addresses (`--bind`, `--interface`): `tcp.connect` and the RDP session checks on a `bind:` path each. */
  readonly binds?: readonly BindPath[] | null;
}

/** What the edge checks need from before the run. */
export interface EdgePlan {
  /** Proxy discovery's result; its proxies each get a `proxy:<url>` path. Null: no proxy checks. */
  readonly discovery: ProxyDiscovery | null;
  /** Ports tried beside the RDP port by `tcp.ports` (not in `--quick`); null leaves it out. */
  readonly ports: readonly number[] | null;
  /** `tls.inspection`, opt-in: directly and through each proxy found. Absent or null: not planned. */
  readonly tls?: TlsInspectionPlan | null;
}

/** Extra TCP connects for latency and jitter in the default plan. */
const TCP_SAMPLES = 3;

/**
 * The checks of a run, in the order reports list them. New checks are added here. `--quick` keeps the
 * fastest answer: the OS's DNS answer, TCP, and the RDP handshake on one connection. The local firewall
 * and agent checks stay out of it: on Windows each starts PowerShell or tasklist (a second or more), and
 * neither is needed to tell whether the port answers.
 */
export function buildPlan(options: PlanOptions): CheckDefinition[] {
  const rdp = rdpChecks({
    stepTimeoutMs: options.timeoutMs,
    routingToken: options.routingToken,
    protocols: !options.quick,
    udp: !options.quick,
  });
  // The token was validated with the user's input; failing here is a bug.
  if (rdp.kind === 'err') throw new Error(`unvalidated routing token reached the plan: ${rdp.error.message}`);
  const edge = edgeChecks(options);
  const egress = options.egress
    ? [egressIpCheck({ ...options.egress, proxy: egressProxy(options.edge?.discovery ?? null) }, options.timeoutMs)]
    : [];
  // Without --source-ip, the live Azure collection asks IP flow verify about the address egress.ip finds.
  const azure = options.azure
    ? [
        azureCollectCheck({ ...options.azure, useEgress: egress.length > 0 }),
        ...(options.vmChecks ? [vmChecksCheck(options.vmChecks)] : []),
      ]
    : [];
  const binds = bindChecks(options);
  if (options.quick)
    return [
      dnsOsCheck(),
      tcpConnectCheck({ withFresh: false, samples: 0 }),
      ...rdp.value,
      ...binds,
      ...edge,
      ...egress,
      ...azure,
    ];
  return [
    dnsOsCheck(),
    dnsFreshCheck(options.nameservers),
    dnsHostsCheck(options.hostsFile),
    dnsOsCacheCheck(),
    clientFirewallCheck({ timeoutMs: options.timeoutMs }),
    clientAgentsCheck(),
    tcpConnectCheck({ withFresh: true, samples: TCP_SAMPLES }),
    ...rdp.value,
    routePathCheck({ timeoutMs: options.timeoutMs }),
    icmpPingCheck(),
    pathTraceCheck(),
    ...binds,
    ...(options.edge?.ports ? [tcpPortsCheck(options.edge.ports)] : []),
    ...edge,
    ...egress,
    ...azure,
  ];
}

/**
 * Per local address (`--bind`, `--interface`), its `bind:` path: `tcp.connect` and the RDP session
 * checks (`rdp.negotiate`, `rdp.tls`, `rdp.ntlm`) with every socket bound to that address.
 */
function bindChecks(options: PlanOptions): CheckDefinition[] {
  return (options.binds ?? []).flatMap((bind) => {
    const rdp = rdpChecks({
      stepTimeoutMs: options.timeoutMs,
      routingToken: options.routingToken,
      protocols: false,
      udp: false,
      bind,
    });
    if (rdp.kind === 'err') throw new Error(`unvalidated routing token reached the plan: ${rdp.error.message}`);
    return [tcpConnectCheck({ withFresh: false, samples: options.quick ? 0 : TCP_SAMPLES, bind }), ...rdp.value];
  });
}

/**
 * `proxy.discover` and, per proxy found, `proxy.connect` and `rdp.negotiate` on its path; then
 * `tls.inspection` (when asked for) directly and through each proxy.
 */
function edgeChecks(options: PlanOptions): CheckDefinition[] {
  const tls = options.edge?.tls ?? null;
  const proxies = options.edge?.discovery?.proxies ?? [];
  return [...proxyPlan(options), ...(tls === null ? [] : tlsInspectionChecks(tls, proxies, options.timeoutMs))];
}

function proxyPlan(options: PlanOptions): CheckDefinition[] {
  const discovery = options.edge?.discovery ?? null;
  if (discovery === null) return [];
  const cookie = options.routingToken === null ? PROBE_COOKIE : null;
  const request = encodeConnectionRequest({
    requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
    cookie,
    routingToken: options.routingToken,
  });
  if (request.kind === 'err') throw new Error(`unvalidated routing token reached the plan: ${request.error.message}`);
  const rdpRequest = {
    bytes: request.value,
    requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
    sentToken: options.routingToken ?? `Cookie: mstshash=${PROBE_COOKIE}`,
  };
  return [
    proxyDiscoverCheck(discovery),
    ...discovery.proxies.flatMap((p) => proxyChecks(p, rdpRequest, options.timeoutMs)),
  ];
}

/** The plan as reports and the UI list it: plain data, no functions. */
export function planEntries(plan: readonly CheckDefinition[]): PlanEntry[] {
  return plan.map((c) => ({ id: c.id, path: c.path, title: c.title, needs: [...c.needs] }));
}
