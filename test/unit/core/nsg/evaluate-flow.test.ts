import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../../../../src/core/nsg/evaluate-flow.js';
import { explainConsideredRule } from '../../../../src/core/nsg/explain.js';
import type { EvaluateFlowInput, FlowVerdict, LayerReport } from '../../../../src/core/nsg/flow-types.js';
import { parseSecurityAdminRules } from '../../../../src/core/nsg/parse-admin-rules.js';
import { parseEffectiveNsgList } from '../../../../src/core/nsg/parse-effective-nsg.js';
import { parseNetworkSecurityGroup } from '../../../../src/core/nsg/parse-nsg.js';
import { armRule, exampleBody, nsg, rdpFrom, VM_CONTEXT } from './nsg-fixtures.js';

function evaluate(input: Partial<EvaluateFlowInput> & Pick<EvaluateFlowInput, 'flow'>): FlowVerdict {
  const result = evaluateFlow({ subnetNsg: null, nicNsg: null, context: VM_CONTEXT, ...input });
  if (result.kind === 'err') throw new Error(result.error.message);
  return result.value;
}

/** `allowed by X` / `denied by X in <layer>` / `denied: standard-sku-closed`, for compact assertions. */
function summary(verdict: FlowVerdict): string {
  const by = verdict.decidedBy;
  if (by.kind !== 'rule') return `${verdict.kind}: ${by.kind}`;
  return `${verdict.kind} by ${by.located.rule.name} in ${by.located.layer}${by.located.nsgName ? ` ${by.located.nsgName}` : ''}`;
}

function considered(layer: LayerReport | undefined): string[] {
  if (layer === undefined || (layer.kind !== 'decided' && layer.kind !== 'no-match')) return [];
  return layer.considered.map((c) => `${c.rule.name}:${c.outcome}${c.field ? `:${c.field}` : ''}`);
}

const RDP_FROM_OFFICE = armRule('AllowRdpFromOffice', 300, { source: '203.0.113.0/24', port: '3389' });

