import { describe, expect, it } from 'vitest';
import { canonicalIp, ipFamily, isHostname, sameIp } from '../../../src/core/address.js';

describe('address helpers', () => {
  it('tells IPv4, IPv6 and non-addresses apart', () => {
    expect(ipFamily('198.51.100.7')).toBe(4);
    expect(ipFamily('198.51.100.256')).toBe(0);
    expect(ipFamily('01.2.3.4')).toBe(0);
    expect(ipFamily('::')).toBe(6);
    expect(ipFamily('::ffff:198.51.100.7')).toBe(6);
    expect(ipFamily('fe80::1%eth0')).toBe(6);
    expect(ipFamily('2001:db8:0:0:0:0:0:1')).toBe(6);
    expect(ipFamily('2001:db8::1::2')).toBe(0);
    expect(ipFamily('1:2:3:4:5:6:7:8:9')).toBe(0);
    expect(ipFamily('vm.example.com')).toBe(0);
  });

  it('compares two spellings of one IPv6 address as equal', () => {
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:db8:0:1:0:0:0:0')).toBe('2001:db8:0:1::');
    expect(sameIp('::ffff:198.51.100.7', '::ffff:c633:6407')).toBe(true);
    expect(sameIp('198.51.100.7', '198.51.100.8')).toBe(false);
  });

  it('validates host names', () => {
    expect(isHostname('vm.example.com')).toBe(true);
    expect(isHostname('vm.example.com.')).toBe(true);
    expect(isHostname('1.2.3')).toBe(false);
    expect(isHostname('a..b')).toBe(false);
    expect(isHostname('x'.repeat(254))).toBe(false);
  });
});
