import type { AzureDocument } from '../../../../src/core/azure/index.js';
import type { CheckResult } from '../../../../src/core/report-schema.js';
import type { Target } from '../../../../src/core/target.js';
import { exampleBody } from '../nsg/nsg-fixtures.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers';
/** Resource IDs of the fixture VM's resources. */
export const IDS = {
  vm: `${SUB}/Microsoft.Compute/virtualMachines/vm1`,
  nic: `${SUB}/Microsoft.Network/networkInterfaces/test-nic`,
  ipConfig: `${SUB}/Microsoft.Network/networkInterfaces/test-nic/ipConfigurations/ipconfig1`,
  nsg: `${SUB}/Microsoft.Network/networkSecurityGroups/nsg`,
  subnet: `${SUB}/Microsoft.Network/virtualNetworks/rg1-vnet/subnets/default`,
  pip: `${SUB}/Microsoft.Network/publicIPAddresses/test-ip`,
  lb: `${SUB}/Microsoft.Network/loadBalancers/lb`,
  frontend: `${SUB}/Microsoft.Network/loadBalancers/lb/frontendIPConfigurations/fe-lb`,
} as const;

/** The VM's current public IP and private IP. */
export const VIP = '20.50.60.70';
export const PRIVATE_IP = '172.20.2.4';

/** `az vm show -d` output: properties flattened, instance view included, `powerState`… at the top level. */
export function vmShowDetails(powerState = 'VM running', agentStatus = 'Ready'): Record<string, unknown> {
  const code = powerState.replace(/^VM /, '');
  return {
    id: IDS.vm,
    name: 'vm1',
    type: 'Microsoft.Compute/virtualMachines',
    location: 'eastus',
    resourceGroup: 'rg1',
    provisioningState: 'Succeeded',
    osProfile: { computerName: 'WIN-VM01', adminUsername: 'azureuser' },
    networkProfile: { networkInterfaces: [{ id: IDS.nic, primary: true, resourceGroup: 'rg1' }] },
    diagnosticsProfile: { bootDiagnostics: { enabled: true, storageUri: null } },
    instanceView: {
      computerName: 'WIN-VM01',
      vmAgent: {
        vmAgentVersion: '2.7.41491.1102',
        statuses: [
          {
            code: 'ProvisioningState/succeeded',
            level: 'Info',
            displayStatus: agentStatus,
            message: 'GuestAgent is running and processing the extensions.',
          },
        ],
      },
      statuses: [
        { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded' },
        { code: `PowerState/${code}`, level: 'Info', displayStatus: powerState },
      ],
    },
    powerState,
    publicIps: code === 'deallocated' ? '' : VIP,
    privateIps: PRIVATE_IP,
    fqdns: 'vm1.eastus.cloudapp.azure.com',
    macAddresses: '00-0D-3A-1B-C7-21',
  };
}

/** The official NIC example, pointed at vm1 (its NSG `nsg`, public IP `test-ip`). */
export function nicExample(): unknown {
  const nic = structuredClone(exampleBody('network/NetworkInterfaceGet.json')) as {
    properties: { virtualMachine: { id: string } };
  };
  nic.properties.virtualMachine.id = IDS.vm;
  return nic;
}

/** An ARM rule object for an NSG. */
export function rule(name: string, priority: number, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    name,
    id: `${IDS.nsg}/securityRules/${name}`,
    properties: {
      access: 'Allow',
      direction: 'Inbound',
      protocol: 'Tcp',
      priority,
      sourceAddressPrefix: '*',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '3389',
      ...fields,
    },
  };
}

/** The official NSG example (rule1 for port 80, the default rules) with extra rules, associated with the NIC. */
export function nsgExample(...extra: Record<string, unknown>[]): unknown {
  const nsg = structuredClone(exampleBody('network/NetworkSecurityGroupGet.json')) as {
    name: string;
    id: string;
    properties: { securityRules: unknown[]; networkInterfaces?: unknown[] };
  };
  nsg.name = 'nsg';
  nsg.id = IDS.nsg;
  nsg.properties.securityRules.push(...extra);
  nsg.properties.networkInterfaces = [{ id: IDS.nic }];
  return nsg;
}

/** RDP allowed only from the office range 203.0.113.0/24. */
export const OFFICE_ONLY = rule('Allow-RDP-Office', 300, { sourceAddressPrefix: '203.0.113.0/24' });

/** `az network public-ip show` output (flattened), attached to the NIC. */
export function publicIpShow(sku = 'Standard', allocation = 'Static'): Record<string, unknown> {
  return {
    id: IDS.pip,
    name: 'test-ip',
    type: 'Microsoft.Network/publicIPAddresses',
    ipAddress: VIP,
    publicIPAllocationMethod: allocation,
    sku: { name: sku, tier: 'Regional' },
    dnsSettings: { domainNameLabel: 'vm1', fqdn: 'vm1.eastus.cloudapp.azure.com' },
    ipConfiguration: { id: IDS.ipConfig, resourceGroup: 'rg1' },
    resourceGroup: 'rg1',
  };
}

/** `az network watcher test-ip-flow` output. */
export function ipFlowVerify(access: string, ruleName: string): Record<string, unknown> {
  return { access, ruleName };
}

/** Documents named like the files an admin would send. */
export function docs(entries: Record<string, unknown>): AzureDocument[] {
  return Object.entries(entries).map(([name, value]) => ({ input: `file ${name}`, value }));
}

/** A literal-IP target on the RDP port. */
export function ipTarget(host = VIP, port = 3389): Target {
  return { input: host, host, hostKind: 'ipv4', port, portSource: 'default' };
}

/** A host-name target whose OS resolution answered `addresses`. */
export function nameTarget(addresses: readonly string[]): { target: Target; checks: CheckResult[] } {
  const host = 'vm1.example.com';
  return {
    target: { input: host, host, hostKind: 'hostname', port: 3389, portSource: 'default' },
    checks: [
      {
        id: 'dns.os',
        path: 'direct',
        title: 'dns.os',
        status: 'pass',
        summary: '',
        startedAt: '2026-01-01T00:00:00.000Z',
        durationMs: 1,
        evidence: {
          kind: 'dns.os',
          name: host,
          addresses: addresses.map((address) => ({ address, family: 4 })),
          errorCode: null,
        },
      },
    ],
  };
}
