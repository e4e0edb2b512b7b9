import { describe, expect, it } from 'vitest';
import { vpnInterfaceOf, vpnInterfaces, vpnOfRoute } from '../../../../src/core/agents/vpn-interfaces.js';

describe('VPN interfaces', () => {
  it('names the product when the agents table knows the interface', () => {
    expect(vpnInterfaceOf('wg0')).toEqual({ name: 'wg0', why: 'WireGuard creates it', agent: 'WireGuard' });
    expect(vpnInterfaceOf('tailscale0')).toMatchObject({ agent: 'Tailscale' });
    expect(vpnInterfaceOf('zcctun0')).toMatchObject({ agent: 'Zscaler Client Connector' });
  });

  it('flags tunnel-like names without naming a product', () => {
    expect(vpnInterfaces(['lo', 'eth0', 'tun0', 'tap1', 'ppp0', 'utun4', 'ipsec0', 'en0', 'docker0'])).toEqual([
      { name: 'tun0', why: 'a tunnel interface (tun*/tap*)', agent: null },
      { name: 'tap1', why: 'a tunnel interface (tun*/tap*)', agent: null },
      { name: 'ppp0', why: 'a PPP link (ppp*: L2TP or PPTP VPN)', agent: null },
      { name: 'utun4', why: 'a macOS tunnel interface (utun*)', agent: null },
      { name: 'ipsec0', why: 'an IPsec tunnel interface (ipsec*)', agent: null },
    ]);
  });

  it('reads a Windows adapter description when the alias says nothing', () => {
    expect(vpnOfRoute('Ethernet 3', 'PANGP Virtual Ethernet Adapter #2')).toEqual({
      name: 'Ethernet 3',
      why: 'its name names a VPN adapter (PANGP Virtual Ethernet Adapter #2)',
      agent: null,
    });
    expect(vpnOfRoute('Ethernet', 'Intel(R) Ethernet Connection (7) I219-V')).toBeNull();
    expect(vpnOfRoute('OpenVPN TAP-Windows6', null)).toMatchObject({ agent: 'OpenVPN' });
  });
});
