import { describe, expect, it } from 'vitest';
import {
  addressFromBody,
  addressFromTxt,
  bodyExcerpt,
  clientIpOf,
  distinctAddresses,
  isPublicTarget,
  pickDnsAddress,
} from '../../../../src/core/egress/egress-answer.js';
import type { EgressLookup } from '../../../../src/core/evidence/egress.js';

function lookup(address: string | null, service: EgressLookup['service'] = 'opendns'): EgressLookup {
  return {
    service,
    resolver: '198.18.0.53',
    name: 'myip.opendns.com',
    type: 'A',
    outcome: address === null ? 'timeout' : 'answer',
    rcode: null,
    rttMs: null,
    answers: address === null ? [] : [address],
    address,
    message: null,
  };
}

describe('what-is-my-address answers', () => {
  it('reads the address from a Google TXT answer, skipping the EDNS client-subnet string', () => {
    expect(addressFromTxt(['198.51.100.7'])).toBe('198.51.100.7');
    expect(addressFromTxt(['edns0-client-subnet 198.51.100.0/24', '198.51.100.7'])).toBe('198.51.100.7');
    expect(addressFromTxt([' 2001:DB8::0:7 '])).toBe('2001:db8::7');
    expect(addressFromTxt(['hello'])).toBeNull();
    expect(addressFromTxt([])).toBeNull();
  });

  it('reads a plain or JSON body, and nothing else', () => {
    expect(addressFromBody('203.0.113.9\n')).toBe('203.0.113.9');
    expect(addressFromBody('{"ip":"203.0.113.9"}')).toBe('203.0.113.9');
    expect(addressFromBody('<html>203.0.113.9</html>')).toBeNull();
    expect(addressFromBody('{"ip": 5}')).toBeNull();
    expect(addressFromBody('{broken')).toBeNull();
    expect(bodyExcerpt(`<html>\n${'x'.repeat(500)}`)).toHaveLength(120);
    expect(bodyExcerpt('a\r\nb')).toBe('a  b');
  });

  it('tells a public target from one reached over a VPN, ExpressRoute or the local network', () => {
    expect(isPublicTarget('203.0.113.10')).toBe(true);
    expect(isPublicTarget('20.50.60.70')).toBe(true);
    expect(isPublicTarget('2001:db8::10')).toBe(true);
    for (const address of ['10.1.2.3', '172.20.0.4', '192.168.1.5', '100.64.0.1', '127.0.0.1', 'fd00::1', '::1'])
      expect(isPublicTarget(address), address).toBe(false);
    expect(isPublicTarget('vm.example.com')).toBeNull();
  });

  it('picks the first answer of the target family, in the order asked', () => {
    const lookups = [lookup(null), lookup('2001:db8::7'), lookup('198.51.100.7', 'google'), lookup('198.51.100.8')];
    expect(pickDnsAddress(lookups, 4)).toBe('198.51.100.7');
    expect(pickDnsAddress(lookups, 6)).toBe('2001:db8::7');
    expect(pickDnsAddress(lookups, null)).toBe('2001:db8::7');
    expect(pickDnsAddress([lookup('2001:db8::7')], 4)).toBe('2001:db8::7');
    expect(pickDnsAddress([lookup(null)], 4)).toBeNull();
    expect(distinctAddresses([...lookups, lookup('198.51.100.7')])).toEqual([
      '2001:db8::7',
      '198.51.100.7',
      '198.51.100.8',
    ]);
  });

  it('gives the client address and its origin only when one was found', () => {
    expect(clientIpOf(undefined)).toBeNull();
    const base = {
      kind: 'egress.ip' as const,
      mode: 'public' as const,
      targetAddress: '203.0.113.10',
      targetPublic: true,
      route: null,
      lookups: [],
      proxy: null,
      dnsAddresses: [],
      thirdParties: [],
    };
    expect(clientIpOf({ ...base, address: null, addressFrom: null })).toBeNull();
    expect(clientIpOf({ ...base, address: '198.51.100.7', addressFrom: 'dns' })).toEqual({
      address: '198.51.100.7',
      from: 'dns',
    });
  });
});
