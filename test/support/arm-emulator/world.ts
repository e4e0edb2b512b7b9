import { effectiveNsgList } from './effective-nsg.js';
import { exampleObject, exampleResponseBody, isRecord } from './examples.js';
import { ipFlowVerifyAnswer } from './ip-flow-verify.js';
import { readNicTopology } from './topology.js';
import type { ArmEmulator } from './types.js';
import { instanceViewBody, vmBody } from './world-compute.js';
import {
  loadBalancerBody,
  type NetworkNames,
  networkWatcherBody,
  nicBody,
  nsgBody,
  publicIpBody,
  subnetBody,
  vnetBody,
} from './world-network.js';

/** What a VM world looks like; every field has a default. */
export interface VmWorldOptions {
  /** Default `00000000-0000-0000-0000-0000000000aa`. */
  subscriptionId?: string;
  /** Default `rg-probe`. */
  resourceGroup?: string;
  /** Default `vm1`. */
  vmName?: string;
  /** Default `westeurope`. */
  location?: string;
  /** Default `203.0.113.10`; null = no public IP on the NIC. */
  publicIp?: string | null;
  /** Default `Standard`. */
  publicIpSku?: 'Basic' | 'Standard';
  /** `dnsSettings.fqdn` of the public IP; default none. */
  fqdn?: string | null;
  /** Default `198.18.0.4`; the subnet is its /24, the VNet its /16. */
  privateIp?: string;
  /** `running` (default), `deallocated`, `stopped`…: the instance view's `PowerState/<state>`. */
  powerState?: string;
  /** Default `Ready` for a running VM; none (no agent section) for a VM that is not running. */
  vmAgentStatus?: 'Ready' | 'Not Ready';
  /**
   * The NIC NSG's custom rules, ARM-shaped (`{ name, properties }`); default one rule `RDP` allowing TCP 3389
   * from anywhere (priority 300, as the portal creates it); null = no NIC NSG.
   */
  nicNsgRules?: readonly unknown[] | null;
  /** The subnet NSG's custom rules; default null = no subnet NSG. */
  subnetNsgRules?: readonly unknown[] | null;
  /** A public load balancer with inbound NAT rules to the NIC; default none. */
  loadBalancer?: {
    frontendIp: string;
    natRules: readonly { name: string; frontendPort: number; backendPort: number }[];
  } | null;
  /** Default true: a Network Watcher in the VM's region (NetworkWatcherRG / NetworkWatcher_<location>). */
  networkWatcher?: boolean;
}

/** The ids of a world's resources. */
export interface VmWorld {
  subscriptionId: string;
  resourceGroup: string;
  vmId: string;
  nicId: string;
  subnetId: string;
  vnetId: string;
  nicNsgId: string | null;
  subnetNsgId: string | null;
  publicIpId: string | null;
  loadBalancerId: string | null;
  /** The public IP of the load balancer's frontend (an addition to the lead's interface). */
  loadBalancerPublicIpId: string | null;
  networkWatcherId: string | null;
}

/** The portal's default inbound RDP rule. */
const PORTAL_RDP_RULE = {
  name: 'RDP',
  properties: {
    priority: 300,
    protocol: 'TCP',
    access: 'Allow',
    direction: 'Inbound',
    sourceAddressPrefix: '*',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '3389',
  },
};

/** The fixed tenant of every world's subscription. */
export const WORLD_TENANT_ID = '00000000-0000-0000-0000-0000000000ee';

function prefixOf(ip: string, bits: 16 | 24): string {
  const octets = ip.split('.');
  if (octets.length !== 4) throw new Error(`privateIp ${ip} is not an IPv4 address`);
  return bits === 24 ? `${octets.slice(0, 3).join('.')}.0/24` : `${octets.slice(0, 2).join('.')}.0.0/16`;
}

/** The effective route table example with its VnetLocal route moved to the world's VNet. */
function effectiveRoutes(vnetPrefixes: readonly string[]): unknown {
  const body = exampleObject('network/NetworkInterfaceEffectiveRouteTableList.json');
  if (Array.isArray(body.value)) {
    for (const route of body.value) {
      if (isRecord(route) && route.nextHopType === 'VnetLocal') route.addressPrefix = [...vnetPrefixes];
    }
  }
  return body;
}

/**
 * Installs a coherent VM world from the official example bodies (VM → NIC → subnet → VNet, NIC and subnet
 * NSGs, public IP, load balancer NAT rules, Network Watcher, subscription and resource groups) and default
 * action handlers, all reading the emulator's current state when called (so a test may `put` a changed NSG):
 * - NIC `effectiveNetworkSecurityGroups`: built from the stored NSGs (see effective-nsg.ts), LRO;
 * - NIC `effectiveRouteTable`: the example body with the VNet's prefix, LRO;
 * - Network Watcher `ipFlowVerify`: the project's NSG evaluator (see ip-flow-verify.ts), LRO;
 * - VM `runCommand`: VirtualMachineRunCommand.json's result, LRO.
 * A test replaces any of them with `onAction`.
 */
