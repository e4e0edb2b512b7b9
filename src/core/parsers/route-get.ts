import { z } from 'zod';
import { ipFamily } from '../address.js';
import type { RouteEntry } from '../evidence/path.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** What a route tool said: the route, or that the OS has none (network unreachable). */
export type RouteAnswer = { readonly kind: 'route'; readonly route: RouteEntry } | { readonly kind: 'no-route' };

/** Arguments of `ip -j route get <address>` (iproute2's JSON output). */
export function ipRouteGetArgs(address: string): string[] {
  return ['-j', 'route', 'get', address];
}

/** Arguments of macOS `route -n get <address>`. */
export function macRouteGetArgs(address: string): string[] {
  return ['-n', 'get', address];
}

/**
 * The read-only PowerShell line whose output `parseFindNetRoute` reads: Find-NetRoute returns the source
 * address (an MSFT_NetIPAddress) and the route (an MSFT_NetRoute) the OS would use; only the fields
 * used are selected so the JSON stays small, plus the adapter's InterfaceDescription (Get-NetAdapter),
 * which names a VPN's virtual adapter when its alias ("Ethernet 2") does not. `address` must be an IP
 * address (checked: it is quoted into the script).
 */
export function findNetRouteScript(address: string): string {
  if (ipFamily(address) === 0) throw new Error(`not an IP address: ${address}`);
  return [
    "$ErrorActionPreference='Stop'",
    `$r=@(Find-NetRoute -RemoteIPAddress '${address}')`,
    '$d=[string](Get-NetAdapter -InterfaceIndex $r[0].InterfaceIndex -ErrorAction SilentlyContinue).InterfaceDescription',
    "$r | Select-Object IPAddress,InterfaceAlias,InterfaceIndex,DestinationPrefix,NextHop,RouteMetric,@{n='InterfaceDescription';e={$d}} | ConvertTo-Json -Compress",
  ].join('; ');
}

/** Messages route tools print when the OS has no route: not a failure of the tool, an answer. */
const NO_ROUTE = /network is unreachable|no route to host|not in table|no matching msft_netroute/i;

/** Whether a route tool's error message means "no route to that address". */
export function isNoRouteMessage(message: string): boolean {
  return NO_ROUTE.test(message);
}

const bad = (tool: string, why: string) => err(inputError(tool, `${tool}: ${why}`));

const IpRouteSchema = z.array(
  z.object({
    type: z.string().optional(),
    dst: z.string().optional(),
    gateway: z.string().optional(),
    dev: z.string().optional(),
    prefsrc: z.string().optional(),
    metrics: z.array(z.object({ mtu: z.number().optional() })).optional(),
  }),
);

/** Parses `ip -j route get <address>`: the first route's device, gateway, preferred source and MTU. */
export function parseIpRouteGet(json: string): Result<RouteAnswer, InputError> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return bad('ip -j route get', 'the output is not JSON');
  }
  const parsed = IpRouteSchema.safeParse(value);
  if (!parsed.success) return bad('ip -j route get', 'the output is not a list of routes');
  const first = parsed.data[0];
  if (first === undefined) return bad('ip -j route get', 'no route in the output');
  if (first.type === 'unreachable' || first.type === 'prohibit' || first.type === 'blackhole') {
    return ok({ kind: 'no-route' });
  }
  const mtu = first.metrics?.find((m) => m.mtu !== undefined)?.mtu ?? null;
  return ok({
    kind: 'route',
    route: {
      interface: first.dev ?? null,
      gateway: first.gateway ?? null,
      source: first.prefsrc ?? null,
      type: first.type === undefined || first.type === 'unicast' ? null : first.type,
      mtu: mtu !== null && Number.isInteger(mtu) && mtu > 0 ? mtu : null,
      description: null,
    },
  });
}

/**
 * Parses macOS `route -n get <address>`: `gateway:`, `interface:` and the metrics table's `mtu` column.
 * A route that is the interface itself (no gateway line, or `link#N`) has no gateway.
 */
export function parseMacRouteGet(text: string): Result<RouteAnswer, InputError> {
  if (isNoRouteMessage(text)) return ok({ kind: 'no-route' });
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(\\S+)\\s*$`, 'm').exec(text)?.[1] ?? null;
  const iface = field('interface');
  if (iface === null) return bad('route -n get', 'no interface in the output');
  const gatewayText = field('gateway');
  const gateway = gatewayText !== null && ipFamily(gatewayText.replace(/%.*$/, '')) !== 0 ? gatewayText : null;
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /\bmtu\b/.test(l) && /\brecvpipe\b/.test(l));
  let mtu: number | null = null;
  if (header >= 0) {
    const column = (lines[header] ?? '').trim().split(/\s+/).indexOf('mtu');
    const cell = (lines[header + 1] ?? '').trim().split(/\s+/)[column];
    const value = Number(cell);
    mtu = Number.isInteger(value) && value > 0 ? value : null;
  }
  const flags = field('flags') ?? '';
  return ok({
    kind: 'route',
    route: {
      interface: iface,
      gateway,
      source: null,
      type: /\bBLACKHOLE\b/.test(flags) ? 'blackhole' : /\bREJECT\b/.test(flags) ? 'reject' : null,
      mtu,
      description: null,
    },
  });
}

const Text = z.union([z.string(), z.number()]).nullable().optional();
const NetRouteObjectSchema = z.object({
  IPAddress: Text,
  InterfaceAlias: Text,
  InterfaceIndex: Text,
  DestinationPrefix: Text,
  NextHop: Text,
  RouteMetric: Text,
  InterfaceDescription: Text,
});

/**
 * Parses `Find-NetRoute -RemoteIPAddress <address> | ConvertTo-Json`: one object with the source
 * `IPAddress`, one with `DestinationPrefix` and `NextHop` (0.0.0.0 or :: when the target is on-link),
 * both naming the interface (`InterfaceAlias`). Full objects and `findNetRouteScript`'s selection both parse.
 */
export function parseFindNetRoute(json: string): Result<RouteAnswer, InputError> {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch {
    return bad('Find-NetRoute', 'the output is not JSON');
  }
  const parsed = z.union([NetRouteObjectSchema, z.array(NetRouteObjectSchema)]).safeParse(value);
  if (!parsed.success) return bad('Find-NetRoute', 'the output is not a list of routes');
  const objects = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const text = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));
  const route = objects.find((o) => text(o.DestinationPrefix) !== null);
  const address = objects.find((o) => text(o.IPAddress) !== null);
  if (route === undefined && address === undefined) return bad('Find-NetRoute', 'no route in the output');
  const nextHop = text(route?.NextHop);
  const onLink = nextHop === null || nextHop === '0.0.0.0' || nextHop === '::';
  return ok({
    kind: 'route',
    route: {
      interface: text(route?.InterfaceAlias) ?? text(address?.InterfaceAlias),
      gateway: onLink ? null : nextHop,
      source: text(address?.IPAddress),
      type: null,
      mtu: null,
      description: text(route?.InterfaceDescription) || text(address?.InterfaceDescription) || null,
    },
  });
}
