import { describe, expect, it } from 'vitest';
import {
  type AzureOrigin,
  AzureSnapshotSchema,
  buildAzureSnapshot,
  classifyAzureDocument,
  parseAzureJsonText,
} from '../../../../src/core/azure/index.js';
import { exampleBody } from '../nsg/nsg-fixtures.js';
import {
  docs,
  IDS,
  ipFlowVerify,
  nicExample,
  nsgExample,
  OFFICE_ONLY,
  publicIpShow,
  VIP,
  vmShowDetails,
} from './azure-fixtures.js';

const origin: AzureOrigin = { kind: 'offline', inputs: [] };

describe('classifyAzureDocument', () => {
  it('recognises official examples and az output by content', () => {
    expect(classifyAzureDocument(exampleBody('compute/VirtualMachine_Get.json'))).toBe('vm');
    expect(classifyAzureDocument(exampleBody('compute/VirtualMachine_Get_InstanceView.json'))).toBe('vm-instance-view');
    expect(classifyAzureDocument(exampleBody('network/NetworkInterfaceGet.json'))).toBe('nic');
    expect(classifyAzureDocument(exampleBody('network/NetworkSecurityGroupGet.json'))).toBe('nsg');
    expect(classifyAzureDocument(exampleBody('network/PublicIpAddressGet.json'))).toBe('public-ip');
    expect(classifyAzureDocument(exampleBody('network/LoadBalancerGet.json'))).toBe('load-balancer');
    expect(classifyAzureDocument(exampleBody('network/SubnetGet.json'))).toBe('subnet');
    expect(classifyAzureDocument(exampleBody('network/NetworkInterfaceEffectiveNSGList.json'))).toBe('effective-nsg');
    expect(classifyAzureDocument(exampleBody('network/NetworkWatcherIpFlowVerify.json'))).toBe('ip-flow-verify');
    expect(classifyAzureDocument(vmShowDetails())).toBe('vm');
    expect(classifyAzureDocument({ error: { code: 'AuthorizationFailed', message: 'no' } })).toBe('azure-error');
    expect(classifyAzureDocument({ hello: 'world' })).toBe('unknown');
  });
});

