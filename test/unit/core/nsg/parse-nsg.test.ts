import { describe, expect, it } from 'vitest';
import { parseNetworkSecurityGroup, parseNetworkSecurityGroupJson } from '../../../../src/core/nsg/parse-nsg.js';
import { armRule, exampleBody } from './nsg-fixtures.js';

function mustParse(value: unknown) {
  const parsed = parseNetworkSecurityGroup(value, 'file nsg.json');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

function errorOf(result: ReturnType<typeof parseNetworkSecurityGroupJson>) {
  if (result.kind === 'ok') throw new Error('expected an error');
  return result.error;
}

describe('parseNetworkSecurityGroup', () => {
  it('parses the official NSG GET example: rule1 plus the six default rules', () => {
    const nsg = mustParse(exampleBody('network/NetworkSecurityGroupGet.json'));
    expect(nsg.name).toBe('testnsg');
    expect(nsg.id).toMatch(/networkSecurityGroups\/testnsg$/);
    expect(nsg.rules.map((r) => [r.name, r.priority, r.origin])).toEqual([
      ['rule1', 130, 'security-rule'],
      ['AllowVnetInBound', 65000, 'default-security-rule'],
      ['AllowAzureLoadBalancerInBound', 65001, 'default-security-rule'],
      ['DenyAllInBound', 65500, 'default-security-rule'],
      ['AllowVnetOutBound', 65000, 'default-security-rule'],
      ['AllowInternetOutBound', 65001, 'default-security-rule'],
      ['DenyAllOutBound', 65500, 'default-security-rule'],
    ]);
    const [rule1] = nsg.rules;
    expect(rule1).toMatchObject({
      access: 'Allow',
      direction: 'Inbound',
      protocol: 'Any',
      sources: [{ kind: 'any', text: '*' }],
      destinationPorts: [{ kind: 'range', text: '80', first: 80, last: 80 }],
    });
  });

  it('parses the official security rule GET and list examples wrapped as an NSG', () => {
    const rule = exampleBody('network/NetworkSecurityGroupRuleGet.json');
    const list = exampleBody('network/NetworkSecurityGroupRuleList.json') as { value: unknown[] };
    expect(mustParse({ properties: { securityRules: [rule] } }).rules[0]?.name).toBe('rule1');
    expect(mustParse({ securityRules: list.value }).rules).toHaveLength(1);
  });

  it('parses Azure CLI output, where properties are flattened and empty lists sit next to single values', () => {
    const nsg = mustParse({
      name: 'cli-nsg',
      securityRules: [
        {
          name: 'AllowRdp',
          access: 'Allow',
          direction: 'Inbound',
          protocol: 'TCP',
          priority: 300,
          sourceAddressPrefix: null,
          sourceAddressPrefixes: ['203.0.113.0/24', '2001:db8::/32'],
          destinationAddressPrefix: '*',
          destinationAddressPrefixes: [],
          sourcePortRange: '*',
          sourcePortRanges: [],
          destinationPortRange: null,
          destinationPortRanges: ['3389', '5000-5010'],
        },
      ],
      defaultSecurityRules: [],
    });
    expect(nsg.rules[0]).toMatchObject({
      protocol: 'Tcp',
      sources: [
        { kind: 'prefix', text: '203.0.113.0/24' },
        { kind: 'prefix', text: '2001:db8::/32' },
      ],
      destinationPorts: [
        { kind: 'range', first: 3389, last: 3389 },
        { kind: 'range', first: 5000, last: 5010 },
      ],
    });
  });

  it('keeps service tags and application security groups as such', () => {
    const nsg = mustParse({
      properties: {
        securityRules: [
          armRule('tag', 100, { source: 'Storage.WestUS', port: '443' }),
          armRule('asg', 110, { sourceAsgs: ['/subscriptions/0/.../applicationSecurityGroups/web'] }),
        ],
      },
    });
    expect(nsg.rules[0]?.sources).toEqual([{ kind: 'service-tag', text: 'Storage.WestUS' }]);
    expect(nsg.rules[1]?.sources).toEqual([
      { kind: 'asg', text: '/subscriptions/0/.../applicationSecurityGroups/web' },
    ]);
  });

  it('treats 0.0.0.0/0, Any and 0-65535 as any', () => {
    const nsg = mustParse({
      securityRules: [armRule('r', 100, { source: '0.0.0.0/0', destination: 'Any', port: '0-65535' })],
    });
    expect(nsg.rules[0]).toMatchObject({
      sources: [{ kind: 'any' }],
      destinations: [{ kind: 'any' }],
      destinationPorts: [{ kind: 'any' }],
    });
  });
});

describe('parseNetworkSecurityGroupJson: bad input is a value, never a throw', () => {
  it('names the input and says JSON was expected for malformed text', () => {
    const error = errorOf(parseNetworkSecurityGroupJson('{"name": "nsg1", properties: {}}', 'file nsg.json'));
    expect(error.kind).toBe('input-error');
    expect(error.input).toBe('file nsg.json');
    expect(error.message).toMatch(/^file nsg\.json is not valid JSON \(.+\); expected a network security group/);
  });

  it('reports truncated JSON the same way', () => {
    const text = JSON.stringify(exampleBody('network/NetworkSecurityGroupGet.json'));
    const error = errorOf(parseNetworkSecurityGroupJson(text.slice(0, text.length / 2), 'file nsg.json'));
    expect(error.message).toMatch(/^file nsg\.json is not valid JSON/);
    expect(error.message).toContain('network security group');
  });

  it('reports an empty file', () => {
    expect(errorOf(parseNetworkSecurityGroupJson('  \n', 'file nsg.json')).message).toBe(
      'file nsg.json is empty; expected a network security group (NSG GET or `az network nsg show` JSON) as JSON.',
    );
  });

  it('says what is missing when the JSON is something else (a NIC)', () => {
    const error = errorOf(
      parseNetworkSecurityGroupJson('{"name":"nic1","properties":{"ipConfigurations":[]}}', 'file nic.json'),
    );
    expect(error.message).toMatch(
      /^file nic\.json is not a network security group .*expected securityRules or defaultSecurityRules/,
    );
  });

  it('says where a field has the wrong type', () => {
    const rule = armRule('r', 100) as { properties: Record<string, unknown> };
    rule.properties.priority = '100';
    const error = errorOf(
      parseNetworkSecurityGroupJson(JSON.stringify({ properties: { securityRules: [rule] } }), 'NSG a'),
    );
    expect(error.message).toMatch(
      /^NSG a is not a network security group .*: at securityRules\[0\]\.priority, .*number/,
    );
  });

  it('names the rule and the bad value for an invalid prefix, port, protocol or access', () => {
    const cases: [unknown, string][] = [
      [armRule('bad-prefix', 100, { source: '10.0.0.0/33' }), '"10.0.0.0/33" is not an IP address, a CIDR block'],
      [armRule('bad-port', 100, { port: '3389-80' }), '"3389-80" is not a port'],
      [armRule('bad-port2', 100, { port: '70000' }), '"70000" is not a port'],
      [armRule('bad-proto', 100, { protocol: 'Gre' }), 'protocol "Gre" is not Tcp, Udp, Icmp, Esp, Ah, * or All'],
      [armRule('bad-access', 100, { access: 'AlwaysAllow' }), 'access "AlwaysAllow" is not Allow or Deny'],
    ];
    for (const [rule, expected] of cases) {
      const error = errorOf(parseNetworkSecurityGroupJson(JSON.stringify({ securityRules: [rule] }), 'file nsg.json'));
      expect(error.message).toContain('file nsg.json: securityRules[0] (');
      expect(error.message).toContain(expected);
    }
  });

  it('recognises an Azure error response sent instead of the NSG', () => {
    const body = { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization.' } };
    expect(errorOf(parseNetworkSecurityGroupJson(JSON.stringify(body), 'file nsg.json')).message).toBe(
      'file nsg.json holds an Azure error response (AuthorizationFailed: The client does not have authorization.), not a network security group (NSG GET or `az network nsg show` JSON).',
    );
  });

  it('rejects JSON that is not an object', () => {
    expect(errorOf(parseNetworkSecurityGroupJson('[1,2]', 'file nsg.json')).message).toMatch(
      /^file nsg\.json is not a network security group/,
    );
    expect(errorOf(parseNetworkSecurityGroupJson('null', 'file nsg.json')).message).toMatch(/^file nsg\.json is not/);
  });
});