describe('the headline case: RDP allowed only from 203.0.113.0/24, client 198.51.100.7', () => {
  it('is denied by DenyAllInBound and the allow rule is reported as "for other sources"', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('vm1-nsg', [RDP_FROM_OFFICE]) });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in nic vm1-nsg');
    if (verdict.kind !== 'denied') throw new Error('expected denied');
    expect(verdict.otherSourceAllows).toHaveLength(1);
    expect(verdict.otherSourceAllows[0]).toMatchObject({
      located: { layer: 'nic', nsgName: 'vm1-nsg', rule: { name: 'AllowRdpFromOffice', priority: 300 } },
      sources: ['203.0.113.0/24'],
      jit: false,
    });
    expect(verdict.jitDeny).toBe(false);
    expect(verdict.uncertainties).toEqual([]);
    expect(verdict.layers.map((l) => l.kind)).toEqual(['absent', 'decided']);
    expect(considered(verdict.layers[1])).toEqual([
      'AllowRdpFromOffice:no-match:source-address',
      'AllowVnetInBound:no-match:source-address',
      'AllowAzureLoadBalancerInBound:no-match:source-address',
      'DenyAllInBound:match',
    ]);
    const layer = verdict.layers[1];
    if (layer?.kind !== 'decided') throw new Error('expected a decided layer');
    expect(layer.considered.map((c) => explainConsideredRule(c, verdict.flow))).toEqual([
      'AllowRdpFromOffice (priority 300, Allow): does not match, source 198.51.100.7 is not in 203.0.113.0/24',
      'AllowVnetInBound (priority 65000, Allow): does not match, source 198.51.100.7 is not in VirtualNetwork',
      'AllowAzureLoadBalancerInBound (priority 65001, Allow): does not match, source 198.51.100.7 is not in AzureLoadBalancer',
      'DenyAllInBound (priority 65500, Deny): matches',
    ]);
  });

  it('is allowed for a client inside the prefix', () => {
    const verdict = evaluate({ flow: rdpFrom('203.0.113.77'), nicNsg: nsg('vm1-nsg', [RDP_FROM_OFFICE]) });
    expect(summary(verdict)).toBe('allowed by AllowRdpFromOffice in nic vm1-nsg');
  });

  it('gives the same answer from the effective NSG API form', () => {
    const effective = parseEffectiveNsgList(
      {
        value: [
          {
            association: { networkInterface: { id: '/x/networkInterfaces/nic1' } },
            networkSecurityGroup: { id: '/x/networkSecurityGroups/vm1-nsg' },
            effectiveSecurityRules: [
              {
                name: 'securityRules/AllowRdpFromOffice',
                protocol: 'Tcp',
                sourcePortRange: '0-65535',
                destinationPortRange: '3389-3389',
                sourceAddressPrefix: '203.0.113.0/24',
                destinationAddressPrefix: '0.0.0.0/0',
                access: 'Allow',
                priority: 300,
                direction: 'Inbound',
              },
              {
                name: 'defaultSecurityRules/AllowVnetInBound',
                protocol: 'All',
                sourcePortRange: '0-65535',
                destinationPortRange: '0-65535',
                sourceAddressPrefix: 'VirtualNetwork',
                destinationAddressPrefix: 'VirtualNetwork',
                expandedSourceAddressPrefix: ['10.0.0.0/16', '168.63.129.16/32'],
                expandedDestinationAddressPrefix: ['10.0.0.0/16', '168.63.129.16/32'],
                access: 'Allow',
                priority: 65000,
                direction: 'Inbound',
              },
              {
                name: 'defaultSecurityRules/DenyAllInBound',
                protocol: 'All',
                sourcePortRange: '0-65535',
                destinationPortRange: '0-65535',
                sourceAddressPrefix: '0.0.0.0/0',
                destinationAddressPrefix: '0.0.0.0/0',
                access: 'Deny',
                priority: 65500,
                direction: 'Inbound',
              },
            ],
          },
        ],
      },
      'effective NSGs',
    );
    if (effective.kind === 'err') throw new Error(effective.error.message);
    const nic = effective.value[0]?.nsg ?? null;
    // No VNet prefixes in the context: the effective API's expansion answers for VirtualNetwork.
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nic, context: { vmIps: ['10.0.1.4'] } });
    expect(summary(verdict)).toBe('denied by defaultSecurityRules/DenyAllInBound in nic vm1-nsg');
    expect(verdict.kind === 'denied' && verdict.otherSourceAllows.map((o) => o.located.rule.name)).toEqual([
      'securityRules/AllowRdpFromOffice',
    ]);
    expect(verdict.uncertainties).toEqual([]);
  });

  it('flags AllowVnetInBound as undecided when the virtual network address space is unknown', () => {
    const verdict = evaluate({
      flow: rdpFrom('198.51.100.7'),
      nicNsg: nsg('vm1-nsg', [RDP_FROM_OFFICE]),
      context: { vmIps: ['10.0.1.4'] },
    });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in nic vm1-nsg');
    expect(verdict.uncertainties).toEqual([
      {
        located: expect.objectContaining({ layer: 'nic', rule: expect.objectContaining({ name: 'AllowVnetInBound' }) }),
        field: 'source-address',
        note: 'VirtualNetwork: the virtual network address space was not supplied',
      },
    ]);
  });
});

