import { describe, expect, it } from 'vitest';
import { type AzureDocument, buildAzureSnapshot } from '../../../../src/core/azure/index.js';
import { azureFindings } from '../../../../src/core/diagnosis/azure-rules.js';
import { FindingSchema } from '../../../../src/core/report-schema.js';
import type { Target } from '../../../../src/core/target.js';
import {
  docs,
  IDS,
  ipFlowVerify,
  ipTarget,
  nameTarget,
  nicExample,
  nsgExample,
  OFFICE_ONLY,
  publicIpShow,
  rule,
  VIP,
  vmShowDetails,
} from './azure-fixtures.js';

const CLIENT = '198.51.100.7';
const SUBNET = {
  id: IDS.subnet,
  name: 'default',
  type: 'Microsoft.Network/virtualNetworks/subnets',
  addressPrefix: '172.20.2.0/24',
};

function run(
  documents: AzureDocument[],
  options: { target?: Target; clientIp?: string | null; checks?: Parameters<typeof azureFindings>[0]['checks'] } = {},
) {
  const { snapshot } = buildAzureSnapshot(documents, { kind: 'offline', inputs: [] });
  const target = options.target ?? ipTarget();
  const findings = azureFindings({
    target,
    checks: options.checks ?? [],
    snapshot,
    clientIp: options.clientIp === undefined ? CLIENT : options.clientIp,
    rdpPort: target.port,
  });
  for (const finding of findings) FindingSchema.parse(finding);
  return findings;
}

const base = (...rules: Record<string, unknown>[]) => ({
  'vm.json': vmShowDetails(),
  'nic.json': nicExample(),
  'subnet.json': SUBNET,
  'nsg.json': nsgExample(...rules),
  'pip.json': publicIpShow(),
});

