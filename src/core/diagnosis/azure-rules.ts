import { sameIp } from '../address.js';
import {
  isResourceOfType,
  parentResourceId,
  resourceName,
  sameResourceId,
  subscriptionOf,
} from '../azure/resource-id.js';
import type { AzurePublicIp, AzureSnapshot } from '../azure/snapshot-schema.js';
import { makeFinding } from '../findings/make-finding.js';
import { DIRECT_PATH } from '../ids.js';
import type { CheckResult, DnsFreshEvidence, Finding, TcpEvidence } from '../report-schema.js';
import { DEFAULT_RDP_PORT, type Target } from '../target.js';
import { type AzureCommandValues, fillAzurePlaceholders } from './azure-commands.js';
import { nsgLayersFor } from './azure-nsg-layers.js';
import { nsgFindings } from './azure-nsg-rules.js';
import { dialledAddresses, findLanding, findReach, type Landing, vmNics } from './azure-reach.js';

/** What the Azure rules read: the run, the Azure snapshot, the client's public (egress) IP and the RDP port. */
export interface AzureRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
  readonly snapshot: AzureSnapshot;
  /** The public IP the client leaves from (`--source-ip`, later the egress check); null when unknown. */
  readonly clientIp: string | null;
  /** The port the client dials (the target's port). */
  readonly rdpPort: number;
}

function evidenceOf<K extends 'dns.fresh' | 'tcp.connect'>(checks: readonly CheckResult[], kind: K) {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as (K extends 'dns.fresh' ? DnsFreshEvidence : TcpEvidence) | undefined;
}

/** The VM's current public addresses: from `az vm show -d`, its NICs' public IPs, and LB frontends leading to it. */
function currentPublicIps(snapshot: AzureSnapshot): { address: string; ip: AzurePublicIp | null }[] {
  const nicIds = vmNics(snapshot).map((nic) => nic.id);
  const out: { address: string; ip: AzurePublicIp | null }[] = [];
  const add = (address: string, ip: AzurePublicIp | null) => {
    if (!out.some((o) => sameIp(o.address, address))) out.push({ address, ip });
  };
  for (const ip of snapshot.publicIps) {
    if (ip.address === null || ip.ipConfigurationId === null) continue;
    if (isResourceOfType(ip.ipConfigurationId, 'networkInterfaces')) {
      const nicId = parentResourceId(ip.ipConfigurationId);
      if (nicIds.some((id) => sameResourceId(id, nicId))) add(ip.address, ip);
    }
  }
  for (const lb of snapshot.loadBalancers) {
    for (const rule of lb.inboundNatRules) {
      const backend = rule.backendIpConfigurationId;
      if (backend === null || !nicIds.some((id) => sameResourceId(id, parentResourceId(backend)))) continue;
      const frontend = lb.frontends.find((f) => sameResourceId(f.id, rule.frontendIpConfigurationId));
      const ip = snapshot.publicIps.find((p) => sameResourceId(p.id, frontend?.publicIpId));
      if (ip?.address != null) add(ip.address, ip);
    }
  }
  for (const address of snapshot.vm?.publicIps ?? []) {
    add(address, snapshot.publicIps.find((p) => p.address !== null && sameIp(p.address, address)) ?? null);
  }
  return out;
}

function vmFindings(snapshot: AzureSnapshot, values: AzureCommandValues): Finding[] {
  const vm = snapshot.vm;
  if (vm === null || vm.powerState === null) return [];
  const name = vm.name ?? 'the VM';
  const evidence = [{ check: 'azure.vm', says: `${vm.powerState.display} (${vm.input})` }];
  if (vm.powerState.code !== 'running') {
    const dynamic = snapshot.publicIps.filter((ip) => ip.allocation?.toLowerCase() === 'dynamic');
    const note =
      vm.powerState.code === 'deallocated' && dynamic.length > 0
        ? ` Its public IP ${dynamic.map((ip) => ip.name).join(', ')} is dynamic: it gets a new address when the VM starts.`
        : '';
    return [
      fillAzurePlaceholders(
        makeFinding('azure.vm-not-running', {
          detail: `Azure reports ${name} as "${vm.powerState.display}": it is not running, so nothing can answer RDP.${note}`,
          evidence,
          confidence: 'high',
          values: {},
          ...(vm.powerState.code === 'starting' ? { severity: 'warning' as const } : {}),
        }),
        values,
      ),
    ];
  }
  const agent = vm.vmAgent;
  if (agent === null || agent.status.toLowerCase() === 'ready') return [];
  const boot = vm.bootDiagnostics;
  const bootNote =
    boot?.enabled === false
      ? ' Boot diagnostics are off: turn them on to see the screen.'
      : ' Look at the boot diagnostics screenshot to see where Windows is.';
  return [
    fillAzurePlaceholders(
      makeFinding('azure.guest-not-ready', {
        detail: `${name} is running, but its VM agent reports "${agent.status}"${agent.message === null ? '' : ` (${agent.message})`}: Windows inside may be hung at boot or busy with updates.${bootNote}`,
        evidence: [...evidence, { check: 'azure.vm', says: `VM agent ${agent.status}` }],
        confidence: 'medium',
        values: {},
      }),
      values,
    ),
  ];
}