describe('the official effective NSG example', () => {
  it('evaluates its rules, adding the inbound default rules it leaves out', () => {
    const parsed = parseEffectiveNsgList(exampleBody('network/NetworkInterfaceEffectiveNSGList.json'), 'example');
    if (parsed.kind === 'err') throw new Error(parsed.error.message);
    const nic = parsed.value[0]?.nsg ?? null;
    expect(summary(evaluate({ flow: rdpFrom('1.1.1.1'), nicNsg: nic }))).toBe(
      'allowed by securityRules/default-allow-rdp in nic test-nsg',
    );
    const denied = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nic });
    expect(summary(denied)).toBe('denied by DenyAllInBound in nic test-nsg');
    expect(
      denied.kind === 'denied' && denied.otherSourceAllows.map((o) => [o.located.rule.shortName, o.sources]),
    ).toEqual([['default-allow-rdp', ['1.1.1.1/32']]]);
  });
});

describe('rules by priority, first match wins', () => {
  it('applies the lowest priority number first, whatever the order given', () => {
    const deny = armRule('DenyRdp', 100, { access: 'Deny', port: '3389' });
    const allow = armRule('AllowRdp', 200, { port: '3389' });
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('n', [allow, deny]) }))).toBe(
      'denied by DenyRdp in nic n',
    );
    const allowFirst = armRule('AllowRdp', 100, { port: '3389' });
    const denyLater = armRule('DenyRdp', 200, { access: 'Deny', port: '3389' });
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('n', [denyLater, allowFirst]) });
    expect(summary(verdict)).toBe('allowed by AllowRdp in nic n');
    // Evaluation stops at the first match: the deny rule is never looked at.
    expect(considered(verdict.layers[1])).toEqual(['AllowRdp:match']);
  });

  it('skips rules of the other direction', () => {
    const outbound = armRule('DenyOut', 100, { access: 'Deny', direction: 'Outbound' });
    const verdict = evaluate({ flow: rdpFrom('203.0.113.1'), nicNsg: nsg('n', [outbound, RDP_FROM_OFFICE]) });
    expect(summary(verdict)).toBe('allowed by AllowRdpFromOffice in nic n');
  });
});

describe('subnet then NIC (Azure docs, "How network security groups filter network traffic")', () => {
  const allow80 = armRule('Allow80', 100, { port: '80', source: 'Internet' });
  const web = rdpFrom('198.51.100.7', { destinationPort: 80 });

  it('VM1: the subnet NSG denies, the NIC NSG is never evaluated', () => {
    const verdict = evaluate({ flow: web, subnetNsg: nsg('NSG1', []), nicNsg: nsg('NSG2', [allow80]) });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in subnet NSG1');
    expect(verdict.layers.map((l) => `${l.layer}:${l.kind}`)).toEqual(['subnet:decided', 'nic:not-reached']);
  });

  it('VM1: both must allow; the subnet allows, the NIC denies', () => {
    const verdict = evaluate({ flow: web, subnetNsg: nsg('NSG1', [allow80]), nicNsg: nsg('NSG2', []) });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in nic NSG2');
  });

  it('VM1: both allow; each allowing rule is reported', () => {
    const verdict = evaluate({ flow: web, subnetNsg: nsg('NSG1', [allow80]), nicNsg: nsg('NSG2', [allow80]) });
    expect(summary(verdict)).toBe('allowed by Allow80 in nic NSG2');
    expect(verdict.allowingRules.map((l) => `${l.layer}:${l.rule.name}`)).toEqual(['subnet:Allow80', 'nic:Allow80']);
  });

  it('VM2: only the subnet has an NSG, and it decides', () => {
    expect(summary(evaluate({ flow: web, subnetNsg: nsg('NSG1', [allow80]) }))).toBe(
      'allowed by Allow80 in subnet NSG1',
    );
    expect(summary(evaluate({ flow: web, subnetNsg: nsg('NSG1', []) }))).toBe(
      'denied by DenyAllInBound in subnet NSG1',
    );
  });

  it('VM3: no subnet NSG, the NIC NSG decides', () => {
    const verdict = evaluate({ flow: web, nicNsg: nsg('NSG2', [allow80]) });
    expect(summary(verdict)).toBe('allowed by Allow80 in nic NSG2');
    expect(verdict.layers[0]).toEqual({ kind: 'absent', layer: 'subnet' });
  });

  it('VM4: no NSG anywhere lets everything through', () => {
    expect(summary(evaluate({ flow: web }))).toBe('allowed: no-nsg');
  });

  it('outbound: the NIC NSG first, then the subnet NSG', () => {
    const out = {
      direction: 'Outbound',
      protocol: 'Tcp',
      sourceIp: '10.0.1.4',
      sourcePort: 50_000,
      destinationIp: '198.51.100.7',
      destinationPort: 80,
    } as const;
    const denyOut = armRule('Deny80Out', 100, {
      access: 'Deny',
      direction: 'Outbound',
      port: '80',
      destination: 'Internet',
    });
    const verdict = evaluate({ flow: out, subnetNsg: nsg('NSG1', []), nicNsg: nsg('NSG2', [denyOut]) });
    expect(summary(verdict)).toBe('denied by Deny80Out in nic NSG2');
    expect(verdict.layers.map((l) => `${l.layer}:${l.kind}`)).toEqual(['nic:decided', 'subnet:not-reached']);
    expect(summary(evaluate({ flow: out, subnetNsg: nsg('NSG1', []), nicNsg: nsg('NSG2', []) }))).toBe(
      'allowed by AllowInternetOutBound in subnet NSG1',
    );
  });
});

