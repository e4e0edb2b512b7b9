import { describe, expect, it } from 'vitest';
import { classifyAddressPrefix } from '../../../../src/core/nsg/address-entry.js';
import { isPublicAddress, parseIp, parseIpRange, rangeContains } from '../../../../src/core/nsg/ip-range.js';
import { classifyJitRuleName } from '../../../../src/core/nsg/jit-rule.js';
import { parseSecurityAdminRulesJson } from '../../../../src/core/nsg/parse-admin-rules.js';
import { parsePortEntries } from '../../../../src/core/nsg/port-entry.js';

describe('ip ranges', () => {
  it('parses addresses and CIDR blocks of both families', () => {
    expect(parseIpRange('10.0.0.0/8')).toEqual({ family: 4, first: 167_772_160, last: 184_549_375 });
    expect(parseIpRange('10.1.2.3')).toEqual({ family: 4, first: 167_838_211, last: 167_838_211 });
    expect(parseIpRange('2001:db8::/126')).toEqual({
      family: 6,
      first: 0x20010db8000000000000000000000000n,
      last: 0x20010db8000000000000000000000003n,
    });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', '2001:db8::/129', '10.0.0.0/8/1', 'fe80::1%eth0/64', 'abc']) {
      expect(parseIpRange(bad)).toBeUndefined();
    }
  });

  it('compares IPv6 spellings as numbers, including embedded IPv4', () => {
    const range = parseIpRange('::ffff:192.0.2.0/120');
    const ip = parseIp('0:0:0:0:0:ffff:c000:2ff');
    expect(range && ip && rangeContains(range, ip)).toBe(true);
  });

  it('tells public from private, shared, link-local and loopback addresses', () => {
    const pub = (text: string) => isPublicAddress(parseIp(text) ?? { family: 4, value: 0 });
    expect(['198.51.100.7', '20.1.2.3', '2001:db8::1', '2603:1030::1'].map(pub)).toEqual([true, true, true, true]);
    expect(
      ['10.1.1.1', '172.20.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.169.254', 'fd00::1', 'fe80::1'].map(
        pub,
      ),
    ).toEqual(new Array(8).fill(false));
  });
});

describe('ports and prefixes', () => {
  it('parses ports, ranges, lists and *', () => {
    expect(parsePortEntries('3389')).toEqual({
      kind: 'ok',
      value: [{ kind: 'range', text: '3389', first: 3389, last: 3389 }],
    });
    expect(parsePortEntries('80, 10000-10005')).toEqual({
      kind: 'ok',
      value: [
        { kind: 'range', text: '80', first: 80, last: 80 },
        { kind: 'range', text: '10000-10005', first: 10_000, last: 10_005 },
      ],
    });
    expect(parsePortEntries('*')).toEqual({ kind: 'ok', value: [{ kind: 'any', text: '*' }] });
    expect(parsePortEntries('0-65535')).toEqual({ kind: 'ok', value: [{ kind: 'any', text: '0-65535' }] });
    for (const bad of ['', '65536', '10-5', '1-2-3', 'rdp', '-1']) expect(parsePortEntries(bad).kind).toBe('err');
  });

  it('classifies prefixes', () => {
    expect(classifyAddressPrefix('Internet')).toEqual({ kind: 'ok', value: { kind: 'service-tag', text: 'Internet' } });
    expect(classifyAddressPrefix('AzureCloud.WestEurope').kind).toBe('ok');
    expect(classifyAddressPrefix('::/0')).toEqual({ kind: 'ok', value: { kind: 'any', text: '::/0' } });
    expect(classifyAddressPrefix('10.0.0.300')).toEqual({
      kind: 'err',
      error: '"10.0.0.300" is not an IP address, a CIDR block, * or a service tag',
    });
    expect(classifyAddressPrefix('a b').kind).toBe('err');
  });
});

describe('classifyJitRuleName', () => {
  it('recognises JIT deny and allow rules, with or without the effective API prefix', () => {
    expect(classifyJitRuleName('SecurityCenter-JITRule_-1385569066_3A3E2C3CB9A84A5F8E1FDC0E1D3DA7A4')).toBe('jit-deny');
    expect(classifyJitRuleName('securityRules/SecurityCenter-JITRule_-1385569066_3A3E2C3C')).toBe('jit-deny');
    expect(classifyJitRuleName('SecurityCenter-JITRule-1385569066-3A3E2C3CB9A84A5F')).toBe('jit-allow');
    expect(classifyJitRuleName('SecurityCenter-JITRule--1385569066-3A3E2C3C')).toBe('jit-allow');
    expect(classifyJitRuleName('AllowRdp')).toBe('not-jit');
    expect(classifyJitRuleName('SecurityCenter-JITRule-abc')).toBe('not-jit');
  });
});

describe('parseSecurityAdminRulesJson', () => {
  it('reports bad JSON and bad values with the input name', () => {
    const truncated = parseSecurityAdminRulesJson('{"value": [{"name": "x", "prop', 'file admin.json');
    expect(truncated.kind === 'err' && truncated.error.message).toMatch(
      /^file admin\.json is not valid JSON .*expected a list of Virtual Network Manager security admin rules\.$/,
    );
    const bad = parseSecurityAdminRulesJson(
      JSON.stringify([
        { name: 'r', properties: { access: 'Permit', priority: 1, direction: 'Inbound', protocol: 'Tcp' } },
      ]),
      'file admin.json',
    );
    expect(bad.kind === 'err' && bad.error.message).toBe(
      'file admin.json: value[0] (r): access "Permit" is not Allow, Deny or AlwaysAllow.',
    );
  });
});
