import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import {
  makeCaSignedCertificate,
  makeCertificate,
  removeCertificate,
  type TestCaChain,
  type TestCertificate,
} from '../../support/certificate.js';
import { runCliProcess } from '../../support/cli.js';
import { startFakeRdp } from '../../support/fake-servers.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { DANTED, MICROSOCKS, startDante, startMicrosocks, type TestSocks } from '../../support/socks.js';
import { SQUID, startSquid, type TestSquid } from '../../support/squid.js';
import { startXrdp, stopXrdp, XRDP, type Xrdp } from '../../support/xrdp.js';

const TARGET = '198.18.0.30';
/** Debian's xrdp, a real RDP server, in the same lab. */
const XRDP_TARGET = '198.18.0.31';
const DANTE_ALLOW = '198.51.100.11';
const DANTE_DENY = '198.51.100.14';
const MICROSOCKS_AT = '198.51.100.12';
const HTTPS_PROXY_AT = '198.51.100.13';
/** The HTTPS proxy's name: its certificate names it, and the namespace's /etc/hosts resolves it. */
const HTTPS_PROXY_NAME = 'proxy.corp.example';
const CREDENTIALS = { user: 'probe', password: 'socks-s3cret-pass' };

const namespaces = canUseNamespaces(['nft', SQUID]);
const peers = [DANTED, MICROSOCKS, XRDP].filter((path) => !existsSync(path));
const ready = namespaces.ok && peers.length === 0;

/** Runs the CLI in the lab with no proxy settings inherited from this machine. */
function probe(ns: TestNamespace, args: readonly string[], env: Record<string, string> = {}) {
  const clean = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '' };
  return runCliProcess(['--json', '--timeout', '800ms', ...args], { namespace: ns.name, env: { ...clean, ...env } });
}