describe('a Standard SKU public IP is closed without an NSG', () => {
  it('denies inbound when neither the subnet nor the NIC has an NSG', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), viaStandardSkuPublicIp: true });
    expect(summary(verdict)).toBe('denied: standard-sku-closed');
  });

  it('lets an NSG on either the subnet or the NIC open it', () => {
    const open = armRule('AllowRdp', 100, { port: '3389' });
    expect(
      summary(evaluate({ flow: rdpFrom('198.51.100.7'), viaStandardSkuPublicIp: true, subnetNsg: nsg('s', [open]) })),
    ).toBe('allowed by AllowRdp in subnet s');
  });

  it('does not apply to outbound flows', () => {
    const out = {
      direction: 'Outbound',
      protocol: 'Tcp',
      sourceIp: '10.0.1.4',
      destinationIp: '198.51.100.7',
      destinationPort: 443,
    } as const;
    expect(summary(evaluate({ flow: out, viaStandardSkuPublicIp: true }))).toBe('allowed: no-nsg');
  });
});

describe('Virtual Network Manager security admin rules come first', () => {
  const adminRule = (name: string, priority: number, access: string, extra: Record<string, unknown> = {}) => ({
    name,
    kind: 'Custom',
    properties: { access, priority, direction: 'Inbound', protocol: 'Tcp', destinationPortRanges: ['3389'], ...extra },
  });
  const admin = (rules: unknown[]) => {
    const parsed = parseSecurityAdminRules({ value: rules }, 'admin rules');
    if (parsed.kind === 'err') throw new Error(parsed.error.message);
    return parsed.value;
  };
  const nicAllows = nsg('nic-nsg', [armRule('AllowRdp', 100, { port: '3389' })]);

  it('Deny ends evaluation even when the NSGs allow', () => {
    const verdict = evaluate({
      flow: rdpFrom('198.51.100.7'),
      adminRules: admin([adminRule('BlockRdp', 10, 'Deny')]),
      nicNsg: nicAllows,
    });
    expect(summary(verdict)).toBe('denied by BlockRdp in admin');
    expect(verdict.layers.map((l) => `${l.layer}:${l.kind}`)).toEqual([
      'admin:decided',
      'subnet:absent',
      'nic:not-reached',
    ]);
  });

  it('AlwaysAllow ends evaluation even when the NSGs deny', () => {
    const verdict = evaluate({
      flow: rdpFrom('198.51.100.7'),
      adminRules: admin([adminRule('ForceRdp', 10, 'AlwaysAllow')]),
      nicNsg: nsg('nic-nsg', []),
    });
    expect(summary(verdict)).toBe('allowed by ForceRdp in admin');
  });

  it('Allow continues to the NSGs, which still decide', () => {
    const rules = admin([adminRule('AllowRdp', 10, 'Allow'), adminRule('BlockRdp', 20, 'Deny')]);
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), adminRules: rules, nicNsg: nsg('nic-nsg', []) }))).toBe(
      'denied by DenyAllInBound in nic nic-nsg',
    );
    // The lower-priority admin Deny never applies: the admin Allow matched first.
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), adminRules: rules, nicNsg: nicAllows }))).toBe(
      'allowed by AllowRdp in nic nic-nsg',
    );
  });

  it('an admin rule that does not match lets the NSGs decide; empty sources mean any', () => {
    const rules = admin([
      adminRule('BlockFromBadNet', 10, 'Deny', {
        sources: [{ addressPrefix: '192.0.2.0/24', addressPrefixType: 'IPPrefix' }],
      }),
    ]);
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), adminRules: rules, nicNsg: nicAllows }))).toBe(
      'allowed by AllowRdp in nic nic-nsg',
    );
    expect(summary(evaluate({ flow: rdpFrom('192.0.2.5'), adminRules: rules, nicNsg: nicAllows }))).toBe(
      'denied by BlockFromBadNet in admin',
    );
  });
});

