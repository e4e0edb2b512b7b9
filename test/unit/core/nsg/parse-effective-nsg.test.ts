import { describe, expect, it } from 'vitest';
import {
  effectiveLayers,
  parseEffectiveNsgList,
  parseEffectiveNsgListJson,
} from '../../../../src/core/nsg/parse-effective-nsg.js';
import { exampleBody, exampleText } from './nsg-fixtures.js';

function mustParse(value: unknown) {
  const parsed = parseEffectiveNsgList(value, 'file effective.json');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

const SUBNET_ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/default';
const NIC_ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1';

describe('parseEffectiveNsgList', () => {
  it('parses the official effectiveNetworkSecurityGroups example', () => {
    const [entry, ...rest] = mustParse(exampleBody('network/NetworkInterfaceEffectiveNSGList.json'));
    expect(rest).toHaveLength(0);
    // The example names the subnet, the NIC and a network manager in one association.
    expect(entry?.association).toBe('ambiguous');
    expect(entry?.nsg.name).toBe('test-nsg');
    const rules = entry?.nsg.rules ?? [];
    expect(rules.map((r) => [r.name, r.shortName, r.origin, r.protocol])).toEqual([
      ['securityRules/rule1', 'rule1', 'security-rule', 'Tcp'],
      ['securityRules/default-allow-rdp', 'default-allow-rdp', 'security-rule', 'Tcp'],
      ['defaultSecurityRules/AllowInternetOutBound', 'AllowInternetOutBound', 'default-security-rule', 'Any'],
    ]);
    expect(rules[1]).toMatchObject({
      sources: [{ kind: 'prefix', text: '1.1.1.1/32' }],
      destinations: [{ kind: 'any', text: '0.0.0.0/0' }],
      destinationPorts: [{ kind: 'range', first: 3389, last: 3389 }],
      sourcePorts: [{ kind: 'any', text: '0-65535' }],
    });
    expect(rules[2]?.expandedDestinations).toEqual(['32.0.0.0/3', '4.0.0.0/6', '2.0.0.0/7', '1.0.0.0/8']);
  });

  it('sorts entries into subnet, NIC and network-manager layers, and reads a tagMap given as JSON text', () => {
    const rule = {
      name: 'securityRules/AllowRdp',
      protocol: 'Tcp',
      access: 'Allow',
      priority: 300,
      direction: 'Inbound',
      sourceAddressPrefixes: ['203.0.113.0/24'],
      destinationAddressPrefix: '0.0.0.0/0',
      destinationPortRanges: ['3389-3389'],
      sourcePortRange: '0-65535',
    };
    const entries = mustParse([
      {
        association: { subnet: { id: SUBNET_ID }, networkInterface: null },
        networkSecurityGroup: { id: '/x/networkSecurityGroups/subnet-nsg' },
        effectiveSecurityRules: [rule],
        tagMap: JSON.stringify({ VirtualNetwork: ['10.0.0.0/16'] }),
      },
      {
        association: { networkInterface: { id: NIC_ID } },
        networkSecurityGroup: { id: '/x/networkSecurityGroups/nic-nsg' },
        effectiveSecurityRules: [],
        tagMap: { AzureLoadBalancer: ['168.63.129.16/32'] },
      },
      {
        association: { networkManager: { id: '/x/networkManagers/nm1' } },
        effectiveSecurityRules: [{ ...rule, name: 'block-rdp', access: 'AlwaysAllow' }],
      },
    ]);
    const layers = effectiveLayers(entries);
    expect(layers.subnetNsg?.name).toBe('subnet-nsg');
    expect(layers.subnetNsg?.tagMap).toEqual({ VirtualNetwork: ['10.0.0.0/16'] });
    expect(layers.nicNsg?.name).toBe('nic-nsg');
    expect(layers.nicNsg?.tagMap).toEqual({ AzureLoadBalancer: ['168.63.129.16/32'] });
    expect(layers.adminRules.map((r) => [r.name, r.access, r.origin])).toEqual([
      ['block-rdp', 'AlwaysAllow', 'admin-rule'],
    ]);
    expect(layers.ambiguous).toEqual([]);
  });

  it('refuses AlwaysAllow outside admin rules', () => {
    const parsed = parseEffectiveNsgList(
      {
        value: [
          {
            association: { networkInterface: { id: NIC_ID } },
            effectiveSecurityRules: [
              { name: 'securityRules/x', protocol: 'All', access: 'AlwaysAllow', priority: 100, direction: 'Inbound' },
            ],
          },
        ],
      },
      'file effective.json',
    );
    expect(parsed.kind === 'err' && parsed.error.message).toBe(
      'file effective.json: value[0].effectiveSecurityRules[0] (securityRules/x): access "AlwaysAllow" is not Allow or Deny.',
    );
  });

  it('reports malformed, truncated and mis-shaped JSON with the input name', () => {
    const text = exampleText('network/NetworkInterfaceEffectiveNSGList.json');
    const truncated = parseEffectiveNsgListJson(text.slice(0, 900), 'file effective.json');
    expect(truncated.kind === 'err' && truncated.error.message).toMatch(
      /^file effective\.json is not valid JSON \(.+\); expected the effective network security groups of a NIC/,
    );
    const shape = parseEffectiveNsgListJson('{"value": {"a": 1}}', 'file effective.json');
    expect(shape.kind === 'err' && shape.error.message).toMatch(
      /^file effective\.json is not the effective network security groups of a NIC .*: at value, expected array/,
    );
    const missing = parseEffectiveNsgListJson('{"value":[{"effectiveSecurityRules":[{"name":"r"}]}]}', 'file e.json');
    expect(missing.kind === 'err' && missing.error.message).toMatch(
      /: value\[0\]\.effectiveSecurityRules\[0\]\.protocol is missing \(expected a string\) \(and 3 more problems\)\.$/,
    );
  });
});
