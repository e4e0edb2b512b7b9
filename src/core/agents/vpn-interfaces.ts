import type { VpnInterface } from '../evidence/path.js';
import { AGENTS } from './agent-table.js';

/** Interface names that mean a tunnel whatever product made it. */
const TUNNEL_NAMES: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /^wg[\w.-]*$/i, why: 'a WireGuard interface (wg*)' },
  { pattern: /^utun\d+$/, why: 'a macOS tunnel interface (utun*)' },
  { pattern: /^(tun|tap)\d*$/i, why: 'a tunnel interface (tun*/tap*)' },
  { pattern: /^ppp\d+$/, why: 'a PPP link (ppp*: L2TP or PPTP VPN)' },
  { pattern: /^ipsec\d+$/, why: 'an IPsec tunnel interface (ipsec*)' },
  { pattern: /^tailscale\d*$/i, why: 'a Tailscale interface (tailscale*)' },
  { pattern: /^(zt|ztn)[0-9a-z]+$/i, why: 'a ZeroTier interface (zt*)' },
  // Windows names adapters (and their descriptions) after their driver or product: "OpenVPN TAP-Windows6",
  // "ProtonVPN", "NordLynx", "WireGuard Tunnel", "PANGP Virtual Ethernet Adapter", "Cisco AnyConnect …".
  {
    pattern: /\bvpn|vpn\b|tap-windows|wintun|nordlynx|wireguard|pangp|anyconnect/i,
    why: 'its name names a VPN adapter',
  },
];

/**
 * Whether an interface carries a VPN: a name the agents table knows (the product is named), else a
 * tunnel-like name (`wg*`, `tun*`, `tap*`, `ppp*`, `utun*`, `ipsec*`, `tailscale*`, a Windows adapter
 * named after a VPN). Null for anything else.
 */
export function vpnInterfaceOf(name: string): VpnInterface | null {
  const agent = AGENTS.find((a) => a.interfaces.some((re) => re.test(name)));
  if (agent !== undefined) return { name, why: `${agent.name} creates it`, agent: agent.name };
  const tunnel = TUNNEL_NAMES.find((t) => t.pattern.test(name));
  return tunnel === undefined ? null : { name, why: tunnel.why, agent: null };
}

/** The route's interface when it is a VPN's: by its name, else by its adapter description (Windows). */
export function vpnOfRoute(name: string, description: string | null): VpnInterface | null {
  const byName = vpnInterfaceOf(name);
  if (byName !== null || description === null) return byName;
  const byDescription = vpnInterfaceOf(description);
  return byDescription === null ? null : { ...byDescription, name, why: `${byDescription.why} (${description})` };
}

/** The interfaces among `names` that look like a VPN's, in their order. */
export function vpnInterfaces(names: readonly string[]): VpnInterface[] {
  return names.flatMap((name) => vpnInterfaceOf(name) ?? []);
}
