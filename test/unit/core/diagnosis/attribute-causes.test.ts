import { describe, expect, it } from 'vitest';
import { attributeCauses } from '../../../../src/core/diagnosis/attribute-causes.js';
import { makeFinding } from '../../../../src/core/findings/make-finding.js';
import type { Finding } from '../../../../src/core/report-schema.js';

const filtered = makeFinding('tcp.filtered', {
  detail: 'No answer from 198.18.5.10:3389 within 500 ms.',
  evidence: [{ check: 'tcp.connect@direct', says: '198.18.5.10:3389 filtered' }],
  confidence: 'low',
  values: { host: '198.18.5.10', port: '3389' },
});

function cause(code: Finding['code']): Finding {
  return makeFinding(code, { detail: 'seen', evidence: [], confidence: 'high', values: {} });
}

describe('attributeCauses', () => {
  it('points a filtered port at the NSG rule that denies the client, with no other candidate', () => {
    const [tcp, nsg] = attributeCauses([filtered, cause('nsg.allowed-other-source')]);
    expect(tcp).toMatchObject({ code: 'tcp.filtered', source: 4, candidates: [], confidence: 'low' });
    expect(tcp?.evidence.at(-1)).toEqual({
      check: 'nsg.allowed-other-source',
      says: `explained by: ${nsg?.title}`,
    });
  });

  it('points a filtered direct path at the edge when a proxy reaches the VM', () => {
    const [tcp] = attributeCauses([filtered, cause('edge.direct-blocked-proxy-ok')]);
    expect(tcp).toMatchObject({ source: 2, candidates: [1, 4] });
  });

  it('leaves a filtered port alone when nothing explains it', () => {
    expect(attributeCauses([filtered, cause('rdp.host-identity')])[0]).toBe(filtered);
  });
});
