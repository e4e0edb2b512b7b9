import { ipFamily } from '../address.js';

/** The operating systems whose `ping` RDP Probe knows how to run and read. */
export type PingOs = 'linux' | 'macos' | 'windows';

/** A program and its arguments (no shell), and the command line as a user would type it. */
export interface PingCommand {
  readonly program: string;
  readonly args: readonly string[];
  readonly display: string;
}

/** Echo requests per ping: enough to see loss, few enough to finish in about a second. */
export const PING_COUNT = 3;

/** IPv4 and ICMP headers (20 + 8), IPv6 and ICMPv6 headers (40 + 8): the packet is payload plus these. */
export function icmpHeaderBytes(family: 4 | 6): number {
  return family === 6 ? 48 : 28;
}

function command(program: string, args: readonly string[]): PingCommand {
  return { program, args, display: [program, ...args].join(' ') };
}

/** The OS a Node platform name runs, for ping; null where RDP Probe does not run `ping`. */
export function pingOsOf(platform: string): PingOs | null {
  if (platform === 'linux') return 'linux';
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return null;
}

/**
 * `ping` of an address: 3 requests, numeric output, bounded waits. iputils: `-i 0.2` (allowed to every
 * user) and `-W 1` (seconds per reply); macOS (ping(8)): `-i 0.2` and `-t 2` (seconds before it exits;
 * `ping6` has no such option, the runner's hard timeout bounds it); Windows: `-n 3 -w 1000` (ms per reply,
 * one request a second, no interval option).
 */
export function pingCommand(os: PingOs, address: string): PingCommand {
  const v6 = ipFamily(address) === 6;
  const count = String(PING_COUNT);
  switch (os) {
    case 'linux':
      return command('ping', ['-n', '-c', count, '-i', '0.2', '-W', '1', address]);
    case 'macos':
      return v6
        ? command('ping6', ['-n', '-c', count, '-i', '0.2', address])
        : command('ping', ['-n', '-c', count, '-i', '0.2', '-t', '2', address]);
    case 'windows':
      return command('ping', ['-n', count, '-w', '1000', address]);
  }
}

/**
 * One don't-fragment ping of `size` payload bytes: iputils `-M do -s <size>`, macOS `-D -s <size>`
 * (ping(8): -D sets the DF bit), Windows `-f -l <size>` (IPv4 only). IPv6 routers never fragment, so a
 * plain IPv6 ping of that size probes the same (`ping6 -s` on macOS; Windows `-l`).
 */
export function dfPingCommand(os: PingOs, address: string, size: number): PingCommand {
  const v6 = ipFamily(address) === 6;
  const s = String(size);
  switch (os) {
    case 'linux':
      return command('ping', ['-n', '-M', 'do', '-s', s, '-c', '1', '-W', '1', address]);
    case 'macos':
      return v6
        ? command('ping6', ['-n', '-s', s, '-c', '1', address])
        : command('ping', ['-n', '-D', '-s', s, '-c', '1', '-t', '1', address]);
    case 'windows':
      return command(
        'ping',
        v6 ? ['-n', '1', '-w', '1000', '-l', s, address] : ['-n', '1', '-w', '1000', '-f', '-l', s, address],
      );
  }
}

/** The don't-fragment command as a user would type it, with `<size>` for the payload. */
export function dfPingDisplay(os: PingOs, address: string): string {
  return dfPingCommand(os, address, 1).display.replace(/(-[sl]) 1\b/, '$1 <size>');
}
