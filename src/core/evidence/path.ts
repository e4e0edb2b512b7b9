import { z } from 'zod';
import { ClientOsSchema, ClientToolSchema } from './client.js';
import { IpFamilySchema } from './dns.js';

/** A network interface that carries a tunnel, and what gives it away. */
export const VpnInterfaceSchema = z.object({
  name: z.string(),
  /** Why it counts as a VPN: the agent that creates it, or the name pattern (`wg*`, `tun*`, `utun*`…). */
  why: z.string(),
  /** The product, when the agents table knows the name (`WireGuard`, `Zscaler Client Connector`); else null. */
  agent: z.string().nullable(),
});

/** The route the OS picks to the target: interface, gateway, local address (`route.path`). */
export const RouteEntrySchema = z.object({
  /** The interface traffic leaves through (`eth0`, `en0`, `wg0`, Windows' InterfaceAlias). */
  interface: z.string().nullable(),
  /** The next hop; null when the target is on the link itself. */
  gateway: z.string().nullable(),
  /** The local address the OS picks as the source (what a private target's NSG sees). */
  source: z.string().nullable(),
  /** The route's type when not plain unicast (`local`, `blackhole`…); null otherwise. */
  type: z.string().nullable(),
  /** The MTU the route or the interface has, when the tool tells it. */
  mtu: z.number().int().positive().nullable(),
  /** The adapter's description where the OS names adapters apart from their driver (Windows); else null. */
  description: z.string().nullable(),
});

/** Which interface and gateway carry traffic to the target, and whether it is a VPN (`route.path`). */
export const RoutePathEvidenceSchema = z.object({
  kind: z.literal('route.path'),
  os: ClientOsSchema,
  /** The address routed to (the first address the RDP client dials); null when there is none. */
  destination: z.string().nullable(),
  /**
   * The tool read (`ip -j route get`, `route -n get`, `Find-NetRoute`); null when none was run. Not
   * named `tool`: the bundle's redaction leaves a `tool` field alone, and this command names the address.
   */
  lookup: ClientToolSchema.nullable(),
  /** route: the OS has one; no-route: it said the network is unreachable; unknown: it could not be read. */
  outcome: z.enum(['route', 'no-route', 'unknown']),
  route: RouteEntrySchema.nullable(),
  /** The route's interface when it is a VPN's; null otherwise. */
  vpn: VpnInterfaceSchema.nullable(),
  /** Every interface on this computer that looks like a VPN's, whether or not it carries the target. */
  vpnInterfaces: z.array(VpnInterfaceSchema),
  /** Names of the network interfaces (`os.networkInterfaces()`). */
  interfaces: z.array(z.string()),
});

/** One don't-fragment ping of a given size and what came back. */
export const MtuProbeSchema = z.object({
  /** ICMP payload bytes (`-s`, `-l`). */
  size: z.number().int().positive(),
  /** The whole IP packet: payload plus 28 (IPv4) or 48 (IPv6) bytes of headers. */
  packetBytes: z.number().int().positive(),
  /** reply: it passed; too-big: a router or this computer said it needs fragmenting; no-reply: silence. */
  outcome: z.enum(['reply', 'too-big', 'no-reply', 'error']),
  /** The MTU a router (Frag needed) or this computer (message too long) reported; null when none. */
  mtu: z.number().int().positive().nullable(),
  /** Who reported it too big: a router's address, `local` for this computer, null otherwise. */
  from: z.string().nullable(),
  message: z.string().nullable(),
});

/** The path-MTU probe run when TCP connects but the TLS handshake stalls. */
export const MtuProbeResultSchema = z.object({
  /** Why it ran, in plain words. */
  reason: z.string(),
  /** The command as a user would type it, with `<size>` for the payload. */
  command: z.string(),
  probes: z.array(MtuProbeSchema),
  /** The largest payload that got a reply; null when none did. */
  largestPassed: z.number().int().positive().nullable(),
  /** The path MTU that implies (largest passed plus headers), or the smallest MTU reported; null: unknown. */
  pathMtu: z.number().int().positive().nullable(),
});

