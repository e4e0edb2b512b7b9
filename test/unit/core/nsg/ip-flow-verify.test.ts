import { describe, expect, it } from 'vitest';
import { crossCheckIpFlowVerify } from '../../../../src/core/nsg/cross-check.js';
import { evaluateFlow } from '../../../../src/core/nsg/evaluate-flow.js';
import type { FlowVerdict } from '../../../../src/core/nsg/flow-types.js';
import { parseIpFlowVerify, parseIpFlowVerifyJson } from '../../../../src/core/nsg/parse-ip-flow-verify.js';
import { armRule, exampleBody, nsg, rdpFrom, VM_CONTEXT } from './nsg-fixtures.js';

function verdictFor(sourceIp: string): FlowVerdict {
  const result = evaluateFlow({
    flow: rdpFrom(sourceIp),
    subnetNsg: null,
    nicNsg: nsg('vm-nsg', [armRule('AllowRdpOffice', 300, { source: '203.0.113.0/24', port: '3389' })]),
    context: VM_CONTEXT,
  });
  if (result.kind === 'err') throw new Error(result.error.message);
  return result.value;
}

describe('parseIpFlowVerify', () => {
  it('parses the official example', () => {
    expect(parseIpFlowVerify(exampleBody('network/NetworkWatcherIpFlowVerify.json'), 'IP flow verify')).toEqual({
      kind: 'ok',
      value: { access: 'Allow', ruleName: 'Rule1' },
    });
  });

  it('accepts a result without a rule name, and rejects an unknown access or bad JSON', () => {
    expect(parseIpFlowVerify({ access: 'deny' }, 'x')).toEqual({ kind: 'ok', value: { access: 'Deny' } });
    const bad = parseIpFlowVerify({ access: 'Maybe' }, 'file flow.json');
    expect(bad.kind === 'err' && bad.error.message).toBe('file flow.json: access "Maybe" is not Allow or Deny.');
    const truncated = parseIpFlowVerifyJson('{"access": "Al', 'file flow.json');
    expect(truncated.kind === 'err' && truncated.error.message).toMatch(
      /^file flow\.json is not valid JSON .*expected an IP flow verify result/,
    );
  });
});

describe('crossCheckIpFlowVerify', () => {
  it('agrees when access and rule match, whatever prefix each API puts on the name', () => {
    const denied = verdictFor('198.51.100.7');
    for (const ruleName of ['defaultSecurityRules/DenyAllInBound', 'DefaultRule_DenyAllInBound', 'denyallinbound']) {
      expect(crossCheckIpFlowVerify(denied, { access: 'Deny', ruleName })).toEqual({
        kind: 'agree',
        access: 'Deny',
        ruleName,
      });
    }
    expect(
      crossCheckIpFlowVerify(verdictFor('203.0.113.9'), { access: 'Allow', ruleName: 'securityRules/AllowRdpOffice' }),
    ).toMatchObject({ kind: 'agree' });
  });

  it('reports an access disagreement with both sides', () => {
    const check = crossCheckIpFlowVerify(verdictFor('198.51.100.7'), { access: 'Allow', ruleName: 'UserRule_Other' });
    expect(check).toMatchObject({
      kind: 'disagree',
      on: 'access',
      evaluator: { access: 'Deny', ruleNames: ['DenyAllInBound'] },
      message: 'IP flow verify says Allow by UserRule_Other; the local evaluation says Deny by DenyAllInBound.',
    });
  });

  it('reports a rule disagreement when both deny through different rules', () => {
    const check = crossCheckIpFlowVerify(verdictFor('198.51.100.7'), {
      access: 'Deny',
      ruleName: 'securityRules/BlockAll',
    });
    expect(check).toMatchObject({ kind: 'disagree', on: 'rule' });
  });
});
