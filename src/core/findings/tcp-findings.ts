import type { CatalogEntry } from './catalog-entry.js';

/** Thresholds the diagnosis uses; kept here so docs/findings.md shows them beside the codes. */
export const THRESHOLDS = {
  /** Median TCP connect time above which RDP feels sluggish (typing lag, slow redraws). */
  highLatencyMs: 150,
  /** Connect-time jitter above which the session may stutter. */
  highJitterMs: 50,
} as const;

/** Findings about TCP reachability and the quality of the path. */
export const TCP_FINDINGS = {
  'tcp.filtered': {
    severity: 'blocker',
    source: 4,
    candidates: [1, 2, 3],
    title: 'The RDP port does not answer (filtered)',
    remedy:
      "Connection attempts get no answer: something on the way drops them. Most often an Azure network security group does not allow RDP from your public IP; it can also be your computer's firewall, your organization's firewall, or a load-balancer rule. Check the NSG first, then try from another network.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Ask Azure whether an NSG lets your IP reach RDP',
        command:
          'az network watcher test-ip-flow --direction Inbound --protocol TCP --local <vm-private-ip>:{port} --remote <your-public-ip>:50000 --vm <vm-name> -g <resource-group>',
      },
      {
        os: 'azure-cli',
        label: "List the NIC's effective security rules",
        command: 'az network nic list-effective-nsg -g <resource-group> -n <nic-name>',
      },
      {
        os: 'windows',
        label: 'Test the port from PowerShell',
        command: 'Test-NetConnection -ComputerName {host} -Port {port}',
      },
      { os: 'macos', label: 'Test the port', command: 'nc -vz -w 5 {host} {port}' },
      { os: 'linux', label: 'Test the port', command: 'nc -vz -w 5 {host} {port}' },
    ],
  },
  'tcp.refused': {
    severity: 'blocker',
    source: 5,
    candidates: [1, 2],
    title: 'The connection is refused: nothing listens on the RDP port',
    remedy:
      'The address answered but refused the connection: the path is open and the machine is there, but nothing listens on this port. On the VM the Remote Desktop service may be stopped or listening on another port; a local or corporate firewall that rejects (rather than drops) looks the same. Check the port in your RDP client, then the VM.',
    steps: [
      {
        os: 'any',
        label: 'Let RDP Probe check inside the VM: service, port, firewall (runs its read-only script through Azure)',
        command: 'rdp-probe {host}:{port} --azure-vm <vm-resource-id> --vm-checks',
      },
      {
        os: 'azure-cli',
        label: 'Check the Remote Desktop service and its port on the VM (Run Command)',
        command:
          'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts "Get-Service TermService; Get-ItemProperty \'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\' -Name PortNumber"',
      },
      {
        os: 'windows',
        label: 'Test the port from PowerShell',
        command: 'Test-NetConnection -ComputerName {host} -Port {port}',
      },
    ],
  },
  'tcp.unreachable': {
    severity: 'blocker',
    source: 1,
    candidates: [2],
    title: 'Your computer has no route to the address',
    remedy:
      'The operating system reports the network or host unreachable before anything leaves: you may be offline, a VPN may be down or routing the address elsewhere, or a router on the way answered that it has no route. Check your network and VPN connection.',
    steps: [
      { os: 'windows', label: 'Show the route to the address', command: 'Find-NetRoute -RemoteIPAddress {address}' },
      { os: 'macos', label: 'Show the route to the address', command: 'route -n get {address}' },
      { os: 'linux', label: 'Show the route to the address', command: 'ip route get {address}' },
    ],
  },
  'path.high-latency': {
    severity: 'warning',
    source: 1,
    candidates: [2],
    title: 'The connection is slow',
    remedy:
      'RDP works but will feel sluggish above about 150 ms. A VPN that hairpins traffic through a distant office, a busy Wi-Fi network or a VM in a far region are the usual causes; try a wired connection, a direct path, or a region closer to you.',
    steps: [],
  },
} as const satisfies Record<`tcp.${string}` | `path.${string}`, CatalogEntry>;
