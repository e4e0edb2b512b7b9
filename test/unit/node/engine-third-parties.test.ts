import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannels } from '../../../src/api.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { createEngineApi, type EngineApi } from '../../../src/node/engine-api.js';
import { probeRequest } from '../../support/probe-request.js';

// The desktop app's third-party switches, as the CLI's --no-external and --check-tls-inspection. The probes
// dial 127.0.0.1:1 (refused at once); with `external: false` nothing outside this machine is contacted.
describe('engine API third-party options', () => {
  let api: EngineApi | undefined;
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

  it('plans the TLS inspection check when asked, and contacts no third party with external off', async () => {
    const engine = createEngineApi();
    api = engine;
    const started = await engine.invoke('probe:start', {
      ...probeRequest('127.0.0.1:1'),
      quick: true,
      external: false,
      checkTlsInspection: true,
    });
    if (started.kind !== 'started') throw new Error(started.error.message);
    expect(started.plan.map((p) => p.id)).toContain('tls.inspection');
    const report = ReportSchema.parse(await finished(engine, started.runId));
    expect(report.checks.find((c) => c.id === 'tls.inspection')).toMatchObject({
      status: 'skipped',
      evidence: { thirdParty: { endpoint: 'https://management.azure.com:443/', contacted: false } },
    });
  });

  it('leaves TLS inspection out unless asked', async () => {
    const engine = createEngineApi();
    api = engine;
    const started = await engine.invoke('probe:start', {
      ...probeRequest('127.0.0.1:1'),
      quick: true,
      external: false,
    });
    if (started.kind !== 'started') throw new Error(started.error.message);
    expect(started.plan.map((p) => p.id)).not.toContain('tls.inspection');
    await finished(engine, started.runId);
  });
});