describe('default rules', () => {
  it('are added when absent: VNet and load balancer traffic pass, the rest is denied', () => {
    const empty = nsg('n', []);
    expect(summary(evaluate({ flow: rdpFrom('10.0.2.9'), nicNsg: empty }))).toBe(
      'allowed by AllowVnetInBound in nic n',
    );
    expect(summary(evaluate({ flow: rdpFrom('168.63.129.16'), nicNsg: empty }))).toBe(
      'allowed by AllowAzureLoadBalancerInBound in nic n',
    );
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: empty }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
  });

  it('are not duplicated when the NSG already lists them (official NSG GET example)', () => {
    const parsed = parseNetworkSecurityGroup(exampleBody('network/NetworkSecurityGroupGet.json'), 'example');
    if (parsed.kind === 'err') throw new Error(parsed.error.message);
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: parsed.value });
    expect(considered(verdict.layers[1])).toEqual([
      'rule1:no-match:destination-port',
      'AllowVnetInBound:no-match:source-address',
      'AllowAzureLoadBalancerInBound:no-match:source-address',
      'DenyAllInBound:match',
    ]);
    // rule1 allows port 80 from anywhere, with any protocol.
    expect(
      summary(
        evaluate({ flow: rdpFrom('198.51.100.7', { destinationPort: 80, protocol: 'Udp' }), nicNsg: parsed.value }),
      ),
    ).toBe('allowed by rule1 in nic testnsg');
  });
});

describe('protocols', () => {
  const nicWith = (protocol: string, port = '*') => nsg('n', [armRule('R', 100, { protocol, port })]);
  it('matches Tcp, Udp, Icmp, Esp and Ah exactly, and * / All / Any against everything', () => {
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7', { protocol: 'Udp' }), nicNsg: nicWith('Tcp') }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
    for (const protocol of ['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah'] as const) {
      expect(summary(evaluate({ flow: rdpFrom('198.51.100.7', { protocol }), nicNsg: nicWith(protocol) }))).toBe(
        'allowed by R in nic n',
      );
      for (const any of ['*', 'All', 'Any']) {
        expect(summary(evaluate({ flow: rdpFrom('198.51.100.7', { protocol }), nicNsg: nicWith(any) }))).toBe(
          'allowed by R in nic n',
        );
      }
    }
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7', { protocol: 'Udp' }), nicNsg: nicWith('Tcp') });
    expect(considered(verdict.layers[1])[0]).toBe('R:no-match:protocol');
  });

  it('port-specific rules never match ICMP, ESP or AH, which have no ports', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7', { protocol: 'Icmp' }), nicNsg: nicWith('*', '3389') });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in nic n');
    expect(considered(verdict.layers[1])[0]).toBe('R:no-match:destination-port');
  });
});

