import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../../src/core/diagnosis.js';
import type {
  ClientAgentsEvidence,
  ClientFirewallEvidence,
  FirewallBlock,
} from '../../../../src/core/report-schema.js';
import { parseTarget } from '../../../../src/core/target.js';
import { result, tcp } from '../../../support/checks.js';

const VM = '198.18.0.10';

function target(text = VM) {
  const t = parseTarget(text);
  if (t.kind === 'err') throw new Error(t.error.message);
  return t.value;
}

function block(overrides: Partial<FirewallBlock> = {}): FirewallBlock {
  return {
    kind: 'rule',
    ref: 'inet filter output handle 5',
    name: 'no rdp out',
    scope: 'inet filter output',
    action: 'reject',
    matches: 'tcp dport 3389',
    destinations: null,
    conditions: [],
    certain: true,
    ...overrides,
  };
}

function firewall(blocking: FirewallBlock[], os: ClientFirewallEvidence['os'] = 'linux'): ClientFirewallEvidence {
  return {
    kind: 'client.firewall',
    os,
    port: 3389,
    addresses: [VM],
    tools: [{ command: 'nft -j list ruleset', outcome: 'read', message: null }],
    enabled: true,
    defaultOutbound: [{ scope: 'inet filter output', action: 'allow', active: true }],
    blocking,
    notes: [],
  };
}

describe("the user's own firewall in the diagnosis", () => {
  it('ranks client.firewall-blocks-rdp first and points the refused connection at place 1', () => {
    const d = diagnose({
      target: target(),
      checks: [
        result(firewall([block()]), 'fail'),
        result(tcp(3389, [{ address: VM, via: 'literal', outcome: 'refused' }]), 'fail'),
      ],
      expectIp: null,
      expectedHostName: null,
    });
    expect(d.findings.map((f) => f.code)).toEqual(['client.firewall-blocks-rdp', 'tcp.refused']);
    expect(d.findings[0]).toMatchObject({ severity: 'blocker', source: 1, candidates: [], confidence: 'high' });
    expect(d.findings[0]?.detail).toBe(
      `The firewall on your computer (nft -j list ruleset) blocks outgoing TCP to port 3389: rule "no rdp out" (inet filter output handle 5) rejects tcp dport 3389. The connection to ${VM}:3389 was refused before it left, as such a rule makes it.`,
    );
    // The exact chain and handle come first among the remedy's commands.
    expect(d.findings[0]?.remedy.steps.slice(0, 2)).toEqual([
      {
        os: 'linux',
        label: 'Show the chain inet filter output with rule handles',
        command: 'sudo nft -a list chain inet filter output',
      },
      {
        os: 'linux',
        label: 'Delete the rule, if it is yours to change',
        command: 'sudo nft delete rule inet filter output handle 5',
      },
    ]);
    expect(d.findings[1]).toMatchObject({ code: 'tcp.refused', source: 1, candidates: [] });
    expect(d.verdict).toMatchObject({ reachable: 'no', likelySource: 1, confidence: 'high' });
    expect(d.verdict.places.find((p) => p.source === 1)?.state).toBe('fail');
  });

  it('explains a filtered connection too, and names Windows rules with PowerShell commands', () => {
    const rule = block({
      ref: '{8D3A}',
      name: 'Block Remote Desktop out',
      scope: 'Any profile',
      action: 'block',
      matches: 'Outbound Block, Protocol TCP, RemotePort 3389',
    });
    const d = diagnose({
      target: target(),
      checks: [
        result(firewall([rule], 'windows'), 'fail'),
        result(tcp(3389, [{ address: VM, via: 'literal', outcome: 'filtered' }]), 'fail'),
      ],
      expectIp: null,
      expectedHostName: null,
    });
    expect(d.findings.map((f) => [f.code, f.source])).toEqual([
      ['client.firewall-blocks-rdp', 1],
      ['tcp.filtered', 1],
    ]);
    expect(d.findings[0]?.detail).toContain('rule "Block Remote Desktop out" ({8D3A}) blocks');
    expect(d.findings[0]?.detail).toContain('got no answer');
    expect(d.findings[0]?.remedy.steps[0]?.command).toBe(
      "Get-NetFirewallRule -Name '{8D3A}' | Format-List Name,DisplayName,Profile,Direction,Action,Enabled; Get-NetFirewallRule -Name '{8D3A}' | Get-NetFirewallPortFilter",
    );
    expect(d.findings[0]?.remedy.steps[1]?.command).toBe("Disable-NetFirewallRule -Name '{8D3A}'");
  });

  it('makes a rule that only may apply a warning that does not take the verdict', () => {
    const d = diagnose({
      target: target(),
      checks: [
        result(firewall([block({ conditions: ['ip saddr != 198.51.100.10'], certain: false })]), 'warn'),
        result(tcp(3389, [{ address: VM, via: 'literal', outcome: 'filtered' }]), 'fail'),
      ],
      expectIp: null,
      expectedHostName: null,
    });
    expect(d.findings.map((f) => [f.code, f.severity, f.source])).toEqual([
      ['tcp.filtered', 'blocker', 4],
      ['client.firewall-blocks-rdp', 'warning', 1],
    ]);
    expect(d.findings[1]?.detail).toContain('may block');
    expect(d.findings[1]?.detail).toContain('if ip saddr != 198.51.100.10');
  });

  it('says nothing when the port answers, unless the rule blocks only the Remote Desktop client', () => {
    const open = result(tcp(3389, [{ address: VM, via: 'literal', outcome: 'open' }]));
    const plain = diagnose({
      target: target(),
      checks: [result(firewall([block()]), 'fail'), open],
      expectIp: null,
      expectedHostName: null,
    });
    expect(plain.findings.map((f) => f.code)).not.toContain('client.firewall-blocks-rdp');
    const mstsc = block({
      ref: 'Block-Mstsc',
      action: 'block',
      conditions: ['program %SystemRoot%\\system32\\mstsc.exe'],
    });
    const onlyClient = diagnose({
      target: target(),
      checks: [result(firewall([mstsc], 'windows'), 'fail'), open],
      expectIp: null,
      expectedHostName: null,
    });
    expect(onlyClient.findings[0]).toMatchObject({ code: 'client.firewall-blocks-rdp', severity: 'blocker' });
    expect(onlyClient.findings[0]?.detail).toContain('mstsc.exe');
  });
});

