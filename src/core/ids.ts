/**
 * Stable check and path identifiers. Two reports are aligned check by check on (check id, path id), so
 * these strings never change meaning once released; new checks add new ids.
 */
export const CHECK_IDS = [
  'dns.os',
  'dns.fresh',
  'dns.hosts',
  'dns.os-cache',
  'tcp.connect',
  'rdp.negotiate',
  'rdp.protocols',
  'rdp.tls',
  'rdp.ntlm',
  'udp.rdp',
  'tcp.ports',
  'proxy.discover',
  'proxy.connect',
  'tls.inspection',
  'azure.collect',
  'vm.checks',
  'client.firewall',
  'client.agents',
  'egress.ip',
  'route.path',
  'icmp.ping',
  'path.trace',
] as const;

/** A stable check identifier such as `dns.os` or `tcp.connect`. */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * The network path a check ran over: `direct` (the default route), `bind:<local address>` (the socket
 * bound to that address: `--bind`, `--interface`) or `proxy:<url>` (tunnelled through that proxy).
 */
export type PathId = 'direct' | `bind:${string}` | `proxy:${string}`;

/** The default path: whatever route the operating system picks. */
export const DIRECT_PATH: PathId = 'direct';

/** The key that identifies one check result in a run and across reports. */
export type CheckKey = `${CheckId}@${PathId}`;

/** Builds the key of a check on a path. */
export function checkKey(id: CheckId, path: PathId): CheckKey {
  return `${id}@${path}`;
}

/** Whether a string is a path id this version understands. */
export function isPathId(value: string): value is PathId {
  return value === 'direct' || /^bind:.+$/.test(value) || /^proxy:.+$/.test(value);
}