describe('ports', () => {
  it('matches single ports, ranges (inclusive), lists and *', () => {
    const n = nsg('n', [
      armRule('Range', 100, { port: '3000-4000' }),
      armRule('List', 110, { ports: ['22', '5985-5986'] }),
    ]);
    const at = (port: number) =>
      summary(evaluate({ flow: rdpFrom('198.51.100.7', { destinationPort: port }), nicNsg: n }));
    expect(at(2999)).toBe('denied by DenyAllInBound in nic n');
    expect(at(3000)).toBe('allowed by Range in nic n');
    expect(at(3389)).toBe('allowed by Range in nic n');
    expect(at(4000)).toBe('allowed by Range in nic n');
    expect(at(4001)).toBe('denied by DenyAllInBound in nic n');
    expect(at(22)).toBe('allowed by List in nic n');
    expect(at(5986)).toBe('allowed by List in nic n');
  });

  it('checks the source port too', () => {
    const n = nsg('n', [armRule('FromHighPorts', 100, { port: '3389', sourcePort: '49152-65535' })]);
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7', { sourcePort: 50_000 }), nicNsg: n }))).toBe(
      'allowed by FromHighPorts in nic n',
    );
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7', { sourcePort: 1024 }), nicNsg: n }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
  });

  it('an unknown source port makes a port-specific rule undecided, not matched', () => {
    const n = nsg('n', [armRule('FromHighPorts', 100, { port: '3389', sourcePort: '49152-65535' })]);
    const { sourcePort: _omit, ...flow } = rdpFrom('198.51.100.7');
    const verdict = evaluate({ flow, nicNsg: n });
    expect(summary(verdict)).toBe('denied by DenyAllInBound in nic n');
    expect(verdict.uncertainties.map((u) => [u.located.rule.name, u.field])).toEqual([
      ['FromHighPorts', 'source-port'],
    ]);
  });
});

