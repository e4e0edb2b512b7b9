import { z } from 'zod';

/** The operating system a client-side check read, as the remedies name them. */
export const ClientOsSchema = z.enum(['linux', 'windows', 'macos', 'other']);

/** One OS command a client check ran, and whether it could read what it asked for. */
export const ClientToolSchema = z.object({
  /** The command as a user would type it (`nft -j list ruleset`). */
  command: z.string(),
  /** read: parsed; absent: not installed; denied: needs admin rights; failed/timeout: could not run. */
  outcome: z.enum(['read', 'absent', 'denied', 'failed', 'timeout']),
  /** Why it could not be read, in plain words; null when read. */
  message: z.string().nullable(),
});

/** A firewall rule (or default policy) that blocks, or may block, outgoing TCP to the RDP port. */
export const FirewallBlockSchema = z.object({
  /** rule: a rule matches the connection; default: a chain's or profile's default outbound action. */
  kind: z.enum(['rule', 'default']),
  /** How to find it again: `inet filter output handle 5`, `OUTPUT rule 3`, a Windows rule's Name, `pf rule 2`. */
  ref: z.string(),
  /** Its display name or comment, when it has one. */
  name: z.string().nullable(),
  /** The chain, profile or ruleset it is in (`inet filter output`, `Public`, `pf`). */
  scope: z.string(),
  /** What it does to the connection: drop (silence), reject (an error back), block (Windows, pf). */
  action: z.enum(['drop', 'reject', 'block']),
  /** What it matches, in the tool's own terms (`tcp dport { 22, 3389 }`, `RemotePort 3389, TCP`). */
  matches: z.string(),
  /** The destinations it is limited to; null when it applies to every destination. */
  destinations: z.array(z.string()).nullable(),
  /** Conditions the probe cannot weigh (source address, user, interface, program): it may not apply. */
  conditions: z.array(z.string()),
  /** Whether it blocks the connection as the RDP client makes it, with nothing left to decide. */
  certain: z.boolean(),
});

/** What the local firewall says of outgoing TCP to the RDP port (`client.firewall`). */
export const ClientFirewallEvidenceSchema = z.object({
  kind: z.literal('client.firewall'),
  os: ClientOsSchema,
  /** The port evaluated (the target's RDP port). */
  port: z.number().int().min(1).max(65535),
  /** The addresses the RDP client dials, matched against destination limits; empty when unknown. */
  addresses: z.array(z.string()),
  tools: z.array(ClientToolSchema),
  /** Whether a firewall that filters outgoing traffic is on; null when it could not be told. */
  enabled: z.boolean().nullable(),
  /** Default outbound actions: nft/iptables output chain policies, Windows profiles, pf. */
  defaultOutbound: z.array(
    z.object({ scope: z.string(), action: z.enum(['allow', 'block', 'not-configured']), active: z.boolean() }),
  ),
  /** Rules and defaults that block (or may block) the port, in the order the firewall weighs them. */
  blocking: z.array(FirewallBlockSchema),
  /** Plain-language notes: what was not read, what cannot block outgoing RDP (the macOS app firewall). */
  notes: z.array(z.string()),
});

/** One known proxy, VPN or inspection agent seen on the computer (`client.agents`). */
export const ClientAgentSchema = z.object({
  /** Stable id of the agent in the table (`zscaler`, `wireguard`). */
  id: z.string(),
  /** Its product name. */
  name: z.string(),
  /** ztna: zero-trust access / cloud proxy (routes or inspects traffic per policy); vpn: a tunnel. */
  category: z.enum(['ztna', 'vpn', 'web-proxy']),
  /** Usually deployed by an organization, so its policy (which ports it lets out) is the organization's. */
  corporate: z.boolean(),
  /** What was seen: a running process or a network interface, by its name. */
  matched: z.array(z.object({ via: z.enum(['process', 'interface']), name: z.string() })),
});

/** Known security, proxy and VPN agents running on the computer (`client.agents`). */
export const ClientAgentsEvidenceSchema = z.object({
  kind: z.literal('client.agents'),
  os: ClientOsSchema,
  /** How processes were listed, how many names were read, and why not when it failed. */
  processes: z.object({
    command: z.string().nullable(),
    count: z.number().int().nonnegative(),
    error: z.string().nullable(),
  }),
  /** Names of the network interfaces (`os.networkInterfaces()`). */
  interfaces: z.array(z.string()),
  agents: z.array(ClientAgentSchema),
  /** Interface names that hint at a tunnel without naming its product (utun on macOS, tun/tap). */
  hints: z.array(z.object({ interface: z.string(), note: z.string() })),
});

export type ClientTool = z.infer<typeof ClientToolSchema>;
export type FirewallBlock = z.infer<typeof FirewallBlockSchema>;
export type ClientFirewallEvidence = z.infer<typeof ClientFirewallEvidenceSchema>;
export type ClientAgent = z.infer<typeof ClientAgentSchema>;
export type ClientAgentsEvidence = z.infer<typeof ClientAgentsEvidenceSchema>;
