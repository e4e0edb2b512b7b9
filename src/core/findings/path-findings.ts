import type { CatalogEntry } from './catalog-entry.js';

/** Findings about the route your traffic takes to the VM: a VPN on the way, a path that cannot carry full-size packets. */
export const PATH_FINDINGS = {
  'path.via-vpn': {
    severity: 'info',
    source: 1,
    candidates: [2, 4],
    title: 'Traffic to the VM goes through a VPN',
    remedy:
      "Your computer routes the VM's address through a VPN interface, so RDP leaves from the VPN's network: the VM's network security group sees the VPN's public address (or, for a private VM address, your address inside the VPN), not your own connection's. The NSG rule or Just-In-Time request must allow that address: see what egress.ip found, or give it with --source-ip. If RDP should not go through the VPN, ask whoever runs it to exclude the VM's address (split tunnelling).",
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
  'path.mtu-suspected': {
    severity: 'warning',
    source: 2,
    candidates: [1],
    title: 'The path cannot carry full-size packets (MTU black hole)',
    remedy:
      'TCP connects, but the TLS handshake stalls: small packets pass and the server\'s first full-size packets (its certificate) are lost. That is the typical MTU black hole of a VPN or tunnel whose smaller MTU is not signalled back (the ICMP "fragmentation needed" messages are filtered). Lower the MTU of the VPN or network interface on your computer (1350 works for most VPNs; the finding names what the path measured), or ask whoever runs the VPN or firewall to let ICMP "fragmentation needed" through or to clamp the TCP MSS.',
    steps: [
      {
        os: 'windows',
        label: 'List the interfaces and their MTUs',
        command: 'netsh interface ipv4 show subinterfaces',
      },
      {
        os: 'windows',
        label: 'Lower the MTU of the VPN interface (as administrator)',
        command: 'netsh interface ipv4 set subinterface "<interface>" mtu=1350 store=persistent',
      },
      { os: 'linux', label: 'List the interfaces and their MTUs', command: 'ip link show' },
      {
        os: 'linux',
        label: 'Lower the MTU of the VPN interface',
        command: 'sudo ip link set dev <interface> mtu 1350',
      },
      { os: 'macos', label: 'List the interfaces and their MTUs', command: 'ifconfig | grep mtu' },
      { os: 'macos', label: 'Lower the MTU of the VPN interface', command: 'sudo ifconfig <interface> mtu 1350' },
      {
        os: 'linux',
        label: 'Find the largest packet that passes (don’t fragment)',
        command: 'ping -M do -s 1322 -c 1 {address}',
      },
      {
        os: 'windows',
        label: 'Find the largest packet that passes (don’t fragment)',
        command: 'ping -f -l 1322 -n 1 {address}',
      },
      {
        os: 'macos',
        label: 'Find the largest packet that passes (don’t fragment)',
        command: 'ping -D -s 1322 -c 1 {address}',
      },
    ],
  },
} as const satisfies Record<`path.${string}`, CatalogEntry>;