describe('address prefixes', () => {
  const allowFrom = (fields: Parameters<typeof armRule>[2]) =>
    nsg('n', [armRule('R', 100, { port: '3389', ...fields })]);
  const from = (ip: string, n: ReturnType<typeof nsg>) => summary(evaluate({ flow: rdpFrom(ip), nicNsg: n }));

  it('matches single IPs, CIDR blocks (host bits ignored), prefix lists, * and 0.0.0.0/0', () => {
    expect(from('198.51.100.7', allowFrom({ source: '198.51.100.7' }))).toBe('allowed by R in nic n');
    expect(from('198.51.100.8', allowFrom({ source: '198.51.100.7/32' }))).toBe('denied by DenyAllInBound in nic n');
    expect(from('198.51.100.200', allowFrom({ source: '198.51.100.5/24' }))).toBe('allowed by R in nic n');
    expect(from('192.0.2.1', allowFrom({ sources: ['203.0.113.0/24', '192.0.2.0/28'] }))).toBe('allowed by R in nic n');
    expect(from('192.0.2.16', allowFrom({ sources: ['203.0.113.0/24', '192.0.2.0/28'] }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
    expect(from('198.51.100.7', allowFrom({ source: '0.0.0.0/0' }))).toBe('allowed by R in nic n');
    expect(from('2001:db8::7', allowFrom({ source: '*' }))).toBe('allowed by R in nic n');
  });

  it('matches IPv6 prefixes, and never across families', () => {
    const v6 = allowFrom({ source: '2001:db8:1::/48' });
    const flow6 = (ip: string) => rdpFrom(ip, { destinationIp: 'fd00::4' });
    const ctx = { vmIps: ['fd00::4'], virtualNetworkPrefixes: ['fd00::/64'] };
    expect(summary(evaluate({ flow: flow6('2001:db8:1:ffff::1'), nicNsg: v6, context: ctx }))).toBe(
      'allowed by R in nic n',
    );
    expect(summary(evaluate({ flow: flow6('2001:db8:2::1'), nicNsg: v6, context: ctx }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
    expect(from('32.1.13.184', v6)).toBe('denied by DenyAllInBound in nic n');
  });

  it('Internet matches public addresses, not the virtual network', () => {
    const internet = allowFrom({ source: 'Internet' });
    expect(from('198.51.100.7', internet)).toBe('allowed by R in nic n');
    expect(from('10.0.2.9', internet)).toBe('allowed by AllowVnetInBound in nic n');
    expect(considered(evaluate({ flow: rdpFrom('10.0.2.9'), nicNsg: internet }).layers[1])[0]).toBe(
      'R:no-match:source-address',
    );
  });

  it('VirtualNetwork covers the VNet prefixes; AzureLoadBalancer is 168.63.129.16', () => {
    expect(from('10.0.200.1', allowFrom({ source: 'VirtualNetwork' }))).toBe('allowed by R in nic n');
    expect(from('168.63.129.16', allowFrom({ source: 'AzureLoadBalancer' }))).toBe('allowed by R in nic n');
  });

  it('an unexpanded service tag is reported as undecided, never silently matched', () => {
    const n = nsg('n', [
      armRule('DenyStorage', 100, { access: 'Deny', source: 'Storage' }),
      armRule('AllowRdp', 200, { port: '3389' }),
    ]);
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: n });
    expect(summary(verdict)).toBe('allowed by AllowRdp in nic n');
    expect(verdict.uncertainties).toEqual([
      {
        located: expect.objectContaining({
          layer: 'nic',
          nsgName: 'n',
          rule: expect.objectContaining({ name: 'DenyStorage' }),
        }),
        field: 'source-address',
        note: 'service tag Storage has no known expansion',
      },
    ]);
    expect(considered(verdict.layers[1])[0]).toBe('DenyStorage:unknown:source-address');
  });

  it('an undecided rule with the same effect as the outcome is not an uncertainty', () => {
    const n = nsg('n', [
      armRule('AllowStorage', 100, { source: 'Storage' }),
      armRule('AllowRdp', 200, { port: '3389' }),
    ]);
    expect(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: n }).uncertainties).toEqual([]);
  });

  it('uses supplied service tag expansions, the effective tagMap, and expanded prefixes', () => {
    const n = nsg('n', [
      armRule('DenyStorage', 100, { access: 'Deny', source: 'Storage.WestUS' }),
      armRule('AllowRdp', 200),
    ]);
    const context = { ...VM_CONTEXT, serviceTags: { 'storage.westus': ['198.51.100.0/24'] } };
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: n, context }))).toBe(
      'denied by DenyStorage in nic n',
    );
    expect(summary(evaluate({ flow: rdpFrom('192.0.2.1'), nicNsg: n, context }))).toBe('allowed by AllowRdp in nic n');
    const withTagMap = { ...n, tagMap: { 'Storage.WestUS': ['192.0.2.0/24'] } };
    expect(summary(evaluate({ flow: rdpFrom('192.0.2.1'), nicNsg: withTagMap }))).toBe(
      'denied by DenyStorage in nic n',
    );
  });
});

