import { describe, expect, it } from 'vitest';
import { buildAzureSnapshot } from '../../../../src/core/azure/index.js';
import { vmCheckFindings } from '../../../../src/core/diagnosis/vm-rules.js';
import { diagnose } from '../../../../src/core/diagnosis.js';
import type { RdpNtlmEvidence, RdpTlsEvidence } from '../../../../src/core/evidence/rdp.js';
import { type CheckResult, FindingSchema } from '../../../../src/core/report-schema.js';
import type { Target } from '../../../../src/core/target.js';
import { parseVmCheckOutput } from '../../../../src/core/vm-checks/parse-vm-check-output.js';
import { unavailableVmChecks, vmChecksFromRunCommand } from '../../../../src/core/vm-checks/vm-check-input.js';
import type { VmChecks } from '../../../../src/core/vm-checks/vm-check-schema.js';
import { result, tcp } from '../../../support/checks.js';
import {
  docs,
  IDS,
  ipTarget,
  nicExample,
  nsgExample,
  publicIpShow,
  rule,
  VIP,
  vmShowDetails,
} from '../azure/azure-fixtures.js';
import { COLLECTED_AT, fixtureJson, fixtureText } from '../vm-checks/vm-check-fixtures.js';

// The VM outputs are hand-written to check-rdp.ps1's output contract, not recorded: PowerShell is not
// available here (see test/unit/core/vm-checks/vm-check-fixtures.ts).

const CLIENT = '198.51.100.7';

function imported(name: string): VmChecks {
  const parsed = parseVmCheckOutput(fixtureText(name), name);
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return { source: 'imported', collectedAt: COLLECTED_AT, output: parsed.value, problem: null };
}

function run(name: string, options: { checks?: CheckResult[]; target?: Target } = {}) {
  const findings = vmCheckFindings({
    target: options.target ?? ipTarget(),
    checks: options.checks ?? [],
    snapshot: null,
    vmChecks: imported(name),
  });
  for (const finding of findings) FindingSchema.parse(finding);
  return findings;
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

/** A load balancer whose NAT rule maps frontend 3389 to backend 3389 on vm1, an NSG that allows RDP. */
function lbSnapshot() {
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
        frontendPort: 3389,
        backendPort: 3389,
        backendIPConfiguration: { id: IDS.ipConfig },
      },
    ],
  };
  const subnet = {
    id: IDS.subnet,
    name: 'default',
    type: 'Microsoft.Network/virtualNetworks/subnets',
    addressPrefix: '172.20.2.0/24',
  };
  return buildAzureSnapshot(
    docs({
      'vm.json': vmShowDetails(),
      'nic.json': nicExample(),
      'subnet.json': subnet,
      'nsg.json': nsgExample(rule('Allow-RDP', 300, {})),
      'lb.json': lb,
      'pip.json': pip,
    }),
    { kind: 'offline', inputs: [] },
  ).snapshot;
}

const tlsSeen = (sha1: string): RdpTlsEvidence => ({
  kind: 'rdp.tls',
  address: VIP,
  port: 3389,
  selectedProtocol: 2,
  servername: null,
  outcome: 'ok',
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  certificate: {
    subject: 'CN=WIN-OTHER',
    subjectCN: 'WIN-OTHER',
    subjectAltNames: [],
    issuer: 'CN=WIN-OTHER',
    issuerCN: 'WIN-OTHER',
    selfSigned: true,
    validFrom: '2026-05-01T00:00:00.000Z',
    validTo: '2026-11-01T00:00:00.000Z',
    expired: false,
    notYetValid: false,
    sha1,
    sha256: 'CD'.repeat(32),
    serialNumber: '01',
    keyType: 'rsa',
    keyBits: 2048,
    trusted: false,
    trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    matchesHost: null,
  },
  handshakeMs: 2,
  error: null,
});

const ntlmName = (name: string): RdpNtlmEvidence => ({
  kind: 'rdp.ntlm',
  address: VIP,
  port: 3389,
  outcome: 'challenge',
  credSspVersion: 6,
  errorCode: null,
  identity: {
    targetName: name,
    nbComputerName: name,
    nbDomainName: name,
    dnsComputerName: name,
    dnsDomainName: name,
    dnsTreeName: null,
    version: '10.0.20348',
    windowsName: 'Windows Server 2022',
  },
  serverTime: null,
  localTime: '2026-11-25T10:00:00.000Z',
  skewMs: null,
  error: null,
});

