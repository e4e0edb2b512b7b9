import { exampleObject, isRecord } from './examples.js';

// Network resources of a VM world, each made from an official example body with its ids, names, addresses
// and references rewritten so the resources point at each other.

type Json = Record<string, unknown>;

function props(body: Json): Json {
  if (!isRecord(body.properties)) body.properties = {};
  return body.properties as Json;
}

function ref(id: string): { id: string } {
  return { id };
}

/** What the network builders need to know about the world. */
export interface NetworkNames {
  readonly location: string;
  readonly vmId: string;
  readonly nicId: string;
  readonly ipConfigId: string;
  readonly vnetId: string;
  readonly subnetId: string;
}

/** A custom rule in NSG GET shape, re-homed in this NSG (its id and type), provisioned. */
function customRule(raw: unknown, nsgId: string): Json {
  const rule = isRecord(raw) ? structuredClone(raw) : {};
  const name = typeof rule.name === 'string' ? rule.name : 'rule';
  return {
    ...rule,
    name,
    id: `${nsgId}/securityRules/${name}`,
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: { provisioningState: 'Succeeded', ...(isRecord(rule.properties) ? rule.properties : {}) },
  };
}

/**
 * An NSG from NetworkSecurityGroupGet.json: its six default rules kept (re-homed), its custom rules replaced
 * by `rules`, attached to the NIC or the subnet.
 */
export function nsgBody(
  id: string,
  location: string,
  rules: readonly unknown[],
  attachedTo: { readonly networkInterfaces?: string[]; readonly subnets?: string[] },
): Json {
  const body = exampleObject('network/NetworkSecurityGroupGet.json');
  const name = id.slice(id.lastIndexOf('/') + 1);
  Object.assign(body, { name, id, location });
  const properties = props(body);
  const defaults = Array.isArray(properties.defaultSecurityRules) ? properties.defaultSecurityRules : [];
  properties.defaultSecurityRules = defaults.map((rule) =>
    isRecord(rule) ? { ...rule, id: `${id}/defaultSecurityRules/${String(rule.name)}` } : rule,
  );
  properties.securityRules = rules.map((rule) => customRule(rule, id));
  if (attachedTo.networkInterfaces !== undefined) properties.networkInterfaces = attachedTo.networkInterfaces.map(ref);
  if (attachedTo.subnets !== undefined) properties.subnets = attachedTo.subnets.map(ref);
  return body;
}

/** The NIC from NetworkInterfaceGet.json with one IP configuration (ipconfig1) in the world's subnet. */
export function nicBody(
  names: NetworkNames,
  privateIp: string,
  links: { readonly publicIpId: string | null; readonly nsgId: string | null; readonly natRuleIds: readonly string[] },
): Json {
  const body = exampleObject('network/NetworkInterfaceGet.json');
  const name = names.nicId.slice(names.nicId.lastIndexOf('/') + 1);
  Object.assign(body, { name, id: names.nicId, location: names.location });
  const properties = props(body);
  const first = Array.isArray(properties.ipConfigurations) ? properties.ipConfigurations[0] : undefined;
  const ipConfig: Json = isRecord(first) ? first : { name: 'ipconfig1', properties: {} };
  ipConfig.id = names.ipConfigId;
  ipConfig.type = 'Microsoft.Network/networkInterfaces/ipConfigurations';
  const ipProps = props(ipConfig);
  ipProps.privateIPAddress = privateIp;
  ipProps.subnet = ref(names.subnetId);
  if (links.publicIpId === null) delete ipProps.publicIPAddress;
  else ipProps.publicIPAddress = ref(links.publicIpId);
  if (links.natRuleIds.length > 0) ipProps.loadBalancerInboundNatRules = links.natRuleIds.map(ref);
  properties.ipConfigurations = [ipConfig];
  if (links.nsgId === null) delete properties.networkSecurityGroup;
  else properties.networkSecurityGroup = ref(links.nsgId);
  properties.virtualMachine = ref(names.vmId);
  // The example disables TCP state tracking, which changes how NSGs treat return traffic: not a usual VM.
  properties.disableTcpStateTracking = false;
  // The example's DSCP configuration names a resource the world does not have.
  delete properties.dscpConfiguration;
  return body;
}

/** The subnet from SubnetGet.json (`default`), with its NSG and the NIC's IP configuration. */
export function subnetBody(names: NetworkNames, prefix: string, nsgId: string | null): Json {
  const body = exampleObject('network/SubnetGet.json');
  Object.assign(body, { name: 'default', id: names.subnetId, type: 'Microsoft.Network/virtualNetworks/subnets' });
  const properties = props(body);
  properties.addressPrefix = prefix;
  if (nsgId !== null) properties.networkSecurityGroup = ref(nsgId);
  properties.ipConfigurations = [ref(names.ipConfigId)];
  return body;
}