describe('application security groups', () => {
  const ASG = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/rdp-hosts';
  const toAsg = nsg('n', [armRule('RdpToHosts', 100, { port: '3389', destinationAsgs: [ASG] })]);

  it('a destination ASG matches when the NIC is a member (IDs compared case-insensitively)', () => {
    const member = { ...VM_CONTEXT, nicAsgIds: [ASG.toUpperCase()] };
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: toAsg, context: member }))).toBe(
      'allowed by RdpToHosts in nic n',
    );
    const notMember = { ...VM_CONTEXT, nicAsgIds: [] };
    expect(summary(evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: toAsg, context: notMember }))).toBe(
      'denied by DenyAllInBound in nic n',
    );
  });

  it('an unknown NIC membership is undecided', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: toAsg });
    expect(verdict.uncertainties.map((u) => u.field)).toEqual(['destination-address']);
  });

  it('a source ASG matches its known members; a public client is never a member', () => {
    const fromAsg = nsg('n', [armRule('RdpFromJump', 100, { port: '3389', sourceAsgs: [ASG] })]);
    const context = { ...VM_CONTEXT, asgMembers: { [ASG]: ['10.0.9.4'] } };
    expect(summary(evaluate({ flow: rdpFrom('10.0.9.4'), nicNsg: fromAsg, context }))).toBe(
      'allowed by RdpFromJump in nic n',
    );
    const publicClient = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: fromAsg });
    expect(summary(publicClient)).toBe('denied by DenyAllInBound in nic n');
    expect(publicClient.uncertainties).toEqual([]);
  });
});

describe('Just-In-Time access', () => {
  const jitDeny = armRule('SecurityCenter-JITRule_-1385569066_3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4', 1001, {
    access: 'Deny',
    port: '3389',
  });
  const jitAllow = armRule('SecurityCenter-JITRule-1385569066-3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4', 100, {
    port: '3389',
    source: '192.0.2.44',
  });

  it('a JIT deny deciding the flow is flagged', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('n', [jitDeny]) });
    expect(summary(verdict)).toBe(
      'denied by SecurityCenter-JITRule_-1385569066_3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4 in nic n',
    );
    expect(verdict.kind === 'denied' && verdict.jitDeny).toBe(true);
  });

  it('a JIT allow for another IP is listed as an other-source allow marked jit', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('n', [jitAllow, jitDeny]) });
    if (verdict.kind !== 'denied') throw new Error('expected denied');
    expect(verdict.jitDeny).toBe(true);
    expect(verdict.otherSourceAllows.map((o) => [o.located.rule.shortName, o.sources, o.jit])).toEqual([
      ['SecurityCenter-JITRule-1385569066-3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4', ['192.0.2.44'], true],
    ]);
  });

  it('a JIT allow for the user’s IP lets them in', () => {
    expect(summary(evaluate({ flow: rdpFrom('192.0.2.44'), nicNsg: nsg('n', [jitAllow, jitDeny]) }))).toBe(
      'allowed by SecurityCenter-JITRule-1385569066-3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4 in nic n',
    );
  });
});

describe('output', () => {
  it('is plain, serialisable data', () => {
    const verdict = evaluate({
      flow: rdpFrom('198.51.100.7'),
      subnetNsg: nsg('s', [RDP_FROM_OFFICE]),
      nicNsg: nsg('n', []),
    });
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  it('brief detail keeps only the matched and undecided rules', () => {
    const verdict = evaluate({ flow: rdpFrom('198.51.100.7'), nicNsg: nsg('n', [RDP_FROM_OFFICE]), detail: 'brief' });
    expect(considered(verdict.layers[1])).toEqual(['DenyAllInBound:match']);
  });

  it('rejects a flow whose port is out of range', () => {
    const result = evaluateFlow({
      flow: rdpFrom('198.51.100.7', { destinationPort: 70_000 }),
      subnetNsg: null,
      nicNsg: null,
    });
    expect(result.kind === 'err' && result.error).toEqual({
      kind: 'input-error',
      input: 'destination port',
      message: '70000 is not a port (0-65535).',
    });
  });

  it('rejects a flow whose address is not an IP address', () => {
    const result = evaluateFlow({ flow: rdpFrom('my-pc.example.com'), subnetNsg: null, nicNsg: null });
    expect(result).toEqual({
      kind: 'err',
      error: { kind: 'input-error', input: 'source IP', message: '"my-pc.example.com" is not an IP address.' },
    });
  });
});