describe('VPN, proxy and security agents in the diagnosis', () => {
  const agents = (list: ClientAgentsEvidence['agents']): ClientAgentsEvidence => ({
    kind: 'client.agents',
    os: 'linux',
    processes: { command: 'ps -A -o comm=', count: 80, error: null },
    interfaces: ['lo', 'eth0'],
    agents: list,
    hints: [],
  });

  it('adds client.agent-present as information, at the edge for a corporate agent', () => {
    const d = diagnose({
      target: target(),
      checks: [
        result(
          agents([
            {
              id: 'zscaler',
              name: 'Zscaler Client Connector',
              category: 'ztna',
              corporate: true,
              matched: [{ via: 'process', name: 'ZSATunnel' }],
            },
          ]),
          'info',
        ),
        result(tcp(3389, [{ address: VM, via: 'literal', outcome: 'filtered' }]), 'fail'),
      ],
      expectIp: null,
      expectedHostName: null,
    });
    const finding = d.findings.find((f) => f.code === 'client.agent-present');
    expect(finding).toMatchObject({ severity: 'info', source: 2, candidates: [1] });
    expect(finding?.detail).toBe(
      'Running on your computer: Zscaler Client Connector (process ZSATunnel). The RDP port does not answer from here: check its policy for TCP 3389 first.',
    );
    expect(finding?.remedy.steps.find((s) => s.os === 'linux')?.command).toBe(`ip route get ${VM}`);
    // Information never takes the verdict.
    expect(d.verdict.likelySource).toBe(4);
  });

  it('keeps a personal VPN at the computer and says nothing without agents', () => {
    const wg = agents([
      {
        id: 'wireguard',
        name: 'WireGuard',
        category: 'vpn',
        corporate: false,
        matched: [{ via: 'interface', name: 'wg0' }],
      },
    ]);
    const d = diagnose({ target: target(), checks: [result(wg, 'info')], expectIp: null, expectedHostName: null });
    expect(d.findings).toMatchObject([{ code: 'client.agent-present', source: 1, candidates: [2] }]);
    const none = diagnose({
      target: target(),
      checks: [result(agents([]), 'info')],
      expectIp: null,
      expectedHostName: null,
    });
    expect(none.findings).toEqual([]);
  });
});
