import { describe, expect, it } from 'vitest';
import { egressFindings } from '../../../../src/core/diagnosis/egress-rules.js';
import { diagnose } from '../../../../src/core/diagnosis.js';
import type { EgressIpEvidence } from '../../../../src/core/evidence/egress.js';
import { parseTarget } from '../../../../src/core/target.js';
import { result, tcp } from '../../../support/checks.js';

const target = (() => {
  const parsed = parseTarget('203.0.113.10');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();

function egress(direct: string | null, viaProxy: string | null, from: 'dns' | 'proxy' = 'dns'): EgressIpEvidence {
  return {
    kind: 'egress.ip',
    mode: 'public',
    targetAddress: '203.0.113.10',
    targetPublic: true,
    route: { destination: '203.0.113.10', localAddress: '198.18.7.1', error: null },
    lookups: [
      {
        service: 'opendns',
        resolver: '198.18.0.53',
        name: 'myip.opendns.com',
        type: 'A',
        outcome: direct === null ? 'timeout' : 'answer',
        rcode: direct === null ? null : 'NOERROR',
        rttMs: direct === null ? null : 1,
        answers: direct === null ? [] : [direct],
        address: direct,
        message: null,
      },
    ],
    proxy:
      viaProxy === null
        ? null
        : {
            proxy: 'http://198.51.100.10:3128',
            url: 'https://api.ipify.org/',
            outcome: 'answer',
            tunnelStatus: 200,
            httpStatus: 200,
            certificateTrusted: true,
            body: null,
            address: viaProxy,
            ms: 5,
            error: null,
          },
    dnsAddresses: direct === null ? [] : [direct],
    address: from === 'dns' ? direct : viaProxy,
    addressFrom: from,
    thirdParties: [],
  };
}

describe('egress.differs', () => {
  it('informs when the proxy leaves from another address while RDP answers directly', () => {
    const checks = [
      result(egress('198.51.100.7', '203.0.113.9'), 'warn'),
      result(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'open' }])),
    ];
    const [finding, ...rest] = egressFindings({ target, checks });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'egress.differs', severity: 'info', source: 2, confidence: 'high' });
    expect(finding?.detail).toContain('198.51.100.7');
    expect(finding?.detail).toContain('203.0.113.9');
    expect(finding?.remedy.steps[0]?.command).toContain('--source-address-prefixes 198.51.100.7');
  });

  it('warns when RDP does not answer directly: a rule made from "My IP" may allow the wrong address', () => {
    const checks = [
      result(egress('198.51.100.7', '203.0.113.9'), 'warn'),
      result(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'filtered' }]), 'fail'),
    ];
    const finding = diagnose({ target, checks, expectIp: null, expectedHostName: null }).findings.find(
      (f) => f.code === 'egress.differs',
    );
    expect(finding?.severity).toBe('warning');
    expect(finding?.detail).toContain('allows 198.51.100.7, not only 203.0.113.9');
  });

  it('says nothing when the addresses agree, differ in family, or one is missing', () => {
    for (const e of [
      egress('198.51.100.7', '198.51.100.7'),
      egress('2001:db8::7', '203.0.113.9'),
      egress('198.51.100.7', null),
      egress(null, '203.0.113.9', 'proxy'),
    ])
      expect(egressFindings({ target, checks: [result(e)] })).toEqual([]);
  });
});
