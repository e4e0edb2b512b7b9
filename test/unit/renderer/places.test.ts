import { describe, expect, it } from 'vitest';
import { type PlaceInput, placeViews } from '../../../renderer/state/places.js';
import type { CheckResult, Finding, PlanEntry } from '../../../src/core/report-schema.js';

const plan: PlanEntry[] = [
  { id: 'dns.os', path: 'direct', title: 'DNS', needs: [] },
  { id: 'tcp.connect', path: 'direct', title: 'TCP', needs: ['dns.os@direct'] },
  { id: 'rdp.negotiate', path: 'direct', title: 'RDP', needs: ['tcp.connect@direct'] },
];

function result(id: CheckResult['id'], status: CheckResult['status']): CheckResult {
  return {
    id,
    path: 'direct',
    title: id,
    status,
    summary: '',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    evidence: null,
  };
}

function finding(
  source: Finding['source'],
  severity: Finding['severity'],
  candidates: Finding['candidates'] = [],
): Finding {
  return {
    code: 'tcp.refused',
    severity,
    source,
    candidates,
    confidence: 'medium',
    title: 'Refused',
    detail: '',
    evidence: [],
    remedy: { summary: '', steps: [] },
  };
}

function input(results: CheckResult[], started: string[], findings: Finding[] | null): PlaceInput {
  return { plan, started: new Set(started), results: new Map(results.map((r) => [`${r.id}@${r.path}`, r])), findings };
}

const states = (views: ReturnType<typeof placeViews>) => views.map((v) => v.state);

describe('places on the path', () => {
  it('are idle before a run', () => {
    expect(states(placeViews(null))).toEqual(['idle', 'idle', 'idle', 'idle', 'idle', 'idle']);
  });

  it('light up as their checks run and finish', () => {
    expect(states(placeViews(input([], ['dns.os@direct'], null)))).toEqual([
      'running',
      'waiting',
      'waiting',
      'waiting',
      'waiting',
      'waiting',
    ]);
    const tcpDone = input([result('dns.os', 'pass'), result('tcp.connect', 'pass')], ['rdp.negotiate@direct'], null);
    expect(states(placeViews(tcpDone))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'running']);
    const tcpFailed = input([result('dns.os', 'pass'), result('tcp.connect', 'fail')], [], null);
    expect(states(placeViews(tcpFailed))[2]).toBe('unknown');
  });

  it('take fail from the deciding finding and unknown from its candidates', () => {
    const views = placeViews(
      input(
        [result('dns.os', 'pass'), result('tcp.connect', 'fail'), result('rdp.negotiate', 'skipped')],
        [],
        [finding(5, 'blocker', [1, 2])],
      ),
    );
    expect(states(views)).toEqual(['pass', 'unknown', 'unknown', 'unknown', 'unknown', 'fail']);
    expect(views[5]?.note).toMatch(/^Most likely the problem/);
    expect(views[1]?.note).toMatch(/^Could also be/);
  });

  it('pass when everything answered, warn on a warning, and ignore notes', () => {
    const all = [result('dns.os', 'pass'), result('tcp.connect', 'pass'), result('rdp.negotiate', 'pass')];
    expect(states(placeViews(input(all, [], [finding(5, 'info')])))).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(states(placeViews(input(all, [], [finding(1, 'warning')])))[1]).toBe('warn');
  });
});
