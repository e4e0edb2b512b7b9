import { describe, expect, it } from 'vitest';
import { IDLE, type RunAction, type RunState, runReducer } from '../../../renderer/state/run-state.js';
import type { Report } from '../../../src/core/report-schema.js';

const runId = 'run-1';
const check = {
  id: 'dns.os' as const,
  path: 'direct',
  title: 'DNS',
  status: 'pass' as const,
  summary: 'ok',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  evidence: null,
};
const started: RunAction = {
  kind: 'start-answered',
  response: {
    kind: 'started',
    runId,
    deadlineMs: 5000,
    plan: [{ id: 'dns.os', path: 'direct', title: 'DNS', needs: [] }],
  },
};

const reduce = (actions: RunAction[], from: RunState = IDLE) => actions.reduce(runReducer, from);

describe('the probe state', () => {
  it('replays events that arrive before the run id', () => {
    const state = reduce([
      { kind: 'start-requested' },
      {
        kind: 'event',
        event: {
          kind: 'progress',
          runId,
          progress: { kind: 'check-started', key: 'dns.os@direct', title: 'DNS', at: '' },
        },
      },
      {
        kind: 'event',
        event: { kind: 'progress', runId, progress: { kind: 'check-finished', key: 'dns.os@direct', result: check } },
      },
      started,
    ]);
    if (state.kind !== 'running') throw new Error(state.kind);
    expect([...state.run.started]).toEqual(['dns.os@direct']);
    expect(state.run.results.get('dns.os@direct')?.status).toBe('pass');
  });

  it('ignores events of another run, finishes with the report, and shows bad input', () => {
    const other = reduce([
      { kind: 'start-requested' },
      started,
      { kind: 'event', event: { kind: 'finished', runId: 'run-2', report: {} as Report } },
    ]);
    expect(other.kind).toBe('running');
    const report = { checks: [check] } as unknown as Report;
    const done = reduce(
      [{ kind: 'cancel-requested' }, { kind: 'event', event: { kind: 'finished', runId, report } }],
      other,
    );
    expect(done).toMatchObject({ kind: 'finished', report });
    const invalid = reduce([
      { kind: 'start-requested' },
      {
        kind: 'start-answered',
        response: { kind: 'invalid', error: { kind: 'input-error', input: 'target', message: 'bad' } },
      },
    ]);
    expect(invalid).toMatchObject({ kind: 'invalid', error: { message: 'bad' } });
  });

  it('holds the device-code message until azure.collect ends, even when it came before the run id', () => {
    const message = 'To sign in, open https://microsoft.com/devicelogin and enter the code ABCD1234.';
    const waiting = reduce([
      { kind: 'start-requested' },
      { kind: 'event', event: { kind: 'device-code', runId, message } },
      started,
      { kind: 'event', event: { kind: 'device-code', runId: 'run-2', message: 'another run' } },
      {
        kind: 'event',
        event: { kind: 'progress', runId, progress: { kind: 'check-finished', key: 'dns.os@direct', result: check } },
      },
    ]);
    expect(waiting).toMatchObject({ kind: 'running', run: { deviceCode: message } });
    const signedIn = reduce(
      [
        {
          kind: 'event',
          event: {
            kind: 'progress',
            runId,
            progress: {
              kind: 'check-finished',
              key: 'azure.collect@direct',
              result: { ...check, id: 'azure.collect' as never },
            },
          },
        },
      ],
      waiting,
    );
    expect(signedIn).toMatchObject({ kind: 'running', run: { deviceCode: null } });
  });

  it("takes the engine's new report of the finished run (an import, a repair), and only of that run", () => {
    const report = { checks: [check], findings: [] } as unknown as Report;
    const done = reduce([
      { kind: 'start-requested' },
      started,
      { kind: 'event', event: { kind: 'finished', runId, report } },
    ]);
    const repaired = { ...report, vmChecks: {} } as unknown as Report;
    expect(reduce([{ kind: 'report-updated', runId: 'run-2', report: repaired }], done)).toBe(done);
    const updated = reduce([{ kind: 'report-updated', runId, report: repaired }], done);
    expect(updated).toMatchObject({ kind: 'finished', run: { runId }, report: repaired });
    // A run still going keeps its state: its report arrives with probe:finished.
    const running = reduce([{ kind: 'start-requested' }, started]);
    expect(reduce([{ kind: 'report-updated', runId, report: repaired }], running)).toBe(running);
  });
});
