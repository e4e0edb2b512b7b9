import { describe, expect, it } from 'vitest';
import { readActivityLog } from '../../../../src/core/azure/read-activity-log.js';
import { readEffectiveRoutes } from '../../../../src/core/azure/read-effective-routes.js';
import { AzureSnapshotSchema } from '../../../../src/core/azure/snapshot-schema.js';
import { parseVmResourceId, vmIdOf } from '../../../../src/core/azure/vm-locator.js';
import { exampleBody } from '../nsg/nsg-fixtures.js';
import { IDS } from './azure-fixtures.js';

function event(resourceId: string, operation: string, status: string, at: string, extra: Record<string, unknown> = {}) {
  return {
    resourceId,
    operationName: { value: operation, localizedValue: `Localized ${operation.split('/').at(-2)}` },
    status: { value: status, localizedValue: status },
    caller: 'alice@contoso.example',
    eventTimestamp: at,
    correlationId: `corr-${operation}-${at}`,
    ...extra,
  };
}

describe('readActivityLog', () => {
  const rule = `${IDS.nsg}/securityRules/Allow-RDP`;
  it('keeps finished writes and deletes on the VM resources and their children, newest first', () => {
    const changes = readActivityLog(
      [
        event(rule, 'Microsoft.Network/networkSecurityGroups/securityRules/write', 'Succeeded', '2026-11-24T10:00:00Z'),
        event(rule, 'Microsoft.Network/networkSecurityGroups/securityRules/write', 'Started', '2026-11-24T09:59:58Z'),
        event(IDS.pip, 'Microsoft.Network/publicIPAddresses/delete', 'Failed', '2026-11-25T08:00:00Z'),
        event(IDS.vm, 'Microsoft.Compute/virtualMachines/read', 'Succeeded', '2026-11-25T09:00:00Z'),
        event(
          IDS.nic,
          'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action',
          'Succeeded',
          '2026-11-25T09:00:00Z',
        ),
        event(`${IDS.vm}x`, 'Microsoft.Compute/virtualMachines/write', 'Succeeded', '2026-11-25T09:30:00Z'),
        { not: 'an event' },
      ],
      [IDS.nsg, IDS.pip, IDS.vm, IDS.nic],
    );
    expect(changes.map((c) => [c.operation.split('/').at(-1), c.status, c.at])).toEqual([
      ['action', 'Succeeded', '2026-11-25T09:00:00.000Z'],
      ['delete', 'Failed', '2026-11-25T08:00:00.000Z'],
      ['write', 'Succeeded', '2026-11-24T10:00:00.000Z'],
    ]);
    expect(changes[2]).toMatchObject({ resourceId: rule, caller: 'alice@contoso.example' });
  });

  it('takes the SDK shape too (Date timestamps) and drops duplicates of one operation', () => {
    const sdk = event(IDS.nsg, 'Microsoft.Network/networkSecurityGroups/write', 'Succeeded', '');
    const at = new Date('2026-11-25T07:00:00Z');
    const changes = readActivityLog(
      [
        { ...sdk, eventTimestamp: at },
        { ...sdk, eventTimestamp: at },
      ],
      [IDS.nsg],
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]?.at).toBe('2026-11-25T07:00:00.000Z');
  });
});

describe('readEffectiveRoutes', () => {
  it('reads the official example', () => {
    const read = readEffectiveRoutes(
      exampleBody('network/NetworkInterfaceEffectiveRouteTableList.json'),
      'routes.json',
    );
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(read.value).toContainEqual({
      source: 'Default',
      state: 'Active',
      addressPrefixes: ['0.0.0.0/0'],
      nextHopType: 'Internet',
      nextHopIpAddresses: [],
    });
  });

  it('names the input and what was expected when the shape is wrong', () => {
    const read = readEffectiveRoutes({ value: 'nope' }, 'routes.json');
    expect(read.kind === 'err' && read.error.message).toMatch(/^routes\.json is not an effective route table/);
  });
});

describe('parseVmResourceId', () => {
  it('accepts a VM resource ID and gives back the same ID', () => {
    const parsed = parseVmResourceId(
      IDS.vm.replace('00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-0000000000AA'),
      '--azure-vm',
    );
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.value).toEqual({
      kind: 'resource-id',
      subscriptionId: '00000000-0000-0000-0000-0000000000aa',
      resourceGroup: 'rg1',
      vmName: 'vm1',
    });
    expect(vmIdOf(parsed.value)).toMatch(/\/resourceGroups\/rg1\/providers\/Microsoft\.Compute\/virtualMachines\/vm1$/);
  });

  it.each([
    ['a NIC id', IDS.nic, /is not a VM resource ID/],
    [
      'a subscription that is not a GUID',
      '/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
      /not a subscription ID/,
    ],
    ['a VM name with a space', `${IDS.vm.replace('vm1', 'my%20vm')}`, /not a VM name/],
  ])('refuses %s with a message naming --azure-vm', (_what, value, message) => {
    const parsed = parseVmResourceId(value, '--azure-vm');
    expect(parsed.kind).toBe('err');
    if (parsed.kind === 'err') {
      expect(parsed.error.input).toBe('--azure-vm');
      expect(parsed.error.message).toMatch(message);
    }
  });
});

describe('the snapshot schema', () => {
  it('still reads a snapshot without the live-only fields (reports made before them)', () => {
    const old = {
      origin: { kind: 'offline', inputs: [] },
      vm: null,
      nics: [],
      subnets: [],
      publicIps: [],
      nsgs: [],
      loadBalancers: [],
      effectiveNsgs: [],
      ipFlowVerify: [],
      forbidden: [],
      problems: [],
    };
    expect(AzureSnapshotSchema.safeParse(old).success).toBe(true);
  });
});
