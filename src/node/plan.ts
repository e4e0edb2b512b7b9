import { dnsFreshCheck } from './checks/dns-fresh-check.js';
import { dnsHostsCheck } from './checks/dns-hosts-check.js';
import { dnsOsCacheCheck } from './checks/dns-os-cache-check.js';
import { dnsOsCheck } from './checks/dns-os-check.js';
import { tcpConnectCheck } from './checks/tcp-connect-check.js';
import type { DnsEndpoint } from './dns/endpoint.js';
import type { CheckDefinition } from './runner/check-definition.js';

/** What shapes the plan of checks. */
export interface PlanOptions {
  /** The fastest answer: the OS's DNS answer and TCP only. */
  readonly quick: boolean;
  /** Nameservers for the fresh query; null asks the system's. */
  readonly nameservers: readonly DnsEndpoint[] | null;
  /** Where the hosts file is; the OS's own when absent. */
  readonly hostsFile?: string;
}

/** Extra TCP connects for latency and jitter in the default plan. */
const TCP_SAMPLES = 3;

/** The checks of a run, in the order reports list them. New checks are added here. */
export function buildPlan(options: PlanOptions): CheckDefinition[] {
  if (options.quick) return [dnsOsCheck(), tcpConnectCheck({ withFresh: false, samples: 0 })];
  return [
    dnsOsCheck(),
    dnsFreshCheck(options.nameservers),
    dnsHostsCheck(options.hostsFile),
    dnsOsCacheCheck(),
    tcpConnectCheck({ withFresh: true, samples: TCP_SAMPLES }),
  ];
}
