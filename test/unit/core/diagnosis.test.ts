import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis.js';
import { parseTarget, type Target } from '../../../src/core/target.js';
import { freshAnswer, osAnswer, result, tcp } from '../../support/checks.js';

function target(text: string): Target {
  const t = parseTarget(text);
  if (t.kind === 'err') throw new Error(t.error.message);
  return t.value;
}

const NAME = 'vm.example.com';
const OLD = '198.51.100.10';
const NEW = '203.0.113.10';

describe('diagnose', () => {
  it('says reachable when the address the client uses accepts connections', () => {
    const d = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [
        result(osAnswer(NAME, [NEW])),
        result(freshAnswer(NAME, [NEW])),
        result(tcp(3389, [{ address: NEW, via: 'os', outcome: 'open' }])),
      ],
    });
    expect(d.findings).toEqual([]);
    expect(d.verdict).toMatchObject({ reachable: 'yes', likelySource: null });
    expect(d.verdict.places.every((p) => p.state === 'pass')).toBe(true);
  });

  it('blames the stale cache, with high confidence, when the fresh address answers and the cached one does not', () => {
    const d = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [
        result(osAnswer(NAME, [OLD])),
        result(freshAnswer(NAME, [NEW])),
        result(
          tcp(3389, [
            { address: OLD, via: 'os', outcome: 'filtered' },
            { address: NEW, via: 'fresh', outcome: 'open' },
          ]),
          'fail',
        ),
      ],
    });
    expect(d.findings.map((f) => [f.code, f.severity, f.source, f.confidence])).toEqual([
      ['dns.stale-cache', 'blocker', 1, 'high'],
      ['tcp.filtered', 'blocker', 1, 'high'],
    ]);
    expect(d.verdict).toMatchObject({ reachable: 'no', likelySource: 1, confidence: 'high' });
  });

  it('reports a stale answer as a warning when the connection works anyway', () => {
    const d = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [
        result(osAnswer(NAME, [OLD])),
        result(freshAnswer(NAME, [NEW])),
        result(
          tcp(3389, [
            { address: OLD, via: 'os', outcome: 'open' },
            { address: NEW, via: 'fresh', outcome: 'open' },
          ]),
        ),
      ],
    });
    expect(d.findings.map((f) => [f.code, f.severity])).toEqual([['dns.stale-cache', 'warning']]);
    expect(d.verdict.reachable).toBe('yes');
  });

  it('does not call a cache stale when the fresh query got no answer', () => {
    const d = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [result(osAnswer(NAME, [OLD])), result(freshAnswer(NAME, [], 'timeout'), 'error')],
    });
    expect(d.findings.map((f) => f.code)).not.toContain('dns.stale-cache');
  });

  it('lets a filtered port point at NSGs with the other candidates named', () => {
    const d = diagnose({
      target: target(NEW),
      expectIp: null,
      expectedHostName: null,
      checks: [result(tcp(3389, [{ address: NEW, via: 'literal', outcome: 'filtered' }]), 'fail')],
    });
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ code: 'tcp.filtered', source: 4, candidates: [1, 2, 3], confidence: 'low' });
    expect(d.findings[0]?.remedy.steps.find((s) => s.os === 'linux')?.command).toBe(`nc -vz -w 5 ${NEW} 3389`);
    expect(d.verdict).toMatchObject({
      summary: `${NEW}:3389 is not reachable: the RDP port does not answer (filtered).`,
      likelySource: 4,
      candidates: [1, 2, 3],
    });
    // Per place, in the article's order: NSGs fail, what the evidence cannot rule out stays unknown.
    expect(d.verdict.places.map((p) => `${p.source}:${p.state}`)).toEqual([
      '0:unknown',
      '1:unknown',
      '2:unknown',
      '3:unknown',
      '4:fail',
      '5:unknown',
    ]);
  });

  it('points a refused connection at the VM and an unreachable one at the client', () => {
    const refused = diagnose({
      target: target(NEW),
      expectIp: null,
      expectedHostName: null,
      checks: [result(tcp(3389, [{ address: NEW, via: 'literal', outcome: 'refused' }]), 'fail')],
    });
    expect(refused.findings[0]).toMatchObject({ code: 'tcp.refused', source: 5 });
    const unreachable = diagnose({
      target: target(NEW),
      expectIp: null,
      expectedHostName: null,
      checks: [result(tcp(3389, [{ address: NEW, via: 'literal', outcome: 'unreachable' }]), 'fail')],
    });
    expect(unreachable.findings[0]).toMatchObject({ code: 'tcp.unreachable', source: 1 });
    expect(unreachable.findings[0]?.remedy.steps.find((s) => s.os === 'linux')?.command).toBe(`ip route get ${NEW}`);
  });

  it('flags a dialled IP that is not the expected one', () => {
    const d = diagnose({
      target: target(OLD),
      expectIp: NEW,
      expectedHostName: null,
      checks: [result(tcp(3389, [{ address: OLD, via: 'literal', outcome: 'open' }]))],
    });
    expect(d.findings.map((f) => [f.code, f.source])).toEqual([['dns.mismatch-expected', 0]]);
    expect(d.findings[0]?.remedy.steps.find((s) => s.os === 'windows')?.command).toBe(`mstsc /v:${NEW}:3389`);
  });

  it('reports a name that does not resolve, and who is at fault', () => {
    const nowhere = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [result(osAnswer(NAME, [], 'ENOTFOUND'), 'fail'), result(freshAnswer(NAME, [], 'nxdomain'), 'fail')],
    });
    expect(nowhere.findings[0]).toMatchObject({ code: 'dns.resolution-failed', source: 0, confidence: 'high' });
    const localOnly = diagnose({
      target: target(NAME),
      expectIp: null,
      expectedHostName: null,
      checks: [result(osAnswer(NAME, [], 'EAI_AGAIN'), 'fail'), result(freshAnswer(NAME, [NEW]))],
    });
    expect(localOnly.findings[0]).toMatchObject({ code: 'dns.resolution-failed', source: 1, candidates: [0] });
    expect(localOnly.verdict.reachable).toBe('no');
  });

  it('warns about high latency from the samples', () => {
    const d = diagnose({
      target: target(NEW),
      expectIp: null,
      expectedHostName: null,
      checks: [result(tcp(3389, [{ address: NEW, via: 'literal', outcome: 'open' }], [180, 190, 185, 200]))],
    });
    expect(d.findings.map((f) => [f.code, f.severity])).toEqual([['path.high-latency', 'warning']]);
  });

  it('cannot tell when the TCP check did not finish', () => {
    const d = diagnose({
      target: target(NEW),
      expectIp: null,
      expectedHostName: null,
      checks: [{ ...result(tcp(3389, [])), evidence: null, status: 'timeout' }],
    });
    expect(d.verdict).toMatchObject({ reachable: 'unknown', confidence: 'low' });
    expect(d.verdict.summary).toBe(
      `Could not tell whether ${NEW}:3389 is reachable: the TCP check ended with "timeout".`,
    );
  });

  it('reports an RD Gateway named in the .rdp file', () => {
    const t: Target = {
      ...target(NAME),
      rdpFile: { path: 'vm.rdp', gateway: { hostname: 'gw.example.com', usageMethod: 1, used: true } },
    };
    const d = diagnose({ target: t, expectIp: null, expectedHostName: null, checks: [] });
    expect(d.findings[0]).toMatchObject({ code: 'target.rd-gateway', severity: 'info' });
    expect(d.findings[0]?.detail).toContain('gw.example.com:443');
  });
});