describe('VM rules (check-rdp.ps1 output + client evidence)', () => {
  it('acceptance: NAT 3389 → 3389, PortNumber 3390, TCP filtered → vm.port-changed first, with the set-port repair', () => {
    const vmChecks = vmChecksFromRunCommand(fixtureJson('port-3390.run-command.json'), COLLECTED_AT);
    const { findings, verdict } = diagnose({
      target: ipTarget(VIP, 3389),
      checks: [result(tcp(3389, [{ address: VIP, via: 'literal', outcome: 'filtered' }]), 'fail')],
      expectIp: null,
      expectedHostName: null,
      azureSnapshot: lbSnapshot(),
      sourceIp: CLIENT,
      vmChecks,
    });
    for (const finding of findings) FindingSchema.parse(finding);
    const [first] = findings;
    expect(first?.code).toBe('vm.port-changed');
    expect(first?.detail).toBe(
      "RDP on the VM listens on port 3390 (PortNumber in its registry), but load balancer lb's NAT rule rdp-vm1 sends your port 3389 to backend port 3389. Connections arrive on port 3389, where Remote Desktop does not listen.",
    );
    expect(first).toMatchObject({ severity: 'blocker', source: 5, confidence: 'high' });
    expect(first?.repairs?.map((r) => r.id)).toEqual(['vm.repair.set-port']);
    expect(first?.repairs?.[0]).toEqual({
      id: 'vm.repair.set-port',
      title: 'Make RDP listen on port 3389',
      whatChanges:
        'Sets PortNumber under HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp from 3390 to 3389 and restarts the Remote Desktop Services service (TermService), which ends any open Remote Desktop session.',
      script: [
        'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" -Name PortNumber -Type DWord -Value 3389',
        'Restart-Service -Name TermService -Force',
      ],
      azCommand:
        "az vm run-command invoke -g rg1 -n vm1 --command-id RunPowerShellScript --scripts 'Set-ItemProperty -Path \"HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\" -Name PortNumber -Type DWord -Value 3389' 'Restart-Service -Name TermService -Force'",
    });
    expect(first?.remedy.steps[1]?.command).toBe(
      'az network lb inbound-nat-rule update -g rg1 --lb-name lb -n rdp-vm1 --backend-port 3390',
    );
    // The silent connection is explained by the VM, and the VM is the place that fails.
    expect(findings.find((f) => f.code === 'tcp.filtered')?.source).toBe(5);
    expect(verdict.likelySource).toBe(5);
    expect(verdict.places.find((p) => p.source === 5)?.state).toBe('fail');
  });

  it('healthy VM: only the NLA information', () => {
    const findings = run('healthy.txt', {
      checks: [result(tcp(3389, [{ address: VIP, via: 'literal', outcome: 'open' }]))],
    });
    expect(codes(findings)).toEqual(['vm.nla-required']);
    expect(findings[0]?.detail).toBe(
      'The VM requires Network Level Authentication (UserAuthentication 1, security layer TLS): your client signs in with CredSSP before the session starts.',
    );
    expect(findings[0]?.repairs).toBeUndefined();
  });

  it('TermService stopped: start it (Disabled → Manual first), or reset with VMAccess', () => {
    const findings = run('service-stopped.txt');
    expect(codes(findings)).toEqual(['vm.rdp-service-stopped', 'vm.nla-required']);
    expect(findings[0]?.detail).toBe(
      'The Remote Desktop Services service (TermService) is "Stopped" (start mode Disabled) on the VM, so nothing answers RDP.',
    );
    expect(findings[0]?.repairs?.map((r) => [r.id, r.script])).toEqual([
      [
        'vm.repair.start-service',
        ['Set-Service -Name TermService -StartupType Manual', 'Start-Service -Name TermService'],
      ],
      ['vm.repair.reset-rdp-config', null],
    ]);
    expect(findings[0]?.repairs?.[1]?.azCommand).toBe(
      "az vm extension set -g <resource-group> --vm-name <vm-name> -n VMAccessAgent --publisher Microsoft.Compute --version 2.0 --settings '{}'",
    );
  });

  it('PortNumber 3390 without an Azure snapshot: medium confidence, the NAT caveat said', () => {
    const findings = run('port-3390.txt', {
      checks: [result(tcp(3389, [{ address: VIP, via: 'literal', outcome: 'refused' }]), 'fail')],
    });
    expect(findings[0]).toMatchObject({ code: 'vm.port-changed', confidence: 'medium', severity: 'blocker' });
    expect(findings[0]?.detail).toBe(
      'RDP on the VM listens on port 3390 (PortNumber in its registry), but you connect to port 3389 (unless a load balancer translates the port). Connections arrive on port 3389, where Remote Desktop does not listen.',
    );
    // Port 3389 answered anyway: only a warning.
    const open = run('port-3390.txt', {
      checks: [result(tcp(3389, [{ address: VIP, via: 'literal', outcome: 'open' }]))],
    });
    expect(open[0]).toMatchObject({ code: 'vm.port-changed', severity: 'warning', confidence: 'low' });
  });

  it('Remote Desktop off: allow connections; no separate not-listening finding', () => {
    const findings = run('rdp-disabled.txt');
    expect(codes(findings)).toEqual(['vm.rdp-disabled', 'vm.nla-required']);
    expect(findings[0]?.repairs?.map((r) => [r.id, r.whatChanges])).toEqual([
      [
        'vm.repair.allow-connections',
        'Sets fDenyTSConnections under HKLM\\System\\CurrentControlSet\\Control\\Terminal Server from 1 to 0, which allows Remote Desktop connections to the VM; nothing restarts.',
      ],
      ['vm.repair.reset-rdp-config', expect.stringContaining('VMAccess')],
    ]);
    // Set by Group Policy: no local repair is offered.
    const output = imported('rdp-disabled.txt').output;
    const policy: VmChecks = {
      source: 'imported',
      collectedAt: COLLECTED_AT,
      output: output && { ...output, rdp: output.rdp && { ...output.rdp, denyPolicy: 1 } },
      problem: null,
    };
    const [byPolicy] = vmCheckFindings({ target: ipTarget(), checks: [], snapshot: null, vmChecks: policy });
    expect(byPolicy?.detail).toContain('A Group Policy turns Remote Desktop off');
    expect(byPolicy?.repairs).toBeUndefined();
  });

  it('Remote Desktop firewall rules disabled: enable them by name', () => {
    const [finding] = run('firewall-rules-disabled.txt');
    expect(finding?.code).toBe('vm.firewall-blocks-rdp');
    expect(finding?.detail).toBe(
      'Windows Firewall on the VM drops RDP: no enabled rule allows TCP port 3389 (the Remote Desktop rules (RemoteDesktop-UserMode-In-TCP, RemoteDesktop-UserMode-In-UDP, RemoteDesktop-Shadow-In-TCP) are disabled) and inbound traffic is blocked by default in the Domain, Private, Public profiles.',
    );
    expect(finding?.repairs?.[0]).toMatchObject({
      id: 'vm.repair.enable-firewall-rules',
      whatChanges:
        'In Windows Firewall on the VM, enables the Windows Firewall rules RemoteDesktop-UserMode-In-TCP, RemoteDesktop-UserMode-In-UDP; nothing else changes.',
      script: ['Enable-NetFirewallRule -Name "RemoteDesktop-UserMode-In-TCP","RemoteDesktop-UserMode-In-UDP"'],
    });
    expect(finding?.repairs?.[1]?.id).toBe('vm.repair.reset-rdp-config');
  });

  it('a block rule on 3389: names it and proposes disabling exactly that rule', () => {
    const [finding] = run('firewall-block-rule.txt');
    expect(finding?.code).toBe('vm.firewall-blocks-rdp');
    expect(finding?.detail).toBe(
      'Windows Firewall on the VM drops RDP: the block rule "Block RDP from Internet" (ports 3389) covers TCP port 3389.',
    );
    expect(finding?.repairs).toEqual([
      expect.objectContaining({
        id: 'vm.repair.enable-firewall-rules',
        whatChanges:
          'In Windows Firewall on the VM, disables the block rule "Block RDP from Internet" ({8B2F7C41-5E0A-4C9D-A3B6-1F2E3D4C5B6A}); nothing else changes.',
        script: ['Disable-NetFirewallRule -Name "{8B2F7C41-5E0A-4C9D-A3B6-1F2E3D4C5B6A}"'],
      }),
    ]);
  });

  it('running but not listening: restart the service', () => {
    const findings = run('not-listening.txt');
    expect(codes(findings)).toEqual(['vm.not-listening', 'vm.nla-required']);
    expect(findings[0]?.detail).toBe(
      'The Remote Desktop service runs (pid 1168), but nothing listens on TCP port 3389 on the VM (19 ports listen): its listener did not start.',
    );
    expect(findings[0]?.repairs?.map((r) => [r.id, r.title])).toEqual([
      ['vm.repair.start-service', 'Restart the Remote Desktop service'],
      ['vm.repair.reset-rdp-config', 'Reset the Remote Desktop configuration (VMAccess)'],
    ]);
    // Another process holds the port.
    const output = imported('healthy.txt').output;
    const squatted: VmChecks = {
      source: 'imported',
      collectedAt: COLLECTED_AT,
      output: output && {
        ...output,
        listen: { count: 21, rdp: [{ port: 3389, addr: '0.0.0.0', pid: 4242, proc: 'portfwd' }] },
      },
      problem: null,
    };
    const [held] = vmCheckFindings({ target: ipTarget(), checks: [], snapshot: null, vmChecks: squatted });
    expect(held?.detail).toBe(
      'TCP port 3389 on the VM is held by portfwd (pid 4242) on 0.0.0.0, not by the Remote Desktop service (pid 1168): another program answers there.',
    );
  });

  it('another certificate answered: someone else is on the address', () => {
    const seen = '8D4C1A27D7E64E7F3B0C5A9E2F61B8D0C3A4E5F6';
    const findings = run('other-cert.txt', { checks: [result(tlsSeen(seen)), result(ntlmName('WIN-OTHER'))] });
    const finding = findings.find((f) => f.code === 'vm.cert-thumbprint-mismatch');
    expect(finding).toMatchObject({ severity: 'blocker', source: 0, candidates: [3, 2], confidence: 'high' });
    expect(finding?.detail).toBe(
      `The RDP server that answered ${VIP}:3389 presented certificate ${seen} (WIN-OTHER), but the VM's RDP listener uses 2F0E4B6A9C1D3E5F7A8B9C0D1E2F3A4B5C6D7E8F (store Remote Desktop, valid until 2027-02-03T08:00:12Z): another machine answered. It calls itself WIN-OTHER; the VM is WIN-VM01.`,
    );
    // Same name: the VM's certificate was probably renewed since.
    const renewed = run('other-cert.txt', { checks: [result(tlsSeen(seen)), result(ntlmName('WIN-VM01'))] });
    expect(renewed.find((f) => f.code === 'vm.cert-thumbprint-mismatch')).toMatchObject({
      severity: 'warning',
      confidence: 'low',
    });
    // The same thumbprint, written with separators in lower case: no finding.
    const same = run('healthy.txt', {
      checks: [result(tlsSeen('8d:4c:1a:27:d7:e6:4e:7f:3b:0c:5a:9e:2f:61:b8:d0:c3:a4:e5:f6'))],
    });
    expect(codes(same)).toEqual(['vm.nla-required']);
  });

  it('NLA required with Force Updated Clients: says what unpatched clients see', () => {
    const [finding] = run('nla-required.txt');
    expect(finding?.code).toBe('vm.nla-required');
    expect(finding?.severity).toBe('info');
    expect(finding?.detail).toContain('"CredSSP encryption oracle remediation" error');
  });

  it('checks that could not run, or only partly, say why and how to run them by hand', () => {
    const snapshot = lbSnapshot();
    const [finding] = vmCheckFindings({
      target: ipTarget(),
      checks: [],
      snapshot,
      vmChecks: unavailableVmChecks(
        'run-command',
        COLLECTED_AT,
        'The VM agent is not ready, so Run Command cannot run.',
      ),
    });
    expect(finding).toMatchObject({ code: 'vm.checks-unavailable', severity: 'info' });
    expect(finding?.detail).toBe(
      'The checks inside the VM did not give a result: The VM agent is not ready, so Run Command cannot run.',
    );
    expect(finding?.remedy.steps[0]?.command).toBe(
      'az vm run-command invoke -g rg1 -n vm1 --command-id RunPowerShellScript --scripts @check-rdp.ps1 --query "value[0].message" -o tsv',
    );
    expect(finding?.remedy.steps[1]?.command).toContain(`--scope ${IDS.vm}`);
    const partial = run('partial-cert-error.txt');
    expect(codes(partial)).toEqual(['vm.nla-required', 'vm.checks-unavailable']);
    expect(partial[1]?.detail).toBe(
      'Part of the checks inside the VM did not give a result: cert (Access is denied.). The other VM findings use what was read.',
    );
  });
});