function parse(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

describe.skipIf(!ready)('real SOCKS5 (Dante, microsocks) and HTTPS (squid https_port) proxies', () => {
  let ns: TestNamespace;
  let ca: TestCaChain;
  let xrdpCert: TestCertificate;
  let xrdp: Xrdp | undefined;
  const servers: (TestSocks | TestSquid)[] = [];
  beforeAll(async () => {
    ns = createNamespace([
      `${TARGET}/32`,
      `${XRDP_TARGET}/32`,
      `${DANTE_ALLOW}/32`,
      `${DANTE_DENY}/32`,
      `${MICROSOCKS_AT}/32`,
      `${HTTPS_PROXY_AT}/32`,
    ]);
    ns.writeEtc('hosts', `127.0.0.1 localhost\n${HTTPS_PROXY_AT} ${HTTPS_PROXY_NAME}\n`);
    // Only the proxies, leaving from their own addresses, reach the RDP port; the direct path is dropped.
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'output', '{ type filter hook output priority 0 ; }']);
    const proxies = `{ ${[DANTE_ALLOW, DANTE_DENY, MICROSOCKS_AT, HTTPS_PROXY_AT].join(', ')} }`;
    ns.run('nft', [
      'add',
      'rule',
      'inet',
      'rpt',
      'output',
      `ip daddr { ${TARGET}, ${XRDP_TARGET} } tcp dport 3389 ip saddr != ${proxies} drop`,
    ]);
    await startFakeRdp(ns, TARGET, 3389);
    xrdpCert = makeCertificate('XRDP-LAB01');
    xrdp = await startXrdp({
      dir: xrdpCert.dir,
      name: 'xrdp',
      port: 3389,
      cert: xrdpCert,
      securityLayer: 'negotiate',
      namespace: { ns, host: XRDP_TARGET },
    });
    if (xrdp.skipReason !== null) throw new Error(xrdp.skipReason);
    ca = makeCaSignedCertificate(HTTPS_PROXY_NAME, 'rdp-probe test proxy CA');
    servers.push(await startDante(ns, DANTE_ALLOW, 1080, 'allow'));
    servers.push(await startDante(ns, DANTE_DENY, 1080, 'deny-rdp'));
    servers.push(await startMicrosocks(ns, MICROSOCKS_AT, 1080, CREDENTIALS));
    servers.push(await startSquid(ns, HTTPS_PROXY_AT, 3129, 'allow', { tls: { cert: ca.cert, key: ca.key } }));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await stopXrdp(xrdp);
    ns?.destroy();
    if (xrdpCert !== undefined) removeCertificate(xrdpCert);
    if (ca !== undefined) rmSync(ca.dir, { recursive: true, force: true });
  });

  it('a SOCKS5 tunnel through Dante carries the RDP negotiation: edge.direct-blocked-proxy-ok', async () => {
    const url = `socks5://${DANTE_ALLOW}:1080`;
    const run = await probe(ns, ['--proxy', url, TARGET]);
    const report = parse(run.stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      path: `proxy:${url}`,
      status: 'pass',
      evidence: { kind: 'proxy.connect', scheme: 'socks5', outcome: 'tunnel', statusCode: 0 },
    });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${url}`)).toMatchObject({
      status: 'pass',
      evidence: { outcome: 'negotiated', selectedProtocolName: 'TLS' },
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    // SOCKS4 through the same server.
    const four = `socks4://${DANTE_ALLOW}:1080`;
    const v4 = parse((await probe(ns, ['--proxy', four, TARGET])).stdout);
    expect(v4.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${four}`)).toMatchObject({
      status: 'pass',
    });
  });

  it("Debian's xrdp behind Dante: the real server's negotiation answer comes back through the SOCKS5 tunnel", async () => {
    const url = `socks5://${DANTE_ALLOW}:1080`;
    const report = parse((await probe(ns, ['--proxy', url, XRDP_TARGET])).stdout);
    expect(report.checks.find((c) => c.id === 'tcp.connect' && c.path === 'direct')?.evidence).toMatchObject({
      attempts: [{ outcome: 'filtered' }],
    });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${url}`)).toMatchObject({
      status: 'pass',
      evidence: { kind: 'rdp.negotiate', address: XRDP_TARGET, port: 3389, outcome: 'negotiated' },
    });
    const found = report.findings.find((f) => f.code === 'edge.direct-blocked-proxy-ok');
    expect(found?.detail).toMatch(/through the proxy socks5:\/\/198\.51\.100\.11:1080 .* the RDP server selected/);
  });

  it('Dante refusing the RDP port by rule is SOCKS reply 2 (not allowed): edge.proxy-denies-connect', async () => {
    const url = `socks5://${DANTE_DENY}:1080`;
    const report = parse((await probe(ns, ['--proxy', url, TARGET])).stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      status: 'fail',
      evidence: {
        outcome: 'denied',
        statusCode: 2,
        statusLine: expect.stringContaining('NotAllowed'),
      },
    });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${url}`)).toMatchObject({
      status: 'skipped',
    });
    const denied = report.findings.find((f) => f.code === 'edge.proxy-denies-connect');
    expect(denied).toMatchObject({ severity: 'blocker', source: 2 });
    // SOCKS4 has one refusal code, 91 ("rejected or failed").
    const v4 = parse((await probe(ns, ['--proxy', `socks4://${DANTE_DENY}:1080`, TARGET])).stdout);
    expect(v4.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({
      outcome: 'denied',
      statusCode: 91,
    });
  });

  it('SOCKS5 username/password: asked for without them, a wrong one refused, the right one tunnels; never reported', async () => {
    const plain = `socks5://${MICROSOCKS_AT}:1080`;
    const none = parse((await probe(ns, ['--proxy', plain, TARGET])).stdout);
    expect(none.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({ outcome: 'auth-required' });
    expect(none.findings.map((f) => f.code)).toContain('edge.proxy-auth-required');

    const wrong = parse(
      (await probe(ns, ['--proxy', `socks5://${CREDENTIALS.user}:wrong-pass@${MICROSOCKS_AT}:1080`, TARGET])).stdout,
    );
    expect(wrong.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({
      outcome: 'auth-required',
      statusLine: 'Socks5 Authentication failed',
    });

    const authed = await probe(ns, [
      '--proxy',
      `socks5://${CREDENTIALS.user}:${CREDENTIALS.password}@${MICROSOCKS_AT}:1080`,
      TARGET,
    ]);
    const report = parse(authed.stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      path: `proxy:${plain}`,
      status: 'pass',
    });
    expect(report.checks.find((c) => c.id === 'proxy.discover')?.evidence).toMatchObject({
      proxies: [{ url: plain, withCredentials: true }],
    });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${plain}`)).toMatchObject({
      status: 'pass',
    });
    for (const output of [authed.stdout, authed.stderr]) expect(output).not.toContain(CREDENTIALS.password);
    const plainText = await runCliProcess(
      [
        '--timeout',
        '800ms',
        '--proxy',
        `socks5://${CREDENTIALS.user}:${CREDENTIALS.password}@${MICROSOCKS_AT}:1080`,
        TARGET,
      ],
      { namespace: ns.name },
    );
    expect(plainText.stdout + plainText.stderr).not.toContain(CREDENTIALS.password);
  });

  it('an HTTPS proxy: CONNECT inside TLS to squid, trusted through NODE_EXTRA_CA_CERTS, carries the RDP negotiation', async () => {
    const url = `https://${HTTPS_PROXY_NAME}:3129`;
    const run = await probe(ns, ['--proxy', url, TARGET], { NODE_EXTRA_CA_CERTS: join(ca.dir, 'ca.pem') });
    const report = parse(run.stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      path: `proxy:${url}`,
      status: 'pass',
      evidence: { scheme: 'https', outcome: 'tunnel', statusCode: 200 },
    });
    expect(report.checks.find((c) => c.id === 'rdp.negotiate' && c.path === `proxy:${url}`)).toMatchObject({
      status: 'pass',
      evidence: { outcome: 'negotiated' },
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    const squid = servers.at(-1) as TestSquid;
    expect(squid.accessLog()).toContain(`CONNECT ${TARGET}:3389`);
  });

  it('an HTTPS proxy whose certificate is not trusted: no CONNECT is sent, and the report says why', async () => {
    const url = `https://${HTTPS_PROXY_NAME}:3129`;
    const report = parse((await probe(ns, ['--proxy', url, TARGET])).stdout);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      status: 'fail',
      evidence: {
        outcome: 'proxy-unreachable',
        statusCode: null,
        error: expect.stringMatching(
          /certificate is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
        ),
      },
    });
    // The same proxy dialled by its address: the certificate names proxy.corp.example, not the IP.
    const byIp = parse(
      (
        await probe(ns, ['--proxy', `https://${HTTPS_PROXY_AT}:3129`, TARGET], {
          NODE_EXTRA_CA_CERTS: join(ca.dir, 'ca.pem'),
        })
      ).stdout,
    );
    expect(byIp.checks.find((c) => c.id === 'proxy.connect')?.evidence).toMatchObject({
      outcome: 'proxy-unreachable',
      error: expect.stringContaining('ERR_TLS_CERT_ALTNAME_INVALID'),
    });
  });
});

if (!namespaces.ok) console.warn(`Skipped SOCKS/HTTPS proxy tests: ${namespaces.why}.`);
else if (peers.length > 0)
  console.warn(`Skipped SOCKS/HTTPS proxy tests: ${peers.join(', ')} not installed (bash .ci/run installs them).`);
