import type { AzureDocument } from '../../../core/azure/build-snapshot.js';
import { readLoadBalancer } from '../../../core/azure/read-load-balancer.js';
import { readNic } from '../../../core/azure/read-nic.js';
import { readPublicIp } from '../../../core/azure/read-public-ip.js';
import { isResourceOfType, parentResourceId, resourceGroupOf, resourceName } from '../../../core/azure/resource-id.js';
import { type AzureVmLocator, vmIdOf } from '../../../core/azure/vm-locator.js';
import type { ArmClients } from './arm-clients.js';
import type { CollectLog } from './collect-log.js';

/** What the user dialled: the host as typed, the addresses it resolved to, and the port. */
export interface DialledEndpoint {
  readonly host: string;
  readonly addresses: readonly string[];
  readonly port: number;
}

/** A VM found in Azure, how it was found, and the resources read on the way (reused by the collection). */
export interface FoundVm {
  readonly vmId: string;
  readonly locatedBy: string;
  readonly documents: readonly AzureDocument[];
}

/** Why the VM could not be found, in one sentence. */
export interface VmNotFound {
  readonly message: string;
}

const LIST_CAP = 5000;

/** Finds the VM a locator names: directly for a resource ID or name, else from the dialled address. */
export async function findVm(
  clients: ArmClients,
  locator: AzureVmLocator,
  dialled: DialledEndpoint,
  log: CollectLog,
): Promise<FoundVm | VmNotFound> {
  const direct = vmIdOf(locator);
  if (direct !== null) {
    return {
      vmId: direct,
      locatedBy:
        locator.kind === 'resource-id'
          ? 'resource ID'
          : `name ${resourceName(direct)} in resource group ${resourceGroupOf(direct)}`,
      documents: [],
    };
  }
  return findByAddress(clients, locator.subscriptionId, dialled, log);
}

async function findByAddress(
  clients: ArmClients,
  subscriptionId: string,
  dialled: DialledEndpoint,
  log: CollectLog,
): Promise<FoundVm | VmNotFound> {
  const listed = await log.call('list public IPs in the subscription', async (options) => {
    const items: unknown[] = [];
    for await (const item of clients.network.publicIPAddresses.listAll(options)) {
      items.push(item);
      if (items.length >= LIST_CAP) break;
    }
    return items;
  });
  if (listed.kind === 'err') {
    return { message: `could not list the public IPs of subscription ${subscriptionId}: ${listed.failure.message}` };
  }
  const host = dialled.host.toLowerCase().replace(/\.$/, '');
  const wanted = new Set(dialled.addresses);
  for (const [index, item] of listed.value.entries()) {
    const ip = readPublicIp(item, `ARM public IP list [${index}]`);
    if (ip.kind === 'err') continue;
    const byAddress = ip.value.address !== null && wanted.has(ip.value.address);
    const byName = ip.value.fqdn !== null && ip.value.fqdn.toLowerCase() === host;
    if (!byAddress && !byName) continue;
    const how = `public IP ${ip.value.name} (${byAddress ? ip.value.address : ip.value.fqdn})`;
    const ipDoc: AzureDocument = { input: `ARM publicIPAddresses/${ip.value.name}`, value: item };
    const configId = ip.value.ipConfigurationId;
    if (configId === null) return { message: `${how} is not attached to anything: no VM answers on it.` };
    if (isResourceOfType(configId, 'networkInterfaces')) {
      const found = await vmOfNic(clients, parentResourceId(configId), log);
      if ('message' in found) return { message: `${how} is on a NIC, but ${found.message}` };
      return {
        vmId: found.vmId,
        locatedBy: `${how} → NIC ${resourceName(parentResourceId(configId))}`,
        documents: [ipDoc, ...found.documents],
      };
    }
    if (isResourceOfType(configId, 'loadBalancers')) {
      const found = await vmBehindLoadBalancer(clients, configId, dialled.port, log);
      if ('message' in found) return { message: `${how} is a load balancer frontend, but ${found.message}` };
      return { vmId: found.vmId, locatedBy: `${how} → ${found.locatedBy}`, documents: [ipDoc, ...found.documents] };
    }
    return { message: `${how} is attached to ${configId}, which is not a VM's NIC or a load balancer.` };
  }
  const what = [...wanted, ...(wanted.has(dialled.host) ? [] : [dialled.host])].join(', ');
  return {
    message: `no public IP in subscription ${subscriptionId} has the address or DNS name you dialled (${what}): the IP may have changed, or the VM is in another subscription; name the VM with --vm and --resource-group, or --azure-vm.`,
  };
}

async function vmOfNic(clients: ArmClients, nicId: string, log: CollectLog): Promise<FoundVm | VmNotFound> {
  const group = resourceGroupOf(nicId) ?? '';
  const name = resourceName(nicId);
  const got = await log.call(`read NIC ${name}`, (options) =>
    clients.network.networkInterfaces.get(group, name, options),
  );
  if (got.kind === 'err') return { message: `reading NIC ${name} failed: ${got.failure.message}` };
  const nic = readNic(got.raw, `ARM networkInterfaces/${name}`);
  if (nic.kind === 'err') return { message: nic.error.message };
  if (nic.value.vmId === null) return { message: `NIC ${name} is not attached to a VM.` };
  return {
    vmId: nic.value.vmId,
    locatedBy: '',
    documents: [{ input: `ARM networkInterfaces/${name}`, value: got.raw }],
  };
}

async function vmBehindLoadBalancer(
  clients: ArmClients,
  frontendId: string,
  port: number,
  log: CollectLog,
): Promise<FoundVm | VmNotFound> {
  const lbId = parentResourceId(frontendId);
  const group = resourceGroupOf(lbId) ?? '';
  const name = resourceName(lbId);
  const got = await log.call(`read load balancer ${name}`, (options) =>
    clients.network.loadBalancers.get(group, name, options),
  );
  if (got.kind === 'err') return { message: `reading load balancer ${name} failed: ${got.failure.message}` };
  const lb = readLoadBalancer(got.raw, `ARM loadBalancers/${name}`);
  if (lb.kind === 'err') return { message: lb.error.message };
  const frontend = frontendId.toLowerCase();
  const rules = lb.value.inboundNatRules.filter((rule) => rule.frontendIpConfigurationId?.toLowerCase() === frontend);
  const rule =
    rules.find((r) => r.frontendPort === port) ??
    rules.find(
      (r) => r.frontendPortRange !== null && r.frontendPortRange.start <= port && port <= r.frontendPortRange.end,
    );
  if (rule === undefined) {
    const ports = rules.map((r) => r.frontendPort ?? `${r.frontendPortRange?.start}-${r.frontendPortRange?.end}`);
    return {
      message: `no inbound NAT rule of ${name} listens on port ${port}${ports.length > 0 ? ` (its rules listen on ${ports.join(', ')})` : ''}.`,
    };
  }
  const lbDoc: AzureDocument = { input: `ARM loadBalancers/${name}`, value: got.raw };
  const backendConfig = rule.backendIpConfigurationId;
  if (backendConfig === null || !isResourceOfType(backendConfig, 'networkInterfaces')) {
    return { message: `NAT rule ${rule.name} has no backend NIC (a backend pool rule: name the VM with --vm).` };
  }
  const found = await vmOfNic(clients, parentResourceId(backendConfig), log);
  if ('message' in found) return found;
  return {
    vmId: found.vmId,
    locatedBy: `load balancer ${name} NAT rule ${rule.name} → NIC ${resourceName(parentResourceId(backendConfig))}`,
    documents: [lbDoc, ...found.documents],
  };
}
