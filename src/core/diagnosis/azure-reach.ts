import { canonicalIp, sameIp } from '../address.js';
import { isResourceOfType, parentResourceId, sameResourceId } from '../azure/resource-id.js';
import type {
  AzureIpConfig,
  AzureLoadBalancer,
  AzureNatRule,
  AzureNic,
  AzurePublicIp,
  AzureSnapshot,
} from '../azure/snapshot-schema.js';
import { DIRECT_PATH } from '../ids.js';
import type { CheckResult, DnsOsEvidence } from '../report-schema.js';
import type { Target } from '../target.js';

/** How the dialled address reaches the VM, as far as the snapshot tells. */
export type Reach =
  /** An instance-level public IP on one of the VM's NICs (`publicIp` null: known only from `az vm show -d`). */
  | { readonly kind: 'public-ip'; readonly dialled: string; readonly publicIp: AzurePublicIp | null }
  /** A load balancer frontend; `natRule` is the inbound NAT rule for the dialled port, if any. */
  | {
      readonly kind: 'load-balancer';
      readonly dialled: string;
      readonly publicIp: AzurePublicIp;
      readonly lb: AzureLoadBalancer;
      readonly frontendId: string;
      readonly natRule: AzureNatRule | null;
    }
  /** The dialled addresses are none of the public IPs in the snapshot. */
  | { readonly kind: 'not-matched'; readonly dialled: readonly string[] }
  /** Nothing was dialled (the name did not resolve). */
  | { readonly kind: 'no-address' };

/** Where the flow lands: NIC, IP configuration, private IP and the port NSGs see. */
export interface Landing {
  readonly reach: Reach;
  readonly nic: AzureNic | null;
  readonly ipConfig: AzureIpConfig | null;
  readonly privateIp: string | null;
  readonly backendPort: number;
}

/** The addresses the RDP client dials: the OS resolver's answer for a name, or the literal address. */
export function dialledAddresses(target: Target, checks: readonly CheckResult[]): string[] {
  if (target.hostKind !== 'hostname') return [canonicalIp(target.host)];
  const os = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === 'dns.os')?.evidence as
    | DnsOsEvidence
    | undefined;
  return os?.addresses.map((a) => canonicalIp(a.address)) ?? [];
}

/** The VM's NICs: those the VM lists or that point at it; every NIC when the VM is unknown. */
export function vmNics(snapshot: AzureSnapshot): AzureNic[] {
  const vm = snapshot.vm;
  if (vm === null || (vm.id === null && vm.nics.length === 0)) return [...snapshot.nics];
  return snapshot.nics.filter(
    (nic) => sameResourceId(nic.vmId, vm.id) || vm.nics.some((ref) => sameResourceId(ref.id, nic.id)),
  );
}

function natRuleFor(lb: AzureLoadBalancer, frontendId: string, port: number): AzureNatRule | null {
  return (
    lb.inboundNatRules.find((rule) => {
      if (!sameResourceId(rule.frontendIpConfigurationId, frontendId)) return false;
      if (rule.protocol !== null && !/^(tcp|all|\*)$/i.test(rule.protocol)) return false;
      if (rule.frontendPort === port) return true;
      const range = rule.frontendPortRange;
      return range !== null && port >= range.start && port <= range.end;
    }) ?? null
  );
}

function frontendOf(snapshot: AzureSnapshot, ip: AzurePublicIp): { lb: AzureLoadBalancer; frontendId: string } | null {
  for (const lb of snapshot.loadBalancers) {
    for (const frontend of lb.frontends) {
      if (sameResourceId(frontend.publicIpId, ip.id) || sameResourceId(frontend.id, ip.ipConfigurationId)) {
        return { lb, frontendId: frontend.id };
      }
    }
  }
  return null;
}

/** Finds how the dialled addresses reach the VM. */
export function findReach(snapshot: AzureSnapshot, dialled: readonly string[], port: number): Reach {
  if (dialled.length === 0) return { kind: 'no-address' };
  for (const address of dialled) {
    const ip = snapshot.publicIps.find((p) => p.address !== null && sameIp(p.address, address));
    if (ip !== undefined) {
      const frontend = frontendOf(snapshot, ip);
      if (frontend !== null) {
        return {
          kind: 'load-balancer',
          dialled: address,
          publicIp: ip,
          ...frontend,
          natRule: natRuleFor(frontend.lb, frontend.frontendId, port),
        };
      }
      if (ip.ipConfigurationId === null || isResourceOfType(ip.ipConfigurationId, 'networkInterfaces')) {
        return { kind: 'public-ip', dialled: address, publicIp: ip };
      }
    }
    if (snapshot.vm?.publicIps.some((p) => sameIp(p, address)))
      return { kind: 'public-ip', dialled: address, publicIp: null };
  }
  return { kind: 'not-matched', dialled };
}

function configById(nics: readonly AzureNic[], id: string | null): { nic: AzureNic; ipConfig: AzureIpConfig } | null {
  if (id === null) return null;
  const nic = nics.find((n) => sameResourceId(n.id, parentResourceId(id)));
  const ipConfig = nic?.ipConfigurations.find((c) => sameResourceId(c.id, id));
  return nic === undefined || ipConfig === undefined ? null : { nic, ipConfig };
}

function configByAddress(
  nics: readonly AzureNic[],
  address: string | null,
): { nic: AzureNic; ipConfig: AzureIpConfig } | null {
  if (address === null) return null;
  for (const nic of nics) {
    const ipConfig = nic.ipConfigurations.find((c) => c.privateIp !== null && sameIp(c.privateIp, address));
    if (ipConfig !== undefined) return { nic, ipConfig };
  }
  return null;
}

function primaryConfig(snapshot: AzureSnapshot): { nic: AzureNic; ipConfig: AzureIpConfig | null } | null {
  const nics = vmNics(snapshot);
  const primaryRef = snapshot.vm?.nics.find((ref) => ref.primary === true) ?? snapshot.vm?.nics[0];
  const nic = nics.find((n) => sameResourceId(n.id, primaryRef?.id)) ?? nics.find((n) => n.primary === true) ?? nics[0];
  if (nic === undefined) return null;
  const ipConfig = nic.ipConfigurations.find((c) => c.primary === true) ?? nic.ipConfigurations[0] ?? null;
  return { nic, ipConfig };
}

/** Where the flow lands for a reach: through a NAT rule's backend, the public IP's NIC, or the VM's primary NIC. */
export function findLanding(snapshot: AzureSnapshot, reach: Reach, rdpPort: number): Landing {
  let found: { nic: AzureNic; ipConfig: AzureIpConfig | null } | null = null;
  let backendPort = rdpPort;
  if (reach.kind === 'load-balancer' && reach.natRule !== null) {
    const rule = reach.natRule;
    const mapping = rule.portMappings.find((m) => m.frontendPort === rdpPort);
    found =
      configById(snapshot.nics, rule.backendIpConfigurationId) ??
      configByAddress(snapshot.nics, mapping?.backendIp ?? null);
    backendPort = mapping?.backendPort ?? rule.backendPort ?? rdpPort;
  } else if (reach.kind === 'public-ip' && reach.publicIp !== null) {
    found = configById(snapshot.nics, reach.publicIp.ipConfigurationId);
  }
  found ??= primaryConfig(snapshot);
  const privateIp = found?.ipConfig?.privateIp ?? snapshot.vm?.privateIps[0] ?? null;
  return { reach, nic: found?.nic ?? null, ipConfig: found?.ipConfig ?? null, privateIp, backendPort };
}
