import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannels } from '../../../src/api.js';
import { pathMatrix } from '../../../src/core/format/path-matrix.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { createEngineApi, type EngineApi } from '../../../src/node/engine-api.js';
import { pacAnswerSource } from '../../../src/node/proxy/sources.js';
import { confirm, onConnectionRequest, type Peer, startTcpPeer } from '../../integration/rdp/peers.js';
import { type ConnectProxy, startConnectProxy } from '../../support/connect-proxy.js';
import { probeRequest } from '../../support/probe-request.js';

// The desktop app's proxy source (main passes `session.resolveProxy`): a fake resolver answering in PAC
// syntax names a CONNECT proxy on loopback, and the engine tests a path through it beside the direct one.
describe('engine API with an extra proxy source', () => {
  let rdp: Peer;
  let proxy: ConnectProxy;
  let api: EngineApi | undefined;
  beforeAll(async () => {
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    await rdp?.close();
  });
  afterEach(() => api?.dispose());

  function finished(engine: EngineApi, runId: string): Promise<EventChannels['probe:finished']['report']> {
    return new Promise((resolve) => {
      const off = engine.on('probe:finished', (event) => {
        if (event.runId !== runId) return;
        off();
        resolve(event.report);
      });
    });
  }

  it('tunnels through the proxy the source names and reports its path', async () => {
    const asked: string[] = [];
    const source = pacAnswerSource(async (url) => {
      asked.push(url);
      return `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
    });
    const engine = createEngineApi(undefined, { proxySource: source });
    api = engine;
    const started = await engine.invoke('probe:start', probeRequest(`127.0.0.1:${rdp.port}`));
    if (started.kind !== 'started') throw new Error(started.error.message);
    const report = ReportSchema.parse(await finished(engine, started.runId));
    expect(asked).toEqual([`https://127.0.0.1:${rdp.port}/`]);
    const proxyPath = `proxy:http://127.0.0.1:${proxy.port}`;
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({ path: proxyPath, status: 'pass' });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === proxyPath)?.status).toBe('pass');
    expect(proxy.requests).toContain(`127.0.0.1:${rdp.port}`);
    const discover = report.checks.find((c) => c.id === 'proxy.discover');
    expect(discover?.evidence).toMatchObject({
      decision: { via: 'proxy', source: 'app', proxy: `http://127.0.0.1:${proxy.port}` },
    });
    expect(pathMatrix(report.checks)?.paths).toEqual(['direct', proxyPath]);
  });

  it('records a source that fails as an error and still probes direct', async () => {
    const source = pacAnswerSource(async () => 'NONSENSE');
    const engine = createEngineApi(undefined, { proxySource: source });
    api = engine;
    const started = await engine.invoke('probe:start', probeRequest(`127.0.0.1:${rdp.port}`));
    if (started.kind !== 'started') throw new Error(started.error.message);
    const report = await finished(engine, started.runId);
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.status).toBe('pass');
    expect(report.checks.some((c) => c.path !== 'direct')).toBe(false);
    const discover = report.checks.find((c) => c.id === 'proxy.discover');
    expect(discover?.evidence).toMatchObject({
      sources: expect.arrayContaining([expect.objectContaining({ source: 'app', state: 'error' })]),
    });
  });
});