/** The virtual network (no official GET example in the set: built by hand around the subnet body). */
export function vnetBody(names: NetworkNames, prefix: string, subnet: Json): Json {
  return {
    name: names.vnetId.slice(names.vnetId.lastIndexOf('/') + 1),
    id: names.vnetId,
    type: 'Microsoft.Network/virtualNetworks',
    location: names.location,
    properties: {
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: [prefix] },
      subnets: [structuredClone(subnet)],
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  };
}

/** A public IP from PublicIpAddressGet.json (sku, address, fqdn and attachment rewritten). */
export function publicIpBody(
  id: string,
  location: string,
  address: string,
  sku: 'Basic' | 'Standard',
  fqdn: string | null,
  attachedTo: string,
): Json {
  const body = exampleObject('network/PublicIpAddressGet.json');
  Object.assign(body, { name: id.slice(id.lastIndexOf('/') + 1), id, location });
  const properties = props(body);
  properties.ipAddress = address;
  properties.publicIPAllocationMethod = sku === 'Standard' ? 'Static' : 'Dynamic';
  properties.ipConfiguration = ref(attachedTo);
  // The example's DDoS plan and first-party IP tags name resources the world does not have.
  properties.ddosSettings = { protectionMode: 'VirtualNetworkInherited' };
  properties.ipTags = [];
  if (fqdn !== null) properties.dnsSettings = { domainNameLabel: fqdn.split('.')[0], fqdn };
  // The sku shape as PublicIpAddressCreateCustomizedValues.json gives it, in the VM's region.
  body.sku = { name: sku, tier: 'Regional' };
  return body;
}

/** A load balancer from LoadBalancerGet.json: one public frontend and the world's inbound NAT rules. */
export function loadBalancerBody(
  id: string,
  location: string,
  frontendPublicIpId: string,
  natRules: readonly { readonly name: string; readonly frontendPort: number; readonly backendPort: number }[],
  backendIpConfigId: string,
): Json {
  const body = exampleObject('network/LoadBalancerGet.json');
  Object.assign(body, { name: id.slice(id.lastIndexOf('/') + 1), id, location });
  const properties = props(body);
  const frontendId = `${id}/frontendIPConfigurations/LoadBalancerFrontEnd`;
  const natRuleIds = natRules.map((rule) => `${id}/inboundNatRules/${rule.name}`);
  const exampleFrontend = Array.isArray(properties.frontendIPConfigurations)
    ? properties.frontendIPConfigurations[0]
    : undefined;
  const frontend: Json = isRecord(exampleFrontend) ? exampleFrontend : {};
  Object.assign(frontend, { name: 'LoadBalancerFrontEnd', id: frontendId });
  frontend.properties = {
    inboundNatRules: natRuleIds.map(ref),
    loadBalancingRules: [],
    privateIPAllocationMethod: 'Dynamic',
    provisioningState: 'Succeeded',
    publicIPAddress: ref(frontendPublicIpId),
  };
  const exampleRule = Array.isArray(properties.inboundNatRules) ? properties.inboundNatRules[0] : undefined;
  properties.frontendIPConfigurations = [frontend];
  properties.inboundNatRules = natRules.map((rule, index) => {
    const nat: Json = isRecord(exampleRule) ? structuredClone(exampleRule) : {};
    Object.assign(nat, { name: rule.name, id: natRuleIds[index] });
    nat.properties = {
      ...(isRecord(nat.properties) ? nat.properties : {}),
      frontendIPConfiguration: ref(frontendId),
      backendIPConfiguration: ref(backendIpConfigId),
      frontendPort: rule.frontendPort,
      backendPort: rule.backendPort,
      protocol: 'Tcp',
      enableFloatingIP: false,
    };
    return nat;
  });
  // Only NAT rules: the example's load-balancing rule, probe and pool belong to another deployment.
  properties.loadBalancingRules = [];
  properties.probes = [];
  properties.backendAddressPools = [];
  return body;
}

/** A Network Watcher from NetworkWatcherList.json. */
export function networkWatcherBody(id: string, location: string): Json {
  const list = exampleObject('network/NetworkWatcherList.json');
  const first = Array.isArray(list.value) ? list.value[0] : undefined;
  const body: Json = isRecord(first) ? first : {};
  Object.assign(body, { name: id.slice(id.lastIndexOf('/') + 1), id, location });
  return body;
}