function vipFinding(input: AzureRulesInput, landing: Landing, values: AzureCommandValues): Finding[] {
  const { reach } = landing;
  if (reach.kind !== 'not-matched') return [];
  const current = currentPublicIps(input.snapshot);
  const first = current[0];
  if (first === undefined) return [];
  const now = current.map((c) => c.address).join(', ');
  const fresh = evidenceOf(input.checks, 'dns.fresh');
  const freshHasCurrent = fresh?.addresses.some((a) => current.some((c) => sameIp(c.address, a))) ?? false;
  const via =
    input.target.hostKind === 'hostname'
      ? `${input.target.host} resolves to ${reach.dialled.join(', ')} on your computer`
      : `You dial ${reach.dialled.join(', ')}`;
  const staleNote = freshHasCurrent
    ? ` Its DNS servers already answer ${fresh?.addresses.join(', ')}: only your computer's cache is behind (see dns.stale-cache).`
    : '';
  return [
    fillAzurePlaceholders(
      makeFinding('azure.vip-changed', {
        detail: `${via}, but the VM's public IP is now ${now}.${staleNote}`,
        evidence: [
          { check: input.target.hostKind === 'hostname' ? 'dns.os@direct' : 'target', says: reach.dialled.join(', ') },
          { check: 'azure.public-ip', says: `${now} (${first.ip?.input ?? input.snapshot.vm?.input ?? 'snapshot'})` },
        ],
        confidence: 'high',
        values: { host: input.target.host, port: String(input.target.port) },
        ...(freshHasCurrent ? { source: 1 as const, candidates: [0 as const] } : {}),
      }),
      { ...values, 'current-ip': first.address, 'public-ip-name': first.ip?.name },
    ),
  ];
}

function natFindings(input: AzureRulesInput, landing: Landing, values: AzureCommandValues): Finding[] {
  const { reach } = landing;
  if (reach.kind !== 'load-balancer') return [];
  const { lb, natRule } = reach;
  const nicIds = vmNics(input.snapshot).map((nic) => nic.id);
  const toVm = lb.inboundNatRules.filter((rule) => {
    const backend = rule.backendIpConfigurationId;
    return backend !== null && nicIds.some((id) => sameResourceId(id, parentResourceId(backend)));
  });
  const describe = (rule: (typeof lb.inboundNatRules)[number]) =>
    `${rule.frontendPort ?? (rule.frontendPortRange ? `${rule.frontendPortRange.start}-${rule.frontendPortRange.end}` : '?')} → ${rule.backendIpConfigurationId === null ? 'backend pool' : resourceName(parentResourceId(rule.backendIpConfigurationId))}:${rule.backendPort ?? '?'} (rule ${rule.name})`;
  const frontendPort = toVm.find((rule) => rule.frontendPort !== null)?.frontendPort ?? null;
  const lbValues = {
    ...values,
    'lb-name': lb.name,
    'lb-resource-group': lb.id.match(/resourceGroups\/([^/]+)/i)?.[1],
    'frontend-port': frontendPort,
  };
  const where = `${reach.dialled}:${input.rdpPort} is a frontend of load balancer ${lb.name}`;
  const evidence = [
    {
      check: 'azure.lb',
      says: `${lb.name} NAT rules: ${lb.inboundNatRules.map(describe).join('; ') || 'none'} (${lb.input})`,
    },
  ];
  const finding = (detail: string, extra: Partial<Parameters<typeof makeFinding>[1]> = {}) =>
    fillAzurePlaceholders(
      makeFinding('lb.nat-port-mismatch', {
        detail,
        evidence,
        confidence: 'high',
        values: { host: input.target.host },
        ...extra,
      }),
      { ...lbValues, 'nat-rule-name': natRule?.name },
    );
  if (natRule === null) {
    const hint =
      toVm.length > 0
        ? ` The rules that lead to this VM: ${toVm.map(describe).join('; ')}.`
        : ' No NAT rule leads to this VM.';
    return [finding(`${where}, which has no inbound NAT rule for TCP port ${input.rdpPort}.${hint}`)];
  }
  const backend = natRule.backendIpConfigurationId;
  if (backend !== null && nicIds.length > 0 && !nicIds.some((id) => sameResourceId(id, parentResourceId(backend)))) {
    return [
      finding(
        `${where}; its NAT rule ${natRule.name} sends port ${input.rdpPort} to NIC ${resourceName(parentResourceId(backend))}, which is not this VM's.`,
      ),
    ];
  }
  const tcp = evidenceOf(input.checks, 'tcp.connect');
  const open = tcp?.attempts.some((a) => a.outcome === 'open') ?? false;
  if (natRule.backendPort !== null && natRule.backendPort !== DEFAULT_RDP_PORT && !open) {
    return [
      finding(
        `${where}; NAT rule ${natRule.name} maps it to backend port ${natRule.backendPort}, but RDP listens on ${DEFAULT_RDP_PORT} unless someone changed it on the VM.`,
        { confidence: 'low', severity: 'warning' },
      ),
    ];
  }
  return [];
}

