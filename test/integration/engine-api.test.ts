import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannels } from '../../src/api.js';
import { ReportSchema } from '../../src/core/report-schema.js';
import { createEngineApi, type EngineApi } from '../../src/node/engine-api.js';
import { probeRequest } from '../support/probe-request.js';

// The engine API exactly as the preload will expose it, against real loopback peers: a TCP listener,
// and a UDP socket that swallows DNS queries so a run can be cancelled mid-way.
describe('engine API (the UI contract)', () => {
  let server: Server;
  let silentDns: Socket;
  let port = 0;
  let dnsPort = 0;
  let api: EngineApi;
  beforeAll(async () => {
    server = createServer((s) => s.resume().end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    silentDns = createSocket('udp4');
    await new Promise<void>((r) => silentDns.bind(0, '127.0.0.1', r));
    dnsPort = silentDns.address().port;
  });
  afterAll(async () => {
    silentDns.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
  afterEach(() => api?.dispose());

  function finished(runId: string): Promise<EventChannels['probe:finished']['report']> {
    return new Promise((resolve) => {
      const off = api.on('probe:finished', (event) => {
        if (event.runId !== runId) return;
        off();
        resolve(event.report);
      });
    });
  }

  it('starts a probe, streams progress and delivers a valid report', async () => {
    api = createEngineApi();
    const progress: string[] = [];
    api.on('probe:progress', (e) => progress.push(`${e.progress.kind} ${e.progress.key}`));
    const started = await api.invoke('probe:start', probeRequest(`127.0.0.1:${port}`));
    if (started.kind !== 'started') throw new Error(started.error.message);
    expect(started.plan.map((p) => p.id)).toEqual(['dns.os', 'tcp.connect', 'rdp.negotiate', 'rdp.tls', 'rdp.ntlm']);
    const report = ReportSchema.parse(await finished(started.runId));
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.status).toBe('pass');
    // Proxy discovery runs as in the CLI; its check has no prerequisite, so it runs beside the others.
    expect(progress).toContain('check-finished proxy.discover@direct');
    expect(progress.filter((p) => !p.endsWith('proxy.discover@direct')).slice(0, 4)).toEqual([
      'check-started dns.os@direct',
      'check-finished dns.os@direct',
      'check-started tcp.connect@direct',
      'check-finished tcp.connect@direct',
    ]);
    for (const key of ['rdp.negotiate@direct', 'rdp.tls@direct', 'rdp.ntlm@direct']) {
      expect(progress).toContain(`check-started ${key}`);
      expect(progress).toContain(`check-finished ${key}`);
    }
  });

  it('probes the target of an .rdp file sent as bytes', async () => {
    api = createEngineApi();
    const content = Buffer.from(`\uFEFFfull address:s:127.0.0.1:${port}\r\n`, 'utf16le');
    const started = await api.invoke(
      'probe:start',
      probeRequest({ kind: 'rdp-file', name: 'vm.rdp', contentBase64: content.toString('base64') }),
    );
    if (started.kind !== 'started') throw new Error(started.error.message);
    const report = await finished(started.runId);
    expect(report.target).toMatchObject({
      host: '127.0.0.1',
      port,
      portSource: 'rdp-file',
      rdpFile: { path: 'vm.rdp' },
    });
  });

  it('cancels a run and keeps what finished', async () => {
    api = createEngineApi();
    const started = await api.invoke(
      'probe:start',
      probeRequest(`localhost:${port}`, { timeoutMs: 10_000, quick: false, nameservers: [`127.0.0.1:${dnsPort}`] }),
    );
    if (started.kind !== 'started') throw new Error(started.error.message);
    const done = finished(started.runId);
    await new Promise((r) => setTimeout(r, 200));
    expect(await api.invoke('probe:cancel', { runId: started.runId })).toEqual({ kind: 'cancelled' });
    const report = await done;
    expect(report.run.ended).toBe('cancelled');
    expect(report.checks.find((c) => c.id === 'dns.os')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'dns.fresh')?.status).toBe('cancelled');
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.summary).toBe('Not run: the run was cancelled first.');
    expect(report.run.durationMs).toBeLessThan(2000);
  });

  it('answers malformed or bad requests as bad input, without acting on them', async () => {
    api = createEngineApi();
    const malformed = await api.invoke('probe:start', { target: { kind: 'text', text: 'x' }, evil: true } as never);
    expect(malformed).toEqual({
      kind: 'invalid',
      error: {
        kind: 'input-error',
        input: 'probe:start',
        message: expect.stringMatching(/^probe:start: malformed request at /),
      },
    });
    const badTarget = await api.invoke('probe:start', probeRequest('vm..example.com', { timeoutMs: 1000 }));
    expect(badTarget).toMatchObject({ kind: 'invalid', error: { input: 'target' } });
    expect(await api.invoke('probe:cancel', { runId: 'run-00000000-0000-0000-0000-000000000000' })).toEqual({
      kind: 'unknown-run',
    });
    expect(await api.invoke('probe:cancel', { runId: '../../etc' })).toEqual({ kind: 'unknown-run' });
    const report = await api.invoke('report:parse', { name: 'x.json', text: '{' });
    expect(report).toMatchObject({ kind: 'err', error: { input: 'file x.json' } });
  });
});
