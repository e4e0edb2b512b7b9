import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { runCliProcess } from '../../support/cli.js';
import { startFakeRdp, startHttpFile } from '../../support/fake-servers.js';
import { startTcpListener } from '../../support/listener.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { SQUID, type SquidPolicy, startSquid, type TestSquid } from '../../support/squid.js';

const TARGET = '198.18.0.30';
const PROXY = '198.51.100.10';
const PAC_HOST = '198.51.100.20';
const PROXY_URL = `http://${PROXY}:3128`;
const PROXY_PATH = `proxy:${PROXY_URL}`;

const namespaces = canUseNamespaces(['nft', SQUID]);

function parseReport(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

/** Runs the CLI in the lab with no proxy settings inherited from this machine. */
function probe(ns: TestNamespace, args: readonly string[], env: Record<string, string> = {}) {
  const clean = {
    HTTPS_PROXY: '',
    https_proxy: '',
    HTTP_PROXY: '',
    http_proxy: '',
    ALL_PROXY: '',
    all_proxy: '',
    NO_PROXY: '',
    no_proxy: '',
  };
  return runCliProcess(['--json', '--timeout', '800ms', ...args], { namespace: ns.name, env: { ...clean, ...env } });
}

describe.skipIf(!namespaces.ok)('a lab where only the proxy path reaches the VM (squid, nftables)', () => {
  let ns: TestNamespace;
  let squid: TestSquid | undefined;
  let dir: string;
  beforeAll(async () => {
    ns = createNamespace([`${TARGET}/32`, `${PROXY}/32`, `${PAC_HOST}/32`]);
    // The direct path to the RDP port is dropped; squid (which leaves from its own address) gets through.
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'output', '{ type filter hook output priority 0 ; }']);
    ns.run('nft', [
      'add',
      'rule',
      'inet',
      'rpt',
      'output',
      'ip',
      'daddr',
      TARGET,
      'tcp',
      'dport',
      '3389',
      'ip',
      'saddr',
      '!=',
      PROXY,
      'drop',
    ]);
    await startFakeRdp(ns, TARGET, 3389);
    await startTcpListener(ns, TARGET, 443);
    dir = mkdtempSync(join(tmpdir(), 'rpt-pac-'));
  }, 30_000);
  afterEach(async () => {
    await squid?.stop();
    squid = undefined;
  });
  afterAll(() => {
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const withSquid = async (policy: SquidPolicy) => {
    squid = await startSquid(ns, PROXY, 3128, policy);
    return squid;
  };

  it('squid denying CONNECT to 3389 yields edge.proxy-denies-connect, and the matrix shows both paths', async () => {
    await withSquid('deny-rdp');
    const run = await probe(ns, ['--proxy', PROXY_URL, TARGET]);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    const connect = report.checks.find((c) => c.id === 'proxy.connect');
    expect(connect).toMatchObject({ path: PROXY_PATH, status: 'fail' });
    expect(connect?.evidence).toMatchObject({
      kind: 'proxy.connect',
      outcome: 'denied',
      statusCode: 403,
      headers: { squidError: expect.stringContaining('ERR_ACCESS_DENIED') },
    });
    const denied = report.findings.find((f) => f.code === 'edge.proxy-denies-connect');
    // The direct path is blocked too: the proxy's refusal is the organization's policy, a blocker at the edge.
    expect(denied).toMatchObject({ severity: 'blocker', source: 2 });
    expect(report.verdict.likelySource).toBe(2);
    const plain = await runCliProcess(['--timeout', '800ms', '--proxy', PROXY_URL, TARGET], { namespace: ns.name });
    expect(plain.stdout).toContain('Paths side by side');
    expect(plain.stdout).toMatch(/check\s+direct\s+proxy:http:\/\/198\.51\.100\.10:3128/);
    expect(plain.stdout).toMatch(/proxy\.connect\s+·\s+✗ fail/);
  });

  it('squid allowing CONNECT yields edge.direct-blocked-proxy-ok with the RDP negotiation through the tunnel', async () => {
    await withSquid('allow');
    const run = await probe(ns, ['--proxy', PROXY_URL, TARGET]);
    expect(run.code).toBe(1);
    const report = parseReport(run.stdout);
    expect(report.checks.find((c) => c.id === 'tcp.connect' && c.path === 'direct')?.evidence).toMatchObject({
      attempts: [{ outcome: 'filtered' }],
    });
    expect(report.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({
      outcome: 'tunnel',
      statusCode: 200,
    });
    const rdp = report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === PROXY_PATH);
    expect(rdp).toMatchObject({ status: 'pass' });
    expect(rdp?.evidence).toMatchObject({ kind: 'rdp.negotiate', outcome: 'negotiated', selectedProtocolName: 'TLS' });
    expect(report.findings[0]).toMatchObject({ code: 'edge.direct-blocked-proxy-ok', severity: 'blocker', source: 2 });
    // The remedy is true to RDP: the tunnel shows RDP can leave through the proxy's network, not that mstsc uses it.
    expect(report.findings[0]?.remedy.summary).toMatch(/RD Gateway or Azure Bastion/);
    expect(report.findings[0]?.remedy.summary).toMatch(/do not use HTTP or SOCKS proxies/);
    // Only 3389 is silent; 443 answers: the port matrix says the host is there.
    expect(report.findings.map((f) => f.code)).toContain('edge.port-blocked');
    expect(squid?.accessLog()).toContain(`CONNECT ${TARGET}:3389`);
  });

  it('squid asking for credentials yields edge.proxy-auth-required; credentials open the tunnel and stay out of the report', async () => {
    const s = await withSquid('auth');
    const run = await probe(ns, ['--proxy', PROXY_URL, TARGET]);
    const report = parseReport(run.stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({
      outcome: 'auth-required',
      statusCode: 407,
      headers: { authSchemes: ['Basic'] },
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.proxy-auth-required');
    const withCredentials = await probe(ns, ['--proxy', `http://${s.user}:${s.password}@${PROXY}:3128`, TARGET]);
    const authed = parseReport(withCredentials.stdout);
    expect(authed.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({ path: PROXY_PATH, status: 'pass' });
    expect(authed.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    expect(withCredentials.stdout).not.toContain(s.password);
    expect(withCredentials.stderr).not.toContain(s.password);
  });

  it('finds the proxy in the environment and honours NO_PROXY', async () => {
    await withSquid('allow');
    const run = await probe(ns, [TARGET], { HTTPS_PROXY: PROXY_URL });
    const report = parseReport(run.stdout);
    expect(report.checks.find((c) => c.id === 'proxy.discover')?.evidence).toMatchObject({
      proxies: [{ url: PROXY_URL, source: 'env' }],
      decision: { via: 'proxy', proxy: PROXY_URL, source: 'env' },
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    const bypassed = parseReport(
      (await probe(ns, [TARGET], { https_proxy: PROXY_URL, NO_PROXY: '198.18.0.0/15' })).stdout,
    );
    expect(bypassed.checks.find((c) => c.id === 'proxy.discover')?.evidence).toMatchObject({
      decision: { via: 'direct', reason: expect.stringContaining('198.18.0.0/15') },
    });
  });

  it('finds the proxy in a PAC file served over HTTP and lists the PAC URL as a third party', async () => {
    await withSquid('allow');
    const pac = `function FindProxyForURL(url, host) { if (host === "${TARGET}") return "PROXY ${PROXY}:3128; DIRECT"; return "DIRECT"; }`;
    await startHttpFile(ns, PAC_HOST, 8080, '/proxy.pac', pac);
    const pacUrl = `http://${PAC_HOST}:8080/proxy.pac`;
    const report = parseReport((await probe(ns, ['--pac', pacUrl, TARGET])).stdout);
    const discover = report.checks.find((c) => c.id === 'proxy.discover')?.evidence;
    expect(discover).toMatchObject({
      decision: { via: 'proxy', proxy: PROXY_URL, source: 'pac' },
      thirdParties: [{ endpoint: pacUrl, contacted: true }],
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    // The same script from a file: no third party; --no-external refuses the URL with one line.
    const file = join(dir, 'proxy.pac');
    writeFileSync(file, pac);
    const local = parseReport((await probe(ns, ['--pac', file, TARGET])).stdout);
    expect(local.checks.find((c) => c.id === 'proxy.discover')?.evidence).toMatchObject({ thirdParties: [] });
    const refused = await probe(ns, ['--no-external', '--pac', pacUrl, TARGET]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a broken PAC file is bad input: one line naming --pac, exit 2', async () => {
    const file = join(dir, 'broken.pac');
    writeFileSync(file, 'function FindProxyForURL(url, host) { return ');
    const run = await probe(ns, ['--pac', file, TARGET]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^rdp-probe: --pac: .*broken\.pac/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

if (!namespaces.ok) console.warn(`Skipped proxy lab tests: ${namespaces.why}.`);
