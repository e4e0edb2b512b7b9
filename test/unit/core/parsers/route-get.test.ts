import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findNetRouteScript,
  isNoRouteMessage,
  parseFindNetRoute,
  parseIpRouteGet,
  parseMacRouteGet,
} from '../../../../src/core/parsers/route-get.js';

const fixture = (os: string, name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', os, name), 'utf8');

// Recorded with iproute2 6.1 in test namespaces (198.18.0.0/15 and 2001:db8::/32 addresses).
describe('ip -j route get (recorded)', () => {
  it('reads the device, gateway and preferred source of a routed address', () => {
    expect(parseIpRouteGet(fixture('linux', 'ip-route-get-gateway.json'))).toEqual({
      kind: 'ok',
      value: {
        kind: 'route',
        route: {
          interface: 'rcA',
          gateway: '198.18.40.2',
          source: '198.18.40.1',
          type: null,
          mtu: null,
          description: null,
        },
      },
    });
  });

  it('reads the MTU a router reported, cached on the route', () => {
    const parsed = parseIpRouteGet(fixture('linux', 'ip-route-get-cached-mtu.json'));
    expect(parsed.kind === 'ok' && parsed.value.kind === 'route' && parsed.value.route.mtu).toBe(1300);
  });

  it('reads an on-link route through a WireGuard-named interface', () => {
    expect(parseIpRouteGet(fixture('linux', 'ip-route-get-wg0.json'))).toMatchObject({
      value: { kind: 'route', route: { interface: 'wg0', gateway: null, source: '198.18.50.1' } },
    });
  });

  it('reads IPv6 and local routes', () => {
    expect(parseIpRouteGet(fixture('linux', 'ip-route-get-ipv6.json'))).toMatchObject({
      value: { route: { interface: 'rcA', gateway: null, source: '2001:db8:40::1', type: null } },
    });
    expect(parseIpRouteGet(fixture('linux', 'ip-route-get-local.json'))).toMatchObject({
      value: { route: { interface: 'lo', type: 'local' } },
    });
  });

  it('knows "Network is unreachable" as no route, and refuses what is not its JSON', () => {
    expect(isNoRouteMessage(fixture('linux', 'ip-route-get-unreachable.txt'))).toBe(true);
    expect(parseIpRouteGet('[{"type":"unreachable","dst":"198.51.100.9"}]')).toEqual({
      kind: 'ok',
      value: { kind: 'no-route' },
    });
    expect(parseIpRouteGet('RTNETLINK answers')).toMatchObject({ kind: 'err' });
    expect(parseIpRouteGet('[]')).toMatchObject({ kind: 'err' });
  });
});

// Hand-written after route(8) output on macOS, not recorded (no Mac here).
describe('route -n get (macOS, hand-written)', () => {
  it('reads gateway, interface and the mtu column', () => {
    expect(parseMacRouteGet(fixture('macos', 'route-get.txt'))).toEqual({
      kind: 'ok',
      value: {
        kind: 'route',
        route: { interface: 'en0', gateway: '192.168.1.1', source: null, type: null, mtu: 1500, description: null },
      },
    });
  });

  it('reads a VPN route without a gateway', () => {
    expect(parseMacRouteGet(fixture('macos', 'route-get-utun.txt'))).toMatchObject({
      value: { route: { interface: 'utun4', gateway: null, mtu: 1380 } },
    });
  });

  it('knows "not in table" as no route', () => {
    expect(parseMacRouteGet(fixture('macos', 'route-get-no-route.txt'))).toEqual({
      kind: 'ok',
      value: { kind: 'no-route' },
    });
  });
});

// Hand-written from Microsoft's Find-NetRoute documentation (its example's two objects), not recorded:
// PowerShell is not available here.
describe('Find-NetRoute | ConvertTo-Json (Windows, hand-written)', () => {
  it('reads the selected fields: alias, next hop, source address, adapter description', () => {
    expect(parseFindNetRoute(fixture('windows', 'find-netroute.json'))).toEqual({
      kind: 'ok',
      value: {
        kind: 'route',
        route: {
          interface: 'Ethernet',
          gateway: '192.168.0.1',
          source: '192.168.0.12',
          type: null,
          mtu: null,
          description: 'Intel(R) Ethernet Connection (7) I219-V',
        },
      },
    });
  });

  it('treats a 0.0.0.0 next hop as on-link and keeps a VPN adapter description', () => {
    expect(parseFindNetRoute(fixture('windows', 'find-netroute-vpn.json'))).toMatchObject({
      value: { route: { interface: 'Ethernet 3', gateway: null, description: 'PANGP Virtual Ethernet Adapter #2' } },
    });
  });

  it('reads full objects too (plain ConvertTo-Json), and a BOM', () => {
    expect(parseFindNetRoute(`\uFEFF${fixture('windows', 'find-netroute-full.json')}`)).toMatchObject({
      value: { route: { interface: 'Wi-Fi', gateway: '192.168.0.1', source: '192.168.0.12', description: null } },
    });
  });

  it('quotes only an IP address into the script', () => {
    expect(findNetRouteScript('203.0.113.10')).toContain("Find-NetRoute -RemoteIPAddress '203.0.113.10'");
    expect(() => findNetRouteScript("x'; Remove-Item C:\\")).toThrow(/not an IP address/);
  });
});
