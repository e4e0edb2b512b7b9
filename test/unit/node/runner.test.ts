import { describe, expect, it } from 'vitest';
import { checkKey, DIRECT_PATH } from '../../../src/core/ids.js';
import { parseTarget } from '../../../src/core/target.js';
import type { CheckDefinition, CheckOutcome } from '../../../src/node/runner/check-definition.js';
import { CHECK_GRACE_MS, deriveDeadline, type RunProgress, runPlan } from '../../../src/node/runner/runner.js';

const target = (() => {
  const t = parseTarget('vm.example.com');
  if (t.kind === 'err') throw new Error(t.error.message);
  return t.value;
})();

const passed: CheckOutcome = { status: 'pass', summary: 'fine', evidence: null };

function check(
  id: CheckDefinition['id'],
  run: CheckDefinition['run'],
  needs: CheckDefinition['needs'] = [],
): CheckDefinition {
  return { id, path: DIRECT_PATH, title: id, needs, run };
}

const forever = (signal: AbortSignal) =>
  new Promise<CheckOutcome>((resolve) =>
    signal.addEventListener('abort', () => resolve({ status: 'info', summary: 'saw abort', evidence: null })),
  );

describe('runPlan', () => {
  it('runs independent checks concurrently and dependent ones after their needs, reporting progress', async () => {
    const order: string[] = [];
    const events: RunProgress[] = [];
    const slow = (id: CheckDefinition['id']) =>
      check(id, async () => {
        order.push(`start ${id}`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`end ${id}`);
        return passed;
      });
    const plan = [
      slow('dns.os'),
      slow('dns.fresh'),
      check(
        'tcp.connect',
        async ({ result }) => {
          order.push('start tcp.connect');
          return { ...passed, summary: `saw ${result(checkKey('dns.os', DIRECT_PATH))?.status}` };
        },
        [checkKey('dns.os', DIRECT_PATH), checkKey('dns.fresh', DIRECT_PATH)],
      ),
    ];
    const outcome = await runPlan(plan, {
      target,
      timeoutMs: 1000,
      deadlineMs: 5000,
      onProgress: (e) => events.push(e),
    });
    expect(order.slice(0, 2)).toEqual(['start dns.os', 'start dns.fresh']);
    expect(order.at(-1)).toBe('start tcp.connect');
    expect(outcome.ended).toBe('completed');
    expect(outcome.results.map((r) => [r.id, r.status, r.summary])).toEqual([
      ['dns.os', 'pass', 'fine'],
      ['dns.fresh', 'pass', 'fine'],
      ['tcp.connect', 'pass', 'saw pass'],
    ]);
    expect(events.filter((e) => e.kind === 'check-started')).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'check-finished')).toHaveLength(3);
  });

  it('bounds a check that never returns by its timeout and keeps the others', async () => {
    const plan = [
      check('dns.os', async () => new Promise<CheckOutcome>(() => {})),
      check('dns.fresh', async () => passed),
    ];
    const started = Date.now();
    const outcome = await runPlan(plan, { target, timeoutMs: 100, deadlineMs: 5000 });
    expect(Date.now() - started).toBeLessThan(100 + CHECK_GRACE_MS + 200);
    expect(outcome.results.map((r) => r.status)).toEqual(['timeout', 'pass']);
    expect(outcome.results[0]?.summary).toBe('Gave no result within 100 ms.');
  });

  it('records a check that throws as an error, keeping the rest', async () => {
    const plan = [
      check('dns.os', async () => {
        throw new Error('boom');
      }),
      check('dns.fresh', async () => passed),
    ];
    const outcome = await runPlan(plan, { target, timeoutMs: 1000, deadlineMs: 5000 });
    expect(outcome.results.map((r) => r.status)).toEqual(['error', 'pass']);
    expect(outcome.results[0]?.summary).toBe('The check failed unexpectedly: boom.');
  });

  it('keeps partial results when cancelled, and marks what never ran', async () => {
    const controller = new AbortController();
    const plan = [
      check('dns.os', async () => passed),
      check('dns.fresh', async ({ signal }) => forever(signal)),
      check('tcp.connect', async () => passed, [checkKey('dns.fresh', DIRECT_PATH)]),
    ];
    setTimeout(() => controller.abort(), 50);
    const outcome = await runPlan(plan, { target, timeoutMs: 5000, deadlineMs: 10_000, signal: controller.signal });
    expect(outcome.ended).toBe('cancelled');
    expect(outcome.results.map((r) => r.status)).toEqual(['pass', 'cancelled', 'cancelled']);
    expect(outcome.results[2]?.summary).toBe('Not run: the run was cancelled first.');
  });

  it('stops at the deadline', async () => {
    const plan = [check('dns.os', async ({ signal }) => forever(signal))];
    const outcome = await runPlan(plan, { target, timeoutMs: 5000, deadlineMs: 80 });
    expect(outcome.ended).toBe('deadline');
    expect(outcome.results[0]).toMatchObject({ status: 'cancelled', summary: "Stopped: the run's deadline passed." });
    expect(outcome.durationMs).toBeLessThan(1000);
  });

  it('derives the deadline from the longest chain of needs', () => {
    const plan = [
      check('dns.os', async () => passed),
      check('tcp.connect', async () => passed, [checkKey('dns.os', DIRECT_PATH)]),
    ];
    expect(deriveDeadline(plan, 1000)).toBe(2 * (1000 + CHECK_GRACE_MS) + 500);
  });

  it('refuses a plan that needs a check it does not have (a bug, not a network outcome)', async () => {
    const plan = [check('tcp.connect', async () => passed, [checkKey('dns.os', DIRECT_PATH)])];
    await expect(runPlan(plan, { target, timeoutMs: 100, deadlineMs: 1000 })).rejects.toThrow(
      'tcp.connect needs dns.os@direct, which is not in the plan',
    );
  });
});