function permissionFindings(snapshot: AzureSnapshot, values: AzureCommandValues): Finding[] {
  if (snapshot.forbidden.length === 0) return [];
  const names = {
    'effective-nsg': 'the effective NSGs',
    'ip-flow-verify': 'IP flow verify',
    'effective-routes': 'the effective routes',
    other: 'an operation',
  } as const;
  const parts = snapshot.forbidden.map(
    (f) => `${names[f.operation]}${f.action === null ? ` (${f.code})` : ` (needs ${f.action})`}`,
  );
  const vmId = snapshot.vm?.id ?? null;
  const group = snapshot.vm?.resourceGroup ?? null;
  const subscription = vmId === null ? null : subscriptionOf(vmId);
  return [
    fillAzurePlaceholders(
      makeFinding('azure.permission-denied', {
        detail: `Azure refused ${parts.join(' and ')}; the diagnosis uses the NSGs themselves and the local evaluation instead.`,
        evidence: snapshot.forbidden.map((f) => ({
          check: 'azure.forbidden',
          says: `${f.code}: ${f.message} (${f.input})`,
        })),
        confidence: 'high',
        values: {},
      }),
      {
        ...values,
        scope:
          subscription !== null && group !== null ? `/subscriptions/${subscription}/resourceGroups/${group}` : null,
      },
    ),
  ];
}

function standardClosedWithoutClient(
  input: AzureRulesInput,
  landing: Landing,
  viaStandard: boolean,
  values: AzureCommandValues,
): Finding[] {
  if (input.clientIp !== null || !viaStandard) return [];
  const layers = nsgLayersFor(input.snapshot, landing.nic, landing.ipConfig);
  if (layers.subnet.kind !== 'none' || layers.nic.kind !== 'none') return [];
  return [
    fillAzurePlaceholders(
      makeFinding('publicip.standard-closed', {
        detail:
          'The VM is reached through a Standard SKU public IP and neither its subnet nor its NIC has a network security group: inbound RDP is closed to everyone.',
        evidence: [
          {
            check: 'azure.nsg',
            says: `no NSG on the subnet or the NIC (${layers.inputs.join(', ') || landing.nic?.input || 'snapshot'})`,
          },
        ],
        confidence: 'high',
        values: {},
      }),
      values,
    ),
  ];
}

function standardSku(landing: Landing): boolean {
  const { reach } = landing;
  const sku = reach.kind === 'public-ip' || reach.kind === 'load-balancer' ? reach.publicIp?.sku : null;
  return sku?.toLowerCase().startsWith('standard') ?? false;
}

/**
 * The Azure findings of a run, a pure function of the checks and the Azure snapshot: the VM's state and
 * guest agent, whether the dialled address is still the VM's public IP, load-balancer NAT rules, and the
 * NSG evaluation of inbound TCP from the client's public IP to the VM's private IP and backend port (the
 * NAT rule's backend port through a load balancer, else the RDP port), cross-checked with IP flow verify.
 */
export function azureFindings(input: AzureRulesInput): Finding[] {
  const { snapshot } = input;
  const vm = snapshot.vm;
  const reach = findReach(snapshot, dialledAddresses(input.target, input.checks), input.rdpPort);
  const landing = findLanding(snapshot, reach, input.rdpPort);
  const values: AzureCommandValues = {
    'resource-group': vm?.resourceGroup,
    'vm-name': vm?.name,
    'vm-id': vm?.id,
    region: vm?.location,
    'client-ip': input.clientIp,
    'nic-name': landing.nic?.name,
    'vm-private-ip': landing.privateIp,
    'backend-port': landing.backendPort,
  };
  const viaStandard = standardSku(landing);
  return [
    ...vmFindings(snapshot, values),
    ...vipFinding(input, landing, values),
    ...natFindings(input, landing, values),
    ...standardClosedWithoutClient(input, landing, viaStandard, values),
    ...nsgFindings({
      snapshot,
      landing,
      layers: nsgLayersFor(snapshot, landing.nic, landing.ipConfig),
      clientIp: input.clientIp,
      viaStandardSku: viaStandard,
      values,
    }),
    ...permissionFindings(snapshot, values),
  ];
}