/** Ping of the target, and a path-MTU probe when the TLS handshake stalled (`icmp.ping`). Evidence only. */
export const IcmpPingEvidenceSchema = z.object({
  kind: z.literal('icmp.ping'),
  /** The address pinged; null when there was none. */
  address: z.string().nullable(),
  family: IpFamilySchema.nullable(),
  /** net-ping: a raw ICMP socket (root or admin); os-ping: the OS `ping`; none: neither could run. */
  method: z.enum(['net-ping', 'os-ping', 'none']),
  /** The command as a user would type it (`ping -n -c 3 …`), or `net-ping` for the raw socket. */
  command: z.string().nullable(),
  /** Why the raw socket was not used (not installed, not permitted); null when it was. */
  netPing: z.string().nullable(),
  sent: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  /** Round-trip times of the replies, in milliseconds. */
  rttMs: z.array(z.number().nonnegative()),
  /** An ICMP error that came back (`Destination Net Unreachable from 198.51.100.1`) or why ping failed. */
  error: z.string().nullable(),
  /** The path-MTU probe; null when it was not needed (TLS did not stall) or could not run. */
  mtu: MtuProbeResultSchema.nullable(),
});

/** One hop of a trace: the TTL the probe was sent with and who answered it. */
export const TraceHopSchema = z.object({
  ttl: z.number().int().positive(),
  /** The router (time exceeded) or the destination that answered; null when nothing answered in time. */
  address: z.string().nullable(),
  rttMs: z.number().nonnegative().nullable(),
  /**
   * What the answer said besides "time exceeded", as the tool marks it (`!X` administratively prohibited,
   * `!H` host, `!N` network, `!P` protocol unreachable; net-ping's `destination unreachable`); null otherwise.
   */
  note: z.string().nullable(),
});

/** How far packets to the target get, traced with TTL-limited probes when TCP did not connect (`path.trace`). */
export const PathTraceEvidenceSchema = z.object({
  kind: z.literal('path.trace'),
  /** The address traced (the one tcp.connect could not reach); null when there was none. */
  address: z.string().nullable(),
  family: IpFamilySchema.nullable(),
  /** The RDP port: the destination port of TCP probes. */
  port: z.number().int().min(1).max(65535),
  /** What traced: net-ping's raw ICMP socket, or the OS tool; null when none could run. */
  tool: z.enum(['net-ping', 'traceroute', 'traceroute6', 'tracert']).nullable(),
  /** The probes: ICMP echo, UDP to high ports, or TCP SYN to the RDP port (`traceroute -T`). */
  mode: z.enum(['icmp', 'udp', 'tcp']).nullable(),
  /** The command as a user would type it, or `net-ping (raw ICMP socket)`. */
  command: z.string().nullable(),
  maxTtl: z.number().int().positive(),
  /** Every hop printed, in TTL order (unanswered ones with a null address). */
  hops: z.array(TraceHopSchema),
  /** The last hop that answered, and whether its address is public (beyond your network) or not. */
  lastHop: z
    .object({ ttl: z.number().int().positive(), address: z.string(), public: z.boolean().nullable() })
    .nullable(),
  /** Whether the traced address itself answered a probe. */
  destinationAnswered: z.boolean(),
  /**
   * complete: the tool finished (destination, an unreachable answer or the maximum TTL); silent: stopped
   * after hops in a row gave no answer; timeout: the check's time ran out, the hops printed so far are
   * kept; error: the tool could not trace; not-run: no way to trace here.
   */
  ended: z.enum(['complete', 'silent', 'timeout', 'error', 'not-run']),
  /** The ways tried first that could not run, and why (`traceroute -T …: needs root`, net-ping missing). */
  notUsed: z.array(z.string()),
  /** Why the trace failed (`connect: Network is unreachable`); null otherwise. */
  error: z.string().nullable(),
});

export type VpnInterface = z.infer<typeof VpnInterfaceSchema>;
export type RouteEntry = z.infer<typeof RouteEntrySchema>;
export type RoutePathEvidence = z.infer<typeof RoutePathEvidenceSchema>;
export type MtuProbe = z.infer<typeof MtuProbeSchema>;
export type MtuProbeResult = z.infer<typeof MtuProbeResultSchema>;
export type IcmpPingEvidence = z.infer<typeof IcmpPingEvidenceSchema>;
export type TraceHop = z.infer<typeof TraceHopSchema>;
export type PathTraceEvidence = z.infer<typeof PathTraceEvidenceSchema>;