describe('azureFindings', () => {
  it('says RDP is allowed only from 203.0.113.0/24, naming the rule, and agrees with IP flow verify', () => {
    const findings = run(
      docs({ ...base(OFFICE_ONLY), 'flow.json': ipFlowVerify('Deny', 'defaultSecurityRules/DenyAllInBound') }),
    );
    expect(findings.map((f) => f.code)).toEqual(['nsg.allowed-other-source']);
    const [finding] = findings;
    expect(finding?.confidence).toBe('high');
    expect(finding?.detail).toBe(
      'RDP to port 3389 is allowed by Allow-RDP-Office (priority 300, Allow Tcp from 203.0.113.0/24 to port 3389) in NSG nsg (on the NIC), but only from 203.0.113.0/24; your public IP 198.51.100.7 is not among them, so DenyAllInBound (priority 65500, Deny Any from * to port *) in NSG nsg (on the NIC) denies it.',
    );
    expect(finding?.evidence).toContainEqual({
      check: 'azure.ip-flow-verify',
      says: 'agrees: Deny by defaultSecurityRules/DenyAllInBound (file flow.json)',
    });
    const commands = finding?.remedy.steps.map((s) => s.command) ?? [];
    expect(commands[0]).toBe(
      'az network nsg rule update -g rg1 --nsg-name nsg -n Allow-RDP-Office --source-address-prefixes 203.0.113.0/24 198.51.100.7/32',
    );
    expect(commands[1]).toContain(
      '--priority 4096 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes 198.51.100.7/32',
    );
    expect(commands[2]).toBe(
      'az network watcher test-ip-flow --direction Inbound --protocol TCP --local 172.20.2.4:3389 --remote 198.51.100.7:50000 --vm vm1 -g rg1',
    );
  });

  it('reports nsg.denied with the rule, its priority and its NSG', () => {
    const deny = rule('Deny-RDP', 200, { access: 'Deny', sourceAddressPrefix: 'Internet' });
    const [finding, ...rest] = run(docs(base(deny)));
    expect(rest).toEqual([]);
    expect(finding?.code).toBe('nsg.denied');
    expect(finding?.detail).toContain(
      'Deny-RDP (priority 200, Deny Tcp from Internet to port 3389) in NSG nsg (on the NIC) denies TCP from your public IP 198.51.100.7 to 172.20.2.4:3389',
    );
    expect(finding?.remedy.steps[0]?.command).toContain('--priority 199');
  });

  it('tells a Just-In-Time deny from a JIT grant to another IP', () => {
    const jitDeny = rule('SecurityCenter-JITRule_-1234567890_ABCDEF', 4096, { access: 'Deny' });
    expect(run(docs(base(jitDeny))).map((f) => f.code)).toEqual(['nsg.jit-deny']);
    const jitAllow = rule('SecurityCenter-JITRule-1234567890-ABCDEF', 100, { sourceAddressPrefix: '203.0.113.9' });
    const [other] = run(docs(base(jitAllow, jitDeny)));
    expect(other?.code).toBe('nsg.jit-other-ip');
    expect(other?.detail).toContain(
      'opened RDP for 203.0.113.9 (rule SecurityCenter-JITRule-1234567890-ABCDEF), not for your public IP 198.51.100.7',
    );
    expect(other?.remedy.steps[1]?.command).toContain('"allowedSourceAddressPrefix":"198.51.100.7"');
  });

  it('reports a disagreement with IP flow verify', () => {
    const allow = rule('Allow-RDP', 300, {});
    const findings = run(docs({ ...base(allow), 'flow.json': ipFlowVerify('Deny', 'DenyAllInBound') }));
    expect(findings.map((f) => f.code)).toEqual(['nsg.flow-verify-disagrees']);
    expect(findings[0]?.detail).toContain(
      'IP flow verify says Deny by DenyAllInBound; the local evaluation says Allow by Allow-RDP',
    );
  });

  it('says a Standard public IP with no NSG anywhere is closed', () => {
    const nic = nicExample() as { properties: Record<string, unknown> };
    delete nic.properties.networkSecurityGroup;
    const findings = run(
      docs({
        'vm.json': vmShowDetails(),
        'nic.json': nic,
        'subnet.json': SUBNET,
        'pip.json': publicIpShow('Standard'),
      }),
    );
    expect(findings.map((f) => f.code)).toEqual(['publicip.standard-closed']);
    expect(findings[0]?.remedy.steps[2]?.command).toBe(
      'az network nic update -g rg1 -n test-nic --network-security-group vm1-nsg',
    );
    expect(
      run(
        docs({ 'vm.json': vmShowDetails(), 'nic.json': nic, 'subnet.json': SUBNET, 'pip.json': publicIpShow('Basic') }),
      ),
    ).toEqual([]);
  });

  it('says the VM is deallocated, and that its dynamic IP will change', () => {
    const findings = run(
      docs({ 'vm.json': vmShowDetails('VM deallocated'), 'pip.json': publicIpShow('Basic', 'Dynamic') }),
    );
    expect(findings[0]?.code).toBe('azure.vm-not-running');
    expect(findings[0]?.detail).toBe(
      'Azure reports vm1 as "VM deallocated": it is not running, so nothing can answer RDP. Its public IP test-ip is dynamic: it gets a new address when the VM starts.',
    );
    expect(findings[0]?.remedy.steps[0]?.command).toBe('az vm start -g rg1 -n vm1');
  });

  it('says the guest agent is not ready on a running VM', () => {
    const [finding] = run(docs({ 'vm.json': vmShowDetails('VM running', 'Not Ready') }));
    expect(finding?.code).toBe('azure.guest-not-ready');
    expect(finding?.remedy.steps[0]?.command).toBe('az vm boot-diagnostics get-boot-log-uris -g rg1 -n vm1');
  });

  it('says the dialled IP is not the VM current public IP, and pairs with a stale cache', () => {
    const { target, checks } = nameTarget(['20.1.1.1']);
    const [finding] = run(docs({ 'vm.json': vmShowDetails(), 'pip.json': publicIpShow() }), { target, checks });
    expect(finding?.code).toBe('azure.vip-changed');
    expect(finding?.detail).toBe(
      `vm1.example.com resolves to 20.1.1.1 on your computer, but the VM's public IP is now ${VIP}.`,
    );
    expect(finding?.remedy.steps[1]?.command).toBe(`mstsc /v:${VIP}:3389`);
    expect(finding?.remedy.steps[2]?.command).toBe(
      'az network public-ip update -g rg1 -n test-ip --allocation-method Static',
    );
    expect(run(docs({ 'vm.json': vmShowDetails() }), { target: ipTarget(VIP) })).toEqual([]);
  });

  it('finds a load balancer frontend port with no NAT rule to RDP', () => {
    const pip = { ...publicIpShow(), ipConfiguration: { id: IDS.frontend } };
    const lb = {
      id: IDS.lb,
      name: 'lb',
      type: 'Microsoft.Network/loadBalancers',
      frontendIPConfigurations: [{ id: IDS.frontend, name: 'fe-lb', publicIPAddress: { id: IDS.pip } }],
      inboundNatRules: [
        {
          name: 'rdp-vm1',
          id: `${IDS.lb}/inboundNatRules/rdp-vm1`,
          protocol: 'Tcp',
          frontendIPConfiguration: { id: IDS.frontend },
          frontendPort: 50001,
          backendPort: 3389,
          backendIPConfiguration: { id: IDS.ipConfig },
        },
      ],
    };
    const findings = run(
      docs({ 'vm.json': vmShowDetails(), 'nic.json': nicExample(), 'lb.json': lb, 'pip.json': pip }),
      { clientIp: null },
    );
    expect(findings.map((f) => f.code)).toEqual(['lb.nat-port-mismatch']);
    expect(findings[0]?.detail).toBe(
      `${VIP}:3389 is a frontend of load balancer lb, which has no inbound NAT rule for TCP port 3389. The rules that lead to this VM: 50001 → test-nic:3389 (rule rdp-vm1).`,
    );
    expect(findings[0]?.remedy.steps.at(-1)?.command).toBe(`mstsc /v:${VIP}:50001`);
    // Dialling the NAT port evaluates the NSGs on the backend port.
    const nat = run(
      docs({
        'vm.json': vmShowDetails(),
        'nic.json': nicExample(),
        'subnet.json': SUBNET,
        'nsg.json': nsgExample(OFFICE_ONLY),
        'lb.json': lb,
        'pip.json': pip,
      }),
      { target: ipTarget(VIP, 50001) },
    );
    expect(nat.map((f) => f.code)).toEqual(['nsg.allowed-other-source']);
  });

  it('reports what Azure refused, and falls back to IP flow verify alone without a client IP', () => {
    const forbidden = {
      error: {
        code: 'AuthorizationFailed',
        message:
          "The client 'u@example.com' does not have authorization to perform action 'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action' over scope '/x'.",
      },
    };
    const findings = run(
      docs({
        'vm.json': vmShowDetails(),
        'effective.json': forbidden,
        'flow.json': ipFlowVerify('Deny', 'DenyAllInBound'),
      }),
      { clientIp: null },
    );
    expect(findings.map((f) => [f.code, f.confidence])).toEqual([
      ['nsg.denied', 'medium'],
      ['azure.permission-denied', 'high'],
    ]);
    expect(findings[1]?.detail).toBe(
      'Azure refused the effective NSGs (needs Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action); the diagnosis uses the NSGs themselves and the local evaluation instead.',
    );
    expect(findings[1]?.remedy.steps[2]?.command).toContain(
      '--scope /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1',
    );
  });
});
