import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportEvidenceFiles } from '../../../src/core/bundle/evidence-files.js';
import { redactReport } from '../../../src/core/bundle/redact-report.js';
import { FULL_REDACTION } from '../../../src/core/bundle/redaction-categories.js';
import { checkKey, DIRECT_PATH } from '../../../src/core/ids.js';
import type { CheckResult, Evidence } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { PATH_TRACE_TIMEOUT_MS, pathTraceCheck } from '../../../src/node/checks/path-trace-check.js';
import { buildPlan } from '../../../src/node/plan.js';
import { sensitiveReport } from '../../support/bundle-report.js';
import { tcp } from '../../support/checks.js';

const target = (() => {
  const parsed = parseTarget('203.0.113.10');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();

/** Runs path.trace after a tcp.connect that found these outcomes; no trace tool can start (absent paths). */
function runAfter(evidence: Evidence | null) {
  const tcpResult: CheckResult = {
    id: 'tcp.connect',
    path: 'direct',
    title: 'tcp',
    status: 'fail',
    summary: '',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 1,
    evidence,
  };
  const tools = { traceroute: '/nonexistent/traceroute', netPing: false, tcp: true };
  return pathTraceCheck({ platform: 'linux', tools }).run({
    signal: new AbortController().signal,
    timeoutMs: 2000,
    target,
    result: (key) => (key === checkKey('tcp.connect', DIRECT_PATH) ? tcpResult : undefined),
  });
}

describe('path.trace', () => {
  it('is in the full plan after tcp.connect, with its own time, not in --quick', () => {
    const base = { nameservers: null, timeoutMs: 1000, routingToken: null } as const;
    const check = buildPlan({ ...base, quick: false }).find((c) => c.id === 'path.trace');
    expect(check).toMatchObject({ path: 'direct', needs: ['tcp.connect@direct'], timeoutMs: PATH_TRACE_TIMEOUT_MS });
    expect(buildPlan({ ...base, quick: true }).some((c) => c.id === 'path.trace')).toBe(false);
  });

  it('does not trace when TCP connects, when the target answers, or without a result', async () => {
    expect(await runAfter(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'open' }]))).toEqual({
      status: 'skipped',
      summary: 'Not traced: TCP to port 3389 connects, so there is nothing to trace.',
      evidence: null,
    });
    expect(await runAfter(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'refused' }]))).toEqual({
      status: 'skipped',
      summary: 'Not traced: the target answered TCP to port 3389 (refused), so the way there works.',
      evidence: null,
    });
    expect((await runAfter(null)).summary).toBe('Not traced: tcp.connect gave no result to go by.');
  });

  it('traces a filtered address, and says what it tried when nothing can trace', async () => {
    const outcome = await runAfter(
      tcp(3389, [
        { address: '198.51.100.7', via: 'fresh', outcome: 'filtered' },
        { address: '203.0.113.10', via: 'literal', outcome: 'filtered' },
      ]),
    );
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('Not traced: traceroute is not installed; net-ping: turned off.');
    expect(outcome.evidence).toEqual({
      kind: 'path.trace',
      address: '203.0.113.10',
      family: 4,
      port: 3389,
      tool: null,
      mode: null,
      command: null,
      maxTtl: 12,
      hops: [],
      lastHop: null,
      destinationAnswered: false,
      ended: 'not-run',
      notUsed: ['traceroute: not installed', 'net-ping: turned off'],
      error: 'traceroute is not installed; net-ping: turned off',
    });
  });
});

describe('path.trace in a bundle', () => {
  it('masks the hops and the command, keeps the tool, mode and hop count, and writes a readable file', () => {
    const report = sensitiveReport();
    const hops = [
      { ttl: 1, address: '192.168.1.23', rttMs: 0.9, note: null },
      { ttl: 2, address: '20.50.60.1', rttMs: 8.1, note: '!X (communication administratively prohibited)' },
      { ttl: 3, address: null, rttMs: null, note: null },
    ];
    const trace = {
      id: 'path.trace' as const,
      path: 'direct',
      title: 'trace',
      status: 'info' as const,
      summary: 'Packets get as far as 20.50.60.1 (hop 2, a public address: beyond your network).',
      startedAt: report.run.startedAt,
      durationMs: 1,
      evidence: {
        kind: 'path.trace' as const,
        address: '20.50.60.70',
        family: 4 as const,
        port: 3389,
        tool: 'traceroute' as const,
        mode: 'tcp' as const,
        command: 'traceroute -n -T -p 3389 -q 1 -w 1 -m 12 20.50.60.70',
        maxTtl: 12,
        hops,
        lastHop: { ttl: 2, address: '20.50.60.1', public: true },
        destinationAnswered: false,
        ended: 'complete' as const,
        notUsed: [],
        error: null,
      },
    };
    const hmac = (value: string) => createHmac('sha256', 'k1').update(value).digest('hex');
    const out = redactReport({ ...report, checks: [...report.checks, trace] }, FULL_REDACTION, hmac);
    const masked = out.checks.at(-1);
    expect(JSON.stringify(masked)).not.toMatch(/20\.50\.60|192\.168\.1\.23/);
    expect(masked?.evidence).toMatchObject({ tool: 'traceroute', mode: 'tcp', ended: 'complete', maxTtl: 12 });
    expect((masked?.evidence as { hops: unknown[] } | undefined)?.hops).toHaveLength(3);
    const file = reportEvidenceFiles({ ...report, checks: [trace] }).find(
      (f) => f.name === 'path/path.trace@direct.txt',
    );
    expect(file?.content).toBe(
      [
        '; path.trace 20.50.60.70 (traceroute, tcp probes: traceroute -n -T -p 3389 -q 1 -w 1 -m 12 20.50.60.70): complete, max TTL 12',
        ' 1  192.168.1.23  0.9 ms',
        ' 2  20.50.60.1  8.1 ms  !X (communication administratively prohibited)',
        ' 3  *',
        'last hop that answered: 20.50.60.1 (hop 2, public); destination answered: no',
        '',
      ].join('\n'),
    );
  });
});
