import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { runCliProcess } from '../../support/cli.js';
import { startDnsmasq } from '../../support/dnsmasq.js';
import { startFakeRdp, startHttpFile } from '../../support/fake-servers.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { SQUID, startSquid, type TestSquid } from '../../support/squid.js';

const TARGET = '198.18.0.30';
const PROXY = '198.51.100.10';
const WPAD_HOST = '198.51.100.20';
const DNS = '198.51.100.53';
const PROXY_URL = `http://${PROXY}:3128`;
const WPAD_URL = 'http://wpad.corp.example/wpad.dat';

const namespaces = canUseNamespaces(['nft', 'dnsmasq', SQUID]);

function parse(stdout: string) {
  return ReportSchema.parse(JSON.parse(stdout));
}

describe.skipIf(!namespaces.ok)('KDE proxy settings and WPAD discovery over DNS (dnsmasq, a wpad.dat, squid)', () => {
  let ns: TestNamespace;
  let squid: TestSquid;
  let dir: string;
  beforeAll(async () => {
    ns = createNamespace([`${TARGET}/32`, `${PROXY}/32`, `${WPAD_HOST}/32`, `${DNS}/32`]);
    // Only squid, leaving from its own address, reaches the RDP port; the direct path is dropped.
    ns.run('nft', ['add', 'table', 'inet', 'rpt']);
    ns.run('nft', ['add', 'chain', 'inet', 'rpt', 'output', '{ type filter hook output priority 0 ; }']);
    ns.run('nft', [
      'add',
      'rule',
      'inet',
      'rpt',
      'output',
      `ip daddr ${TARGET} tcp dport 3389 ip saddr != ${PROXY} drop`,
    ]);
    await startFakeRdp(ns, TARGET, 3389);
    squid = await startSquid(ns, PROXY, 3128, 'allow');
    // wpad.corp.example exists; wpad.eu.corp.example does not (NXDOMAIN: dnsmasq is authoritative for corp.example).
    await startDnsmasq(ns, DNS, 'corp.example', [`--host-record=wpad.corp.example,${WPAD_HOST}`]);
    const pac = `function FindProxyForURL(url, host) { if (host === "${TARGET}") return "PROXY ${PROXY}:3128; DIRECT"; return "DIRECT"; }`;
    await startHttpFile(ns, WPAD_HOST, 80, '/wpad.dat', pac);
    dir = mkdtempSync(join(tmpdir(), 'rpt-kde-'));
  }, 60_000);
  afterAll(async () => {
    await squid?.stop();
    ns?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the CLI with a kioslaverc and a resolv.conf whose `search` list is the machine's DNS domain. */
  async function probe(kioslaverc: string, search: string, args: readonly string[] = []) {
    const config = mkdtempSync(join(dir, 'config-'));
    writeFileSync(join(config, 'kioslaverc'), kioslaverc);
    ns.writeEtc('resolv.conf', `nameserver ${DNS}\nsearch ${search}\n`);
    const env = {
      XDG_CONFIG_HOME: config,
      XDG_CURRENT_DESKTOP: 'KDE',
      HTTPS_PROXY: '',
      https_proxy: '',
      HTTP_PROXY: '',
      http_proxy: '',
      ALL_PROXY: '',
      all_proxy: '',
    };
    const run = await runCliProcess(['--json', '--timeout', '2s', ...args, TARGET], { namespace: ns.name, env });
    return parse(run.stdout);
  }

  it('KDE "detect automatically": WPAD devolves wpad.eu.corp.example → wpad.corp.example, whose script names squid', async () => {
    const report = await probe('[Proxy Settings]\nProxyType=3\n', 'eu.corp.example');
    const discover = report.checks.find((c) => c.id === 'proxy.discover')?.evidence;
    expect(discover).toMatchObject({
      proxies: [{ url: PROXY_URL, source: 'kde' }],
      decision: {
        via: 'proxy',
        proxy: PROXY_URL,
        source: 'kde',
        reason: expect.stringContaining(`WPAD file ${WPAD_URL}`),
      },
      thirdParties: [
        { endpoint: 'http://wpad.eu.corp.example/wpad.dat', contacted: true },
        { endpoint: WPAD_URL, contacted: true },
      ],
    });
    const sources = discover?.kind === 'proxy.discover' ? discover.sources : [];
    expect(sources.find((s) => s.source === 'kde')?.detail).toContain(`WPAD found ${WPAD_URL}`);
    expect(report.checks.find((c) => c.id === 'proxy.connect')).toMatchObject({
      path: `proxy:${PROXY_URL}`,
      status: 'pass',
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
    expect(squid.accessLog()).toContain(`CONNECT ${TARGET}:3389`);
  });

  it('with --no-external no WPAD name is looked up; the names are listed as not contacted', async () => {
    const report = await probe('[Proxy Settings]\nProxyType=3\n', 'corp.example', ['--no-external']);
    const discover = report.checks.find((c) => c.id === 'proxy.discover')?.evidence;
    expect(discover).toMatchObject({
      decision: { via: 'direct' },
      thirdParties: [{ endpoint: WPAD_URL, contacted: false }],
    });
    const sources = discover?.kind === 'proxy.discover' ? discover.sources : [];
    expect(sources.find((s) => s.source === 'kde')?.detail).toBe('WPAD auto-detect on, not tried: --no-external');
    expect(report.checks.some((c) => c.id === 'proxy.connect')).toBe(false);
  });

  it('no wpad name under the machine domain: WPAD finds nothing and says what it tried', async () => {
    const report = await probe('[Proxy Settings]\nProxyType=3\n', 'lab.corp.example');
    const discover = report.checks.find((c) => c.id === 'proxy.discover')?.evidence;
    const sources = discover?.kind === 'proxy.discover' ? discover.sources : [];
    // lab.corp.example devolves to corp.example, which has one: found there, after the miss.
    expect(sources.find((s) => s.source === 'kde')?.detail).toContain('wpad.lab.corp.example: no such name');
    const none = await probe('[Proxy Settings]\nProxyType=3\n', 'elsewhere.example');
    const other = none.checks.find((c) => c.id === 'proxy.discover')?.evidence;
    expect(other?.kind === 'proxy.discover' && other.sources.find((s) => s.source === 'kde')).toMatchObject({
      state: 'found',
      detail: expect.stringMatching(/^WPAD auto-detect on, no script found \(wpad\.elsewhere\.example: /),
    });
    expect(other).toMatchObject({ decision: { via: 'direct' } });
  });

  it('KDE manual settings as the settings page writes them ("http://host port") name the proxy', async () => {
    const report = await probe(
      `[Proxy Settings]\nProxyType=1\nhttpsProxy=http://${PROXY} 3128\nNoProxyFor=localhost\n`,
      'corp.example',
    );
    expect(report.checks.find((c) => c.id === 'proxy.discover')?.evidence).toMatchObject({
      decision: { via: 'proxy', proxy: PROXY_URL, source: 'kde', reason: `the kde https proxy is ${PROXY_URL}` },
      thirdParties: [],
    });
    expect(report.findings.map((f) => f.code)).toContain('edge.direct-blocked-proxy-ok');
  });
});

if (!namespaces.ok) console.warn(`Skipped KDE/WPAD tests: ${namespaces.why}.`);