describe('parseAzureJsonText', () => {
  it('says a file is truncated, malformed or empty, and turns az error text into an error body', () => {
    const truncated = parseAzureJsonText('{"name": "vm1", "properties": {"x": [1, 2', 'file vm.json');
    expect(truncated.kind === 'err' && truncated.error.message).toMatch(
      /^file vm.json is truncated: the JSON ends with 3 brackets still open after 41 characters/,
    );
    const malformed = parseAzureJsonText('{"name": vm1}', 'file vm.json');
    expect(malformed.kind === 'err' && malformed.error.message).toMatch(/^file vm.json is not valid JSON \(/);
    const empty = parseAzureJsonText(' \n', 'file vm.json');
    expect(empty.kind === 'err' && empty.error.message).toMatch(
      /^file vm.json is empty; expected JSON saved from `az vm show -d`/,
    );
    const cli = parseAzureJsonText(
      "ERROR: (AuthorizationFailed) The client 'x' does not have authorization to perform action 'Microsoft.Network/networkWatchers/ipFlowVerify/action' over scope 'y'.",
      'file flow.json',
    );
    expect(cli).toEqual({
      kind: 'ok',
      value: { error: { code: 'AuthorizationFailed', message: expect.stringContaining('ipFlowVerify') } },
    });
  });
});

describe('buildAzureSnapshot', () => {
  it('builds a serialisable snapshot from az output and ARM examples', () => {
    const { snapshot, usedDocuments } = buildAzureSnapshot(
      docs({
        'vm.json': vmShowDetails(),
        'nic.json': nicExample(),
        'nsg.json': nsgExample(OFFICE_ONLY),
        'pip.json': publicIpShow(),
        'flow.json': ipFlowVerify('Deny', 'defaultSecurityRules/DenyAllInBound'),
        'effective.json': exampleBody('network/NetworkInterfaceEffectiveNSGList.json'),
      }),
      origin,
    );
    expect(usedDocuments).toBe(6);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.vm).toMatchObject({
      name: 'vm1',
      resourceGroup: 'rg1',
      computerName: 'WIN-VM01',
      powerState: { code: 'running', display: 'VM running' },
      vmAgent: { status: 'Ready' },
      bootDiagnostics: { enabled: true, screenshotUri: null },
      nics: [{ id: IDS.nic, primary: true }],
      publicIps: [VIP],
    });
    expect(snapshot.nics[0]).toMatchObject({ name: 'test-nic', nsg: { kind: 'nsg', id: IDS.nsg } });
    expect(snapshot.nics[0]?.ipConfigurations[1]?.privateIp).toBe('172.20.2.16');
    expect(snapshot.publicIps[0]).toMatchObject({
      address: VIP,
      sku: 'Standard',
      allocation: 'Static',
      fqdn: 'vm1.eastus.cloudapp.azure.com',
    });
    expect(snapshot.nsgs[0]?.nicIds).toEqual([IDS.nic]);
    expect(snapshot.ipFlowVerify[0]?.result).toEqual({
      access: 'Deny',
      ruleName: 'defaultSecurityRules/DenyAllInBound',
    });
    expect(snapshot.effectiveNsgs[0]?.entries.length).toBeGreaterThan(0);
    const roundTrip = JSON.parse(JSON.stringify(snapshot)) as unknown;
    expect(AzureSnapshotSchema.parse(roundTrip)).toEqual(snapshot);
  });

  it('merges a VM GET with its instance view, and reads load balancer NAT rules and port mappings', () => {
    const { snapshot } = buildAzureSnapshot(
      docs({
        'vm.json': exampleBody('compute/VirtualMachine_Get.json'),
        'view.json': exampleBody('compute/VirtualMachine_Get_InstanceView.json'),
        'lb.json': exampleBody('network/LoadBalancerGetInboundNatRulePortMapping.json'),
      }),
      origin,
    );
    expect(snapshot.vm).toMatchObject({
      name: 'myVM',
      computerName: 'myVM',
      powerState: { code: 'running' },
      vmAgent: { status: 'Ready' },
    });
    expect(snapshot.vm?.bootDiagnostics?.screenshotUri).toContain('screenshot.bmp');
    expect(snapshot.loadBalancers[0]?.inboundNatRules[0]).toMatchObject({
      name: 'in-nat-rule',
      frontendPort: null,
      frontendPortRange: { start: 3389, end: 4000 },
      backendPort: 3389,
    });
  });

  it('records Azure errors as problems and authorization failures as forbidden operations', () => {
    const { snapshot, usedDocuments } = buildAzureSnapshot(
      docs({
        'effective.json': {
          error: {
            code: 'AuthorizationFailed',
            message:
              "The client 'u@example.com' with object id '1' does not have authorization to perform action 'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action' over scope '/subscriptions/0'.",
          },
        },
        'odd.json': { hello: 'world' },
        'list.json': [publicIpShow()],
      }),
      origin,
    );
    expect(usedDocuments).toBe(1);
    expect(snapshot.forbidden).toEqual([
      expect.objectContaining({
        operation: 'effective-nsg',
        action: 'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action',
      }),
    ]);
    expect(snapshot.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^file effective.json holds an Azure error response \(AuthorizationFailed: The client/),
      'file odd.json is not a recognised Azure resource (it holds an object with hello); expected JSON saved from `az vm show -d`, `az network nic show`, `az network nic list-effective-nsg`, `az network nsg show`, `az network public-ip show`, `az network lb show` or `az network watcher test-ip-flow`.',
    ]);
    expect(snapshot.publicIps).toHaveLength(1);
  });
});
