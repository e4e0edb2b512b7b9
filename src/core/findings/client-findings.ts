import type { CatalogEntry } from './catalog-entry.js';

/**
 * Findings about the user's computer itself: what their RDP client showed, their own firewall, and the
 * VPN, proxy and security agents running on it.
 */
export const CLIENT_FINDINGS = {
  'client.error-code': {
    severity: 'info',
    source: 1,
    candidates: [],
    title: 'What your RDP client reported',
    remedy:
      "The code your Remote Desktop client showed, decoded. It names the step that failed on the client's side; the checks above say where along the path it breaks.",
    steps: [],
  },
  'client.firewall-blocks-rdp': {
    severity: 'blocker',
    source: 1,
    candidates: [],
    title: "Your computer's firewall blocks RDP going out",
    remedy:
      'A rule (or the default outbound action) of the firewall on this computer drops or rejects outgoing connections to the RDP port, so the connection never leaves your computer. The finding names the rule: if you added it, remove or narrow it; if a policy of your organization put it there, ask IT to allow outgoing TCP to the RDP port for the Remote Desktop client, or connect over 443 through Azure Bastion or an RD Gateway.',
    steps: [
      { os: 'linux', label: 'List the nftables rules with their handles', command: 'sudo nft -a list ruleset' },
      {
        os: 'linux',
        label: 'List the iptables OUTPUT rules with their numbers',
        command: 'sudo iptables -L OUTPUT -n -v --line-numbers',
      },
      {
        os: 'windows',
        label: 'List the enabled outbound block rules',
        command:
          'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Format-Table Name,DisplayName,Profile',
      },
      {
        os: 'windows',
        label: "Show each profile's default outbound action",
        command: 'Get-NetFirewallProfile | Format-Table Name,Enabled,DefaultOutboundAction',
      },
      {
        os: 'macos',
        label: 'List the pf rules (the Application Firewall only filters incoming)',
        command: 'sudo pfctl -vs rules',
      },
      { os: 'macos', label: 'Show whether pf is on', command: 'sudo pfctl -s info' },
    ],
  },
  'client.agent-present': {
    severity: 'info',
    source: 1,
    candidates: [2],
    title: 'A VPN, proxy or security agent runs on your computer',
    remedy:
      "Zero-trust and proxy agents (Zscaler, Netskope, Forcepoint) and corporate VPN clients (GlobalProtect, Cisco Secure Client, FortiClient, Check Point) send your traffic through your organization's network and apply its policy there: many such policies tunnel or block ports other than web ports, so RDP to TCP 3389 may be dropped, or leave from an address the VM's network security group does not allow. A personal VPN (WireGuard, OpenVPN, Tailscale) may route the VM's address through the tunnel. Check the agent's policy for TCP 3389 with whoever manages it, see which interface carries the VM's address, or connect over 443 through Azure Bastion or an RD Gateway.",
    steps: [
      {
        os: 'windows',
        label: "See which interface carries the VM's address",
        command: 'Find-NetRoute -RemoteIPAddress {address}',
      },
      { os: 'macos', label: "See which interface carries the VM's address", command: 'route -n get {address}' },
      { os: 'linux', label: "See which interface carries the VM's address", command: 'ip route get {address}' },
    ],
  },
} as const satisfies Record<`client.${string}`, CatalogEntry>;
