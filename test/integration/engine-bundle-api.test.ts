import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FULL_REDACTION, NO_REDACTION } from '../../src/core/bundle/redaction-categories.js';
import type { FileDialogs } from '../../src/node/bundle/bundle-actions.js';
import { readReportOrBundle } from '../../src/node/bundle/read-bundle.js';
import { createEngineApi, type EngineApi } from '../../src/node/engine-api.js';

// The bundle channels with real files: a probe against a loopback listener, exported through the
// engine (the save "dialog" answers a temp path), read back, opened and compared through the engine.
describe('engine API: bundles', () => {
  let server: Server;
  let port = 0;
  let dir: string;
  let api: EngineApi;
  let savePaths: (string | null)[] = [];
  let openPaths: (string[] | null)[] = [];
  const dialogs: FileDialogs = {
    chooseSavePath: async () => savePaths.shift() ?? null,
    chooseOpenPaths: async () => openPaths.shift() ?? null,
  };

  beforeAll(async () => {
    // Accepts TCP and hangs up: not an RDP server, so the VM is where RDP fails.
    server = createServer((s) => s.resume().end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-engine-bundles-'));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => api?.dispose());

  async function probe(expectIp: string | null): Promise<string> {
    const started = await api.invoke('probe:start', {
      target: { kind: 'text', text: `127.0.0.1:${port}` },
      port: null,
      timeoutMs: 1000,
      quick: true,
      expectIp,
      expectName: null,
      routingToken: null,
      nameservers: [],
    });
    if (started.kind !== 'started') throw new Error(started.error.message);
    await new Promise<void>((resolve) => {
      const off = api.on('probe:finished', (e) => {
        if (e.runId !== started.runId) return;
        off();
        resolve();
      });
    });
    return started.runId;
  }

  it('exports a finished run with the chosen masks, opens it, and compares two', async () => {
    api = createEngineApi(dialogs);
    const a = join(dir, 'a.rdpprobe');
    const b = join(dir, 'b.rdpprobe');
    savePaths = [a, b];
    const first = await api.invoke('bundle:export', {
      runId: await probe('203.0.113.10'),
      redaction: { ...NO_REDACTION, publicIps: true },
    });
    expect(first).toMatchObject({ kind: 'saved', path: a, redacted: ['public-ips'] });
    const loaded = await readReportOrBundle(a);
    if (loaded.kind !== 'ok') throw new Error(loaded.error.message);
    expect(loaded.value.report.options.expectIp).not.toBe('203.0.113.10');
    expect(JSON.stringify(loaded.value.report)).not.toContain('203.0.113.10');

    const second = await api.invoke('bundle:export', { runId: await probe(null), redaction: FULL_REDACTION });
    expect(second.kind).toBe('saved');

    openPaths = [[a]];
    const opened = await api.invoke('bundle:open', {});
    expect(opened).toMatchObject({ kind: 'opened', name: 'a.rdpprobe', format: 'bundle', redacted: ['public-ips'] });

    openPaths = [[a, b]];
    const compared = await api.invoke('bundle:compare', {});
    if (compared.kind !== 'compared') throw new Error(`not compared: ${compared.kind}`);
    expect(compared.names).toEqual(['a.rdpprobe', 'b.rdpprobe']);
    expect(compared.comparison.conclusion).toMatch(
      /^RDP fails in both: a\.rdpprobe at the target .*; b\.rdpprobe at the VM/,
    );
  });

  it('answers a write that fails, and a file that is not a report, with the reason', async () => {
    api = createEngineApi(dialogs);
    savePaths = [join(dir, 'missing-folder', 'x.rdpprobe')];
    const failed = await api.invoke('bundle:export', { runId: await probe(null), redaction: NO_REDACTION });
    expect(failed.kind).toBe('invalid');
    openPaths = [[join(dir, 'nothing-here.rdpprobe')]];
    const missing = await api.invoke('bundle:open', {});
    expect(missing).toMatchObject({ kind: 'invalid', error: { message: expect.stringContaining('nothing-here') } });
  });
});