export function installVmWorld(emulator: ArmEmulator, options: VmWorldOptions = {}): VmWorld {
  const subscriptionId = options.subscriptionId ?? '00000000-0000-0000-0000-0000000000aa';
  const resourceGroup = options.resourceGroup ?? 'rg-probe';
  const vmName = options.vmName ?? 'vm1';
  const location = options.location ?? 'westeurope';
  const privateIp = options.privateIp ?? '198.18.0.4';
  const publicIp = options.publicIp === undefined ? '203.0.113.10' : options.publicIp;
  const nicNsgRules = options.nicNsgRules === undefined ? [PORTAL_RDP_RULE] : options.nicNsgRules;
  const subnetNsgRules = options.subnetNsgRules ?? null;
  const loadBalancer = options.loadBalancer ?? null;

  const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
  const network = `${group}/providers/Microsoft.Network`;
  const vmId = `${group}/providers/Microsoft.Compute/virtualMachines/${vmName}`;
  const nicId = `${network}/networkInterfaces/${vmName}-nic`;
  const vnetId = `${network}/virtualNetworks/${vmName}-vnet`;
  const names: NetworkNames = {
    location,
    vmId,
    nicId,
    ipConfigId: `${nicId}/ipConfigurations/ipconfig1`,
    vnetId,
    subnetId: `${vnetId}/subnets/default`,
  };
  const nicNsgId = nicNsgRules === null ? null : `${network}/networkSecurityGroups/${vmName}-nsg`;
  const subnetNsgId = subnetNsgRules === null ? null : `${network}/networkSecurityGroups/${vmName}-vnet-default-nsg`;
  const publicIpId = publicIp === null ? null : `${network}/publicIPAddresses/${vmName}-ip`;
  const loadBalancerId = loadBalancer === null ? null : `${network}/loadBalancers/${vmName}-lb`;
  const loadBalancerPublicIpId = loadBalancer === null ? null : `${network}/publicIPAddresses/${vmName}-lb-ip`;
  const watcherGroup = `/subscriptions/${subscriptionId}/resourceGroups/NetworkWatcherRG`;
  const networkWatcherId =
    options.networkWatcher === false
      ? null
      : `${watcherGroup}/providers/Microsoft.Network/networkWatchers/NetworkWatcher_${location}`;
  const natRuleIds = (loadBalancer?.natRules ?? []).map((rule) => `${loadBalancerId}/inboundNatRules/${rule.name}`);

  emulator.put(`/subscriptions/${subscriptionId}`, {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName: `RDP Probe test subscription ${subscriptionId.slice(-4)}`,
    state: 'Enabled',
    tenantId: WORLD_TENANT_ID,
    authorizationSource: 'RoleBased',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  });
  const putGroup = (id: string, name: string) =>
    emulator.put(id, {
      id,
      name,
      type: 'Microsoft.Resources/resourceGroups',
      location,
      properties: { provisioningState: 'Succeeded' },
    });
  putGroup(group, resourceGroup);

  const subnet = subnetBody(names, prefixOf(privateIp, 24), subnetNsgId);
  emulator.put(names.subnetId, subnet);
  emulator.put(vnetId, vnetBody(names, prefixOf(privateIp, 16), subnet));
  emulator.put(nicId, nicBody(names, privateIp, { publicIpId, nsgId: nicNsgId, natRuleIds }));
  if (nicNsgId !== null && nicNsgRules !== null) {
    emulator.put(nicNsgId, nsgBody(nicNsgId, location, nicNsgRules, { networkInterfaces: [nicId] }));
  }
  if (subnetNsgId !== null && subnetNsgRules !== null) {
    emulator.put(subnetNsgId, nsgBody(subnetNsgId, location, subnetNsgRules, { subnets: [names.subnetId] }));
  }
  if (publicIpId !== null && publicIp !== null) {
    const sku = options.publicIpSku ?? 'Standard';
    emulator.put(publicIpId, publicIpBody(publicIpId, location, publicIp, sku, options.fqdn ?? null, names.ipConfigId));
  }
  if (loadBalancerId !== null && loadBalancerPublicIpId !== null && loadBalancer !== null) {
    const frontendId = `${loadBalancerId}/frontendIPConfigurations/LoadBalancerFrontEnd`;
    emulator.put(
      loadBalancerPublicIpId,
      publicIpBody(loadBalancerPublicIpId, location, loadBalancer.frontendIp, 'Standard', null, frontendId),
    );
    emulator.put(
      loadBalancerId,
      loadBalancerBody(loadBalancerId, location, loadBalancerPublicIpId, loadBalancer.natRules, names.ipConfigId),
    );
  }
  const vmNames = { subscriptionId, resourceGroup, vmName, vmId, nicId, location };
  emulator.put(vmId, vmBody(vmNames));
  emulator.put(
    `${vmId}/instanceView`,
    instanceViewBody(vmNames, options.powerState ?? 'running', options.vmAgentStatus),
  );
  if (networkWatcherId !== null) {
    putGroup(watcherGroup, 'NetworkWatcherRG');
    emulator.put(networkWatcherId, networkWatcherBody(networkWatcherId, location));
  }

  const read = (id: string) => emulator.get(id);
  emulator.onAction(nicId, 'effectiveNetworkSecurityGroups', () => ({
    status: 'lro',
    body: effectiveNsgList(read, nicId) ?? { value: [] },
  }));
  emulator.onAction(nicId, 'effectiveRouteTable', () => ({
    status: 'lro',
    body: effectiveRoutes(readNicTopology(read, nicId)?.vnetPrefixes ?? []),
  }));
  if (networkWatcherId !== null) {
    emulator.onAction(networkWatcherId, 'ipFlowVerify', (body) => ipFlowVerifyAnswer(read, body));
  }
  emulator.onAction(vmId, 'runCommand', () => ({
    status: 'lro',
    body: exampleResponseBody('compute/VirtualMachineRunCommand.json'),
  }));

  return {
    subscriptionId,
    resourceGroup,
    vmId,
    nicId,
    subnetId: names.subnetId,
    vnetId,
    nicNsgId,
    subnetNsgId,
    publicIpId,
    loadBalancerId,
    loadBalancerPublicIpId,
    networkWatcherId,
  };
}
