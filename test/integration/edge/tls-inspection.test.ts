import { rmSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeFindings } from '../../../src/core/diagnosis/edge-rules.js';
import type { TlsInspectionEvidence } from '../../../src/core/evidence/edge.js';
import { checkKey } from '../../../src/core/ids.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { type TlsInspectionPlan, tlsInspectionChecks } from '../../../src/node/checks/tls-inspection-check.js';
import { buildPlan } from '../../../src/node/plan.js';
import type { CheckDefinition } from '../../../src/node/runner/check-definition.js';
import { makeCaSignedCertificate, type TestCaChain } from '../../support/certificate.js';
import { result } from '../../support/checks.js';
import { runCliInProcess } from '../../support/cli-in-process.js';
import { type ConnectProxy, startConnectProxy } from '../../support/connect-proxy.js';

// Every endpoint here is on 127.0.0.1: the tests never contact management.azure.com or any other host.
const CA_CN = 'RDP Probe Test Inspection CA';
const SERVER_CN = 'inspected.rdp-probe.test';
const STEP_MS = 400;

const target = (() => {
  const parsed = parseTarget('127.0.0.1:3389');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();

async function runCheck(check: CheckDefinition) {
  const controller = new AbortController();
  const started = performance.now();
  const outcome = await check.run({
    signal: controller.signal,
    timeoutMs: check.timeoutMs ?? STEP_MS,
    target,
    result: () => undefined,
  });
  return { ...outcome, ms: performance.now() - started, evidence: outcome.evidence as TlsInspectionEvidence };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('tls.inspection against a local TLS server signed by a test CA', () => {
  let chain: TestCaChain;
  let server: tls.Server;
  let port: number;
  let handshakes = 0;
  let silent: net.Server;
  let silentPort: number;
  let proxy: ConnectProxy;
  const held: net.Socket[] = [];
  beforeAll(async () => {
    chain = makeCaSignedCertificate(SERVER_CN, CA_CN);
    server = tls.createServer({ cert: chain.cert, key: chain.key }, (socket) => socket.end());
    server.on('secureConnection', () => {
      handshakes += 1;
    });
    port = await listen(server);
    // Accepts TCP and never answers the ClientHello: the handshake must give up on its own.
    silent = net.createServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
    });
    silentPort = await listen(silent);
    proxy = await startConnectProxy();
  }, 30_000);
  afterAll(async () => {
    await proxy?.close();
    for (const socket of held) socket.destroy();
    await Promise.all([server && close(server), silent && close(silent)]);
    if (chain) rmSync(chain.dir, { recursive: true, force: true });
  });

  const plan = (extra: Partial<TlsInspectionPlan> = {}): TlsInspectionPlan => ({
    endpoint: { host: '127.0.0.1', port },
    external: true,
    ...extra,
  });

  it("detects inspection when the chain does not end in Node's bundled roots", async () => {
    const [check] = tlsInspectionChecks(plan(), [], STEP_MS);
    if (check === undefined) throw new Error('no check planned');
    const run = await runCheck(check);
    expect(run.status).toBe('warn');
    expect(run.evidence).toMatchObject({
      kind: 'tls.inspection',
      endpoint: `127.0.0.1:${port}`,
      proxy: null,
      outcome: 'inspected',
      roots: 'node-bundled',
      endsInTrustedRoots: false,
      thirdParty: { endpoint: `https://127.0.0.1:${port}/`, contacted: true },
      error: null,
    });
    expect(run.evidence.chain[0]).toEqual({
      subjectCN: SERVER_CN,
      issuerCN: CA_CN,
      sha256: chain.sha256,
      selfSigned: false,
    });
    const findings = edgeFindings({ target, checks: [result(run.evidence, run.status)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'edge.tls-inspection',
      source: 2,
      candidates: [1],
      evidence: [{ check: checkKey('tls.inspection', 'direct') }],
    });
    expect(findings[0]?.detail).toContain(CA_CN);
    expect(findings[0]?.remedy.summary).toContain('management.azure.com');
  });

  it('sees no inspection when the test CA is the trusted root', async () => {
    const [check] = tlsInspectionChecks(plan({ trustedRoots: [chain.caCert] }), [], STEP_MS);
    if (check === undefined) throw new Error('no check planned');
    const run = await runCheck(check);
    expect(run.status).toBe('pass');
    expect(run.evidence).toMatchObject({ outcome: 'public-roots', roots: 'custom', endsInTrustedRoots: true });
    expect(run.evidence.chain[0]?.sha256).toBe(chain.sha256);
    expect(edgeFindings({ target, checks: [result(run.evidence, run.status)] })).toEqual([]);
  });

  it('hand-shakes through each proxy tunnel as well, on its own path', async () => {
    const discovered = {
      proxy: { scheme: 'http' as const, host: '127.0.0.1', port: proxy.port, username: null, password: null },
      source: 'option' as const,
    };
    const checks = tlsInspectionChecks(plan(), [discovered], STEP_MS);
    expect(checks.map((c) => c.path)).toEqual(['direct', `proxy:http://127.0.0.1:${proxy.port}`]);
    const through = checks[1];
    if (through === undefined) throw new Error('no proxy check planned');
    const run = await runCheck(through);
    expect(run.status).toBe('warn');
    expect(run.evidence).toMatchObject({ proxy: `http://127.0.0.1:${proxy.port}`, outcome: 'inspected' });
    expect(run.evidence.chain[0]?.sha256).toBe(chain.sha256);
    expect(proxy.requests).toContain(`127.0.0.1:${port}`);
  });

  it('errors within a bounded wait when the endpoint never completes a handshake', async () => {
    const [check] = tlsInspectionChecks(plan({ endpoint: { host: '127.0.0.1', port: silentPort } }), [], STEP_MS);
    if (check === undefined) throw new Error('no check planned');
    const run = await runCheck(check);
    expect(run.status).toBe('error');
    expect(run.evidence).toMatchObject({ outcome: 'handshake-failed', chain: [], endsInTrustedRoots: null });
    expect(run.ms).toBeLessThan(STEP_MS + 1500);
  });

  it('errors when nothing listens on the endpoint', async () => {
    const closed = net.createServer();
    const closedPort = await listen(closed);
    await close(closed);
    const [check] = tlsInspectionChecks(plan({ endpoint: { host: '127.0.0.1', port: closedPort } }), [], STEP_MS);
    if (check === undefined) throw new Error('no check planned');
    const run = await runCheck(check);
    expect(run.status).toBe('error');
    expect(run.evidence).toMatchObject({ outcome: 'unreachable', error: 'ECONNREFUSED' });
    expect(run.ms).toBeLessThan(STEP_MS + 1500);
  });

  it('is skipped, contacting nothing, with --no-external', async () => {
    const before = handshakes;
    const [check] = tlsInspectionChecks(plan({ external: false }), [], STEP_MS);
    if (check === undefined) throw new Error('no check planned');
    const run = await runCheck(check);
    expect(run.status).toBe('skipped');
    expect(run.summary).toContain('--no-external');
    expect(run.evidence).toMatchObject({ outcome: 'not-contacted', thirdParty: { contacted: false } });
    expect(handshakes).toBe(before);
  });

  it('the CLI lists the endpoint and skips it with --no-external', async () => {
    const before = handshakes;
    const run = await runCliInProcess([
      '--json',
      '--quick',
      '--timeout',
      '500ms',
      '--no-external',
      '--tls-endpoint',
      `127.0.0.1:${port}`,
      `127.0.0.1:${silentPort}`,
    ]);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    const inspection = report.checks.find((c) => c.id === 'tls.inspection');
    expect(inspection).toMatchObject({
      path: 'direct',
      status: 'skipped',
      evidence: { thirdParty: { endpoint: `https://127.0.0.1:${port}/`, contacted: false } },
    });
    expect(handshakes).toBe(before);
  });

  it('is not in the plan unless asked for', () => {
    const base = { quick: false, nameservers: null, timeoutMs: STEP_MS, routingToken: null } as const;
    const ids = (p: ReturnType<typeof buildPlan>) => p.map((c) => c.id);
    expect(ids(buildPlan(base))).not.toContain('tls.inspection');
    expect(ids(buildPlan({ ...base, edge: { discovery: null, ports: null } }))).not.toContain('tls.inspection');
    expect(ids(buildPlan({ ...base, edge: { discovery: null, ports: null, tls: plan() } }))).toContain(
      'tls.inspection',
    );
  });
});
