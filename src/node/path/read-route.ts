import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { vpnInterfaces, vpnOfRoute } from '../../core/agents/vpn-interfaces.js';
import type { ClientTool } from '../../core/evidence/client.js';
import type { RouteEntry, RoutePathEvidence } from '../../core/evidence/path.js';
import {
  findNetRouteScript,
  ipRouteGetArgs,
  isNoRouteMessage,
  macRouteGetArgs,
  parseFindNetRoute,
  parseIpRouteGet,
  parseMacRouteGet,
  type RouteAnswer,
} from '../../core/parsers/route-get.js';
import type { InputError, Result } from '../../core/result.js';
import { type Budget, readTool } from '../client/read-tool.js';

/** Where the route tools are and where interface names come from; tests point them elsewhere. */
export interface RouteCommands {
  readonly ip?: string;
  readonly route?: string;
  readonly powershell?: string;
  readonly interfaces?: () => readonly string[];
}

function osOf(platform: NodeJS.Platform): RoutePathEvidence['os'] {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return platform === 'linux' ? 'linux' : 'other';
}

/** The tool to run on this OS: program, arguments, how a user would type it, and its parser. */
function toolFor(
  platform: NodeJS.Platform,
  destination: string,
  commands: RouteCommands,
): {
  program: string;
  args: string[];
  display: string;
  parse: (out: string) => Result<RouteAnswer, InputError>;
} | null {
  switch (platform) {
    case 'linux':
      return {
        program: commands.ip ?? 'ip',
        args: ipRouteGetArgs(destination),
        display: `ip -j route get ${destination}`,
        parse: parseIpRouteGet,
      };
    case 'darwin':
      // A GUI app's PATH may lack /sbin.
      return {
        program: commands.route ?? '/sbin/route',
        args: macRouteGetArgs(destination),
        display: `route -n get ${destination}`,
        parse: parseMacRouteGet,
      };
    case 'win32':
      return {
        program: commands.powershell ?? 'powershell.exe',
        args: ['-NoProfile', '-NonInteractive', '-Command', findNetRouteScript(destination)],
        display: `Find-NetRoute -RemoteIPAddress ${destination}`,
        parse: parseFindNetRoute,
      };
    default:
      return null;
  }
}

/** Linux keeps an interface's MTU in sysfs; read it when the route carries none. */
async function linuxInterfaceMtu(name: string): Promise<number | null> {
  if (!/^[\w.:@-]{1,15}$/.test(name)) return null;
  try {
    const value = Number((await readFile(`/sys/class/net/${name}/mtu`, 'utf8')).trim());
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * Asks the OS which route carries traffic to `destination` (read-only: `ip -j route get`, `route -n get`,
 * `Find-NetRoute`, bounded by the budget) and flags a VPN interface, on the route and among all the
 * computer's interfaces (tunnel-like names and the agents table).
 */
export async function readRoute(
  platform: NodeJS.Platform,
  destination: string | null,
  commands: RouteCommands,
  budget: Budget,
): Promise<RoutePathEvidence> {
  const interfaces = [...(commands.interfaces ?? (() => Object.keys(networkInterfaces())))()];
  const base = {
    kind: 'route.path' as const,
    os: osOf(platform),
    destination,
    interfaces,
    vpnInterfaces: vpnInterfaces(interfaces),
  };
  const none = { ...base, outcome: 'unknown' as const, route: null, vpn: null };
  const tool = destination === null ? null : toolFor(platform, destination, commands);
  if (tool === null) return { ...none, lookup: null };
  const read = await readTool(tool.program, tool.args, tool.display, budget);
  if (read.stdout === null) {
    if (read.tool.outcome === 'failed' && isNoRouteMessage(read.tool.message ?? '')) {
      const said: ClientTool = { command: tool.display, outcome: 'read', message: null };
      return { ...base, lookup: said, outcome: 'no-route', route: null, vpn: null };
    }
    return { ...none, lookup: read.tool };
  }
  const parsed = tool.parse(read.stdout);
  if (parsed.kind === 'err')
    return { ...none, lookup: { ...read.tool, outcome: 'failed', message: parsed.error.message } };
  if (parsed.value.kind === 'no-route')
    return { ...base, lookup: read.tool, outcome: 'no-route', route: null, vpn: null };
  let route: RouteEntry = parsed.value.route;
  if (platform === 'linux' && route.mtu === null && route.interface !== null) {
    route = { ...route, mtu: await linuxInterfaceMtu(route.interface) };
  }
  return {
    ...base,
    lookup: read.tool,
    outcome: 'route',
    route,
    vpn: route.interface === null ? null : vpnOfRoute(route.interface, route.description),
  };
}
