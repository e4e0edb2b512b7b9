import type { ClientAgent, ClientAgentsEvidence } from '../evidence/client.js';

/** A known proxy, VPN or inspection agent and the names that give it away. */
export interface AgentSignature {
  readonly id: string;
  readonly name: string;
  readonly category: ClientAgent['category'];
  readonly corporate: boolean;
  /** Process names (without `.exe`), compared case-insensitively. */
  readonly processes: readonly string[];
  /** Interface names that only this agent creates. */
  readonly interfaces: readonly RegExp[];
}

/**
 * The agents RDP Probe recognises. Process names are the products' documented service and tray
 * executables; interface names only where the product alone uses them. Kept small on purpose: a name
 * that other software also uses would accuse the wrong product.
 */
export const AGENTS: readonly AgentSignature[] = [
  {
    id: 'zscaler',
    name: 'Zscaler Client Connector',
    category: 'ztna',
    corporate: true,
    processes: ['ZSATunnel', 'ZSATray', 'ZSATrayManager', 'ZSAService', 'ZSAUpm', 'zstunnel'],
    interfaces: [/^zcctun\d*$/i],
  },
  {
    id: 'netskope',
    name: 'Netskope Client',
    category: 'ztna',
    corporate: true,
    processes: ['stAgentSvc', 'stAgentUI', 'stAgentSvcMon', 'nsdiag', 'stagentd'],
    interfaces: [],
  },
  {
    id: 'globalprotect',
    name: 'Palo Alto Networks GlobalProtect (Prisma Access)',
    category: 'vpn',
    corporate: true,
    processes: ['PanGPS', 'PanGPA', 'PanGPUI', 'GlobalProtect'],
    interfaces: [/^gpd\d+$/],
  },
  {
    id: 'cisco-secure-client',
    name: 'Cisco Secure Client (AnyConnect)',
    category: 'vpn',
    corporate: true,
    processes: ['vpnagent', 'vpnagentd', 'vpnui', 'csc_ui', 'acwebsecagent', 'acumbrellaagent', 'Cisco Secure Client'],
    interfaces: [/^cscotun\d+$/],
  },
  {
    id: 'forcepoint',
    name: 'Forcepoint One Endpoint',
    category: 'web-proxy',
    corporate: true,
    processes: ['wepsvc', 'fppsvc'],
    interfaces: [],
  },
  {
    id: 'fortinet',
    name: 'Fortinet FortiClient',
    category: 'vpn',
    corporate: true,
    processes: ['FortiClient', 'FortiTray', 'FortiSSLVPNdaemon', 'FortiClientAgent', 'fortivpn', 'openfortivpn'],
    interfaces: [],
  },
  {
    id: 'checkpoint',
    name: 'Check Point Endpoint Security VPN',
    category: 'vpn',
    corporate: true,
    processes: ['TracSrvWrapper', 'TrGUI', 'Endpoint_Security_VPN', 'snx'],
    interfaces: [/^tunsnx$/],
  },
  {
    id: 'wireguard',
    name: 'WireGuard',
    category: 'vpn',
    corporate: false,
    processes: ['wireguard', 'wireguard-go', 'wg-quick'],
    interfaces: [/^wg[\w.-]*$/],
  },
  {
    id: 'openvpn',
    name: 'OpenVPN',
    category: 'vpn',
    corporate: false,
    processes: [
      'openvpn',
      'openvpn-gui',
      'openvpnserv',
      'openvpnserv2',
      'OpenVPNConnect',
      'ovpnagent',
      'ovpnconnector',
    ],
    interfaces: [/^OpenVPN\b/i],
  },
  {
    id: 'tailscale',
    name: 'Tailscale',
    category: 'vpn',
    corporate: false,
    processes: ['tailscaled', 'tailscale', 'tailscale-ipn', 'IPNExtension'],
    interfaces: [/^tailscale\d*$/i],
  },
];

/** Interface names that mean "some tunnel" without naming its product. */
const HINTS: readonly { readonly pattern: RegExp; readonly note: string }[] = [
  {
    pattern: /^utun\d+$/,
    note: 'utun interfaces exist on every Mac (the system and iCloud Private Relay use some); a VPN adds one more, so the name alone cannot tell whether a VPN is up or whose it is.',
  },
  {
    pattern: /^(tun|tap)\d+$/,
    note: 'A tunnel interface: OpenVPN and several other VPN clients create these.',
  },
  { pattern: /^ipsec\d+$/, note: 'An IPsec tunnel interface: an IKEv2 or L2TP VPN is up.' },
  { pattern: /^ppp\d+$/, note: 'A PPP link: an L2TP or PPTP VPN, or a modem.' },
];

/** Linux keeps 15 characters of a command name: a 15-character name may be the start of a longer one. */
const COMM_LENGTH = 15;

function processMatches(seen: string, known: string): boolean {
  const a = seen.toLowerCase();
  const b = known.toLowerCase();
  return a === b || (a.length === COMM_LENGTH && b.startsWith(a));
}

/**
 * Which known agents the process and interface names show, each with what matched, and the interface
 * names that hint at a tunnel without naming it. A tun/tap interface is credited to OpenVPN only when an
 * OpenVPN process runs too; otherwise it stays a hint.
 */
export function matchAgents(
  processes: readonly string[],
  interfaces: readonly string[],
): Pick<ClientAgentsEvidence, 'agents' | 'hints'> {
  const agents: ClientAgent[] = [];
  const claimed = new Set<string>();
  for (const agent of AGENTS) {
    const matched: ClientAgent['matched'] = [
      ...[...new Set(processes.filter((p) => agent.processes.some((known) => processMatches(p, known))))].map(
        (name) => ({ via: 'process' as const, name }),
      ),
      ...interfaces
        .filter((i) => agent.interfaces.some((re) => re.test(i)))
        .map((name) => ({ via: 'interface' as const, name })),
    ];
    if (agent.id === 'openvpn' && matched.some((m) => m.via === 'process')) {
      matched.push(
        ...interfaces.filter((i) => /^(tun|tap)\d+$/.test(i)).map((name) => ({ via: 'interface' as const, name })),
      );
    }
    if (matched.length === 0) continue;
    for (const m of matched) if (m.via === 'interface') claimed.add(m.name);
    agents.push({ id: agent.id, name: agent.name, category: agent.category, corporate: agent.corporate, matched });
  }
  const hints = interfaces.flatMap((name) => {
    if (claimed.has(name)) return [];
    const hint = HINTS.find((h) => h.pattern.test(name));
    return hint === undefined ? [] : [{ interface: name, note: hint.note }];
  });
  return { agents, hints };
}
