import { dnsFreshCheck } from './checks/dns-fresh-check.js';
import { dnsHostsCheck } from './checks/dns-hosts-check.js';
import { dnsOsCacheCheck } from './checks/dns-os-cache-check.js';
import { dnsOsCheck } from './checks/dns-os-check.js';
import { tcpConnectCheck } from './checks/tcp-connect-check.js';
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
}

/** Extra TCP connects for latency and jitter in the default plan. */
const TCP_SAMPLES = 3;

/**
 * The checks of a run, in the order reports list them. New checks are added here. `--quick` keeps the
 * fastest answer: the OS's DNS answer, TCP, and the RDP handshake on one connection.
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
  if (options.quick) return [dnsOsCheck(), tcpConnectCheck({ withFresh: false, samples: 0 }), ...rdp.value];
  return [
    dnsOsCheck(),
    dnsFreshCheck(options.nameservers),
    dnsHostsCheck(options.hostsFile),
    dnsOsCacheCheck(),
    tcpConnectCheck({ withFresh: true, samples: TCP_SAMPLES }),
    ...rdp.value,
  ];
}
