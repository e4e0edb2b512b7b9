import type { ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { decode, encode } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { egressFindings } from '../../../src/core/diagnosis/egress-rules.js';
import type { EgressIpEvidence } from '../../../src/core/evidence/egress.js';
import { EvidenceSchema } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { type EgressPlan, egressIpCheck } from '../../../src/node/checks/egress-ip-check.js';
import type { EgressResolver } from '../../../src/node/egress/egress-resolvers.js';
import { makeCaSignedCertificate, type TestCaChain } from '../../support/certificate.js';
import { result } from '../../support/checks.js';
import { startDnsmasq } from '../../support/dnsmasq.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';
import { SQUID, startSquid, type TestSquid } from '../../support/squid.js';
import { bridgeToNamespace, type VethBridge } from '../../support/veth.js';
import { waitFor } from '../../support/wait.js';

// Every resolver and endpoint here is ours: dnsmasq in a namespace the test creates (reached over a veth
// pair on 198.18.7.0/30), UDP servers on 127.0.0.1 and an HTTPS server on the veth. No test contacts
// OpenDNS, Google or ipify.
const HOST_END = '198.18.7.1';
const NS_END = '198.18.7.2';
const EGRESS = '198.51.100.7';
const PROXY_EGRESS = '203.0.113.9';
const PUBLIC_VM = '203.0.113.10';
const STEP_MS = 600;
const ENDPOINT_NAME = 'whatismyip.rdp-probe.test';

const namespaces = canUseNamespaces(['dnsmasq']);
if (!namespaces.ok) console.warn(`Skipped the egress.ip tests against dnsmasq: ${namespaces.why}.`);
const withSquid = canUseNamespaces(['dnsmasq', SQUID]);

function targetOf(text: string) {
  const parsed = parseTarget(text);
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

async function runCheck(plan: EgressPlan, target = PUBLIC_VM) {
  const check = egressIpCheck(plan, STEP_MS);
  const started = performance.now();
  const outcome = await check.run({
    signal: new AbortController().signal,
    timeoutMs: check.timeoutMs ?? STEP_MS,
    target: targetOf(target),
    result: () => undefined,
  });
  expect(EvidenceSchema.safeParse(outcome.evidence).success).toBe(true);
  return { ...outcome, ms: performance.now() - started, evidence: outcome.evidence as EgressIpEvidence };
}

function plan(resolvers: readonly EgressResolver[], overrides: Partial<EgressPlan> = {}): EgressPlan {
  return { external: true, resolvers, url: 'https://api.ipify.org/', sourceIp: null, proxy: null, ...overrides };
}

/** A UDP server on 127.0.0.1 that records every datagram and answers with `reply` (or never). */
async function udpServer(
  reply: ((query: Buffer) => Buffer) | null,
): Promise<{ socket: Socket; port: number; got: Buffer[] }> {
  const socket = createSocket('udp4');
  const got: Buffer[] = [];
  socket.on('message', (message, peer) => {
    got.push(message);
    if (reply !== null) socket.send(reply(message), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { socket, port: (socket.address() as AddressInfo).port, got };
}

/** dnsmasq's query log (it logs to stderr with --log-facility=-). */
function queryLog(child: ChildProcess): () => string {
  let log = '';
  child.stderr?.on('data', (chunk: Buffer | string) => {
    log += chunk.toString();
  });
  return () => log;
}

describe.skipIf(!namespaces.ok)('egress.ip against real resolvers of our own', () => {
  let ns: TestNamespace;
  let bridge: VethBridge;
  let log: () => string;
  let silent: Awaited<ReturnType<typeof udpServer>>;
  let liar: Awaited<ReturnType<typeof udpServer>>;
  let dnsmasq: EgressResolver[];
  beforeAll(async () => {
    ns = createNamespace([]);
    bridge = bridgeToNamespace(ns, HOST_END, NS_END);
    const child = await startDnsmasq(ns, NS_END, 'opendns.com', [
      `--address=/myip.opendns.com/${EGRESS}`,
      `--txt-record=o-o.myaddr.l.google.com,${EGRESS}`,
      '--log-queries',
      '--log-facility=-',
    ]);
    log = queryLog(child);
    dnsmasq = [
      { service: 'opendns', server: NS_END, port: 53, label: NS_END },
      { service: 'google', server: NS_END, port: 53, label: NS_END },
    ];
    silent = await udpServer(null);
    // Answers the TXT question with something that is not an address.
    liar = await udpServer((query) => {
      const q = decode(query);
      return encode({
        type: 'response',
        id: q.id,
        flags: 0x8180,
        questions: q.questions,
        answers: [{ type: 'TXT', name: 'o-o.myaddr.l.google.com', ttl: 60, data: ['not-an-address'] }],
      });
    });
  }, 30_000);
  afterAll(() => {
    silent?.socket.close();
    liar?.socket.close();
    bridge?.remove();
    ns?.destroy();
  });

  it('reads myip.opendns.com A and o-o.myaddr.l.google.com TXT from the configured resolvers', async () => {
    const run = await runCheck(plan(dnsmasq));
    expect(run.status).toBe('pass');
    expect(run.evidence).toMatchObject({
      mode: 'public',
      targetAddress: PUBLIC_VM,
      targetPublic: true,
      address: EGRESS,
      addressFrom: 'dns',
      dnsAddresses: [EGRESS],
      lookups: [
        { service: 'opendns', name: 'myip.opendns.com', type: 'A', outcome: 'answer', address: EGRESS },
        { service: 'google', name: 'o-o.myaddr.l.google.com', type: 'TXT', outcome: 'answer', answers: [EGRESS] },
      ],
    });
    expect(run.evidence.thirdParties.map((t) => [t.endpoint, t.contacted])).toEqual([
      [`dns://${NS_END}:53`, true],
      [`dns://${NS_END}:53`, true],
    ]);
    expect(run.summary).toContain(`Azure sees this computer's direct traffic as ${EGRESS}`);
    await waitFor('dnsmasq to log both queries', () => /query\[TXT\] o-o\.myaddr/.test(log()), 2000);
    expect(log()).toMatch(/query\[A\] myip\.opendns\.com/);
  });

  it('gives up on a silent resolver within its budget, after one retransmit', async () => {
    const run = await runCheck(plan([{ service: 'opendns', server: '127.0.0.1', port: silent.port, label: 'silent' }]));
    expect(run.status).toBe('timeout');
    expect(run.ms).toBeLessThan(STEP_MS + 400);
    expect(run.evidence.lookups).toMatchObject([{ outcome: 'timeout', address: null }]);
    expect(run.evidence.address).toBeNull();
    expect(run.summary).toContain('--source-ip');
    expect(silent.got).toHaveLength(2);
  });

  it('calls a TXT answer that is no address a bad answer', async () => {
    const run = await runCheck(plan([{ service: 'google', server: '127.0.0.1', port: liar.port, label: 'liar' }]));
    expect(run.status).toBe('error');
    expect(run.evidence.lookups).toMatchObject([
      { outcome: 'bad-answer', answers: ['not-an-address'], address: null, message: 'the answer holds no IP address' },
    ]);
    expect(run.summary).toContain('answered "not-an-address", not an address');
  });

  it('contacts nobody with --no-external, and says why', async () => {
    const before = { silent: silent.got.length, log: log().length };
    const run = await runCheck(
      plan([...dnsmasq, { service: 'opendns', server: '127.0.0.1', port: silent.port, label: 'silent' }], {
        external: false,
      }),
    );
    expect(run.status).toBe('skipped');
    expect(run.summary).toContain('--no-external');
    expect(run.evidence).toMatchObject({ mode: 'not-contacted', address: null, lookups: [] });
    expect(run.evidence.thirdParties.every((t) => !t.contacted)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(silent.got.length).toBe(before.silent);
    expect(log().slice(before.log)).not.toMatch(/query\[/);
  });

  it('uses --source-ip as given and asks no one', async () => {
    const before = log().length;
    const run = await runCheck(plan(dnsmasq, { sourceIp: '198.51.100.77' }));
    expect(run).toMatchObject({
      status: 'info',
      evidence: { mode: 'option', address: '198.51.100.77', addressFrom: 'option' },
    });
    expect(run.summary).toContain('--source-ip 198.51.100.77');
    await new Promise((r) => setTimeout(r, 200));
    expect(log().slice(before)).not.toMatch(/query\[/);
  });

  it('reports the local address on the route to a private target instead, asking no one', async () => {
    const before = log().length;
    const run = await runCheck(plan(dnsmasq), `${NS_END}:3389`);
    expect(run.status).toBe('info');
    expect(run.evidence).toMatchObject({
      mode: 'local-route',
      targetAddress: NS_END,
      targetPublic: false,
      route: { destination: NS_END, localAddress: HOST_END, error: null },
      address: HOST_END,
      addressFrom: 'local-route',
      lookups: [],
    });
    expect(run.summary).toContain(`its NSG sees this computer's address on the route to it, ${HOST_END}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(log().slice(before)).not.toMatch(/query\[/);
  });
});

describe.skipIf(!withSquid.ok)('egress.ip through a real squid to a what-is-my-IP endpoint of our own', () => {
  let ns: TestNamespace;
  let bridge: VethBridge;
  let squid: TestSquid;
  let chain: TestCaChain;
  let server: https.Server;
  let port: number;
  const requests: string[] = [];
  beforeAll(async () => {
    ns = createNamespace([]);
    bridge = bridgeToNamespace(ns, HOST_END, NS_END);
    // squid resolves the endpoint's name from the namespace's hosts file: no DNS server is asked.
    ns.writeEtc('hosts', `127.0.0.1 localhost\n${HOST_END} ${ENDPOINT_NAME}\n`);
    await startDnsmasq(ns, NS_END, 'opendns.com', [
      `--address=/myip.opendns.com/${EGRESS}`,
      `--txt-record=o-o.myaddr.l.google.com,${EGRESS}`,
    ]);
    chain = makeCaSignedCertificate(ENDPOINT_NAME, 'RDP Probe Test Egress CA');
    // The proxy's network leaves from another address: the endpoint answers it, as ipify would.
    server = https.createServer({ cert: chain.cert, key: chain.key }, (request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers.host}`);
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${PROXY_EGRESS}\n`);
    });
    port = await new Promise<number>((resolve) =>
      server.listen(0, HOST_END, () => resolve((server.address() as AddressInfo).port)),
    );
    squid = await startSquid(ns, NS_END, 3128, 'allow');
  }, 60_000);
  afterAll(async () => {
    await squid?.stop();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (chain) rmSync(chain.dir, { recursive: true, force: true });
    bridge?.remove();
    ns?.destroy();
  });

  it('finds the proxy leaving from another address than the direct DNS answer', async () => {
    const url = `https://${ENDPOINT_NAME}:${port}/`;
    const run = await runCheck(
      plan(
        [
          { service: 'opendns', server: NS_END, port: 53, label: NS_END },
          { service: 'google', server: NS_END, port: 53, label: NS_END },
        ],
        {
          url,
          trustedRoots: [chain.caCert],
          proxy: {
            proxy: { scheme: 'http', host: NS_END, port: 3128, username: null, password: null },
            source: 'option',
          },
        },
      ),
    );
    expect(run.status).toBe('warn');
    expect(run.evidence).toMatchObject({
      address: EGRESS,
      addressFrom: 'dns',
      proxy: {
        proxy: `http://${NS_END}:3128`,
        url,
        outcome: 'answer',
        tunnelStatus: 200,
        httpStatus: 200,
        certificateTrusted: true,
        address: PROXY_EGRESS,
        error: null,
      },
    });
    expect(run.evidence.thirdParties.at(-1)).toMatchObject({ endpoint: url, contacted: true });
    expect(run.summary).toContain(`the proxy's traffic leaves from ${PROXY_EGRESS}`);
    expect(requests).toEqual([`GET / ${ENDPOINT_NAME}:${port}`]);
    expect(squid.accessLog()).toContain(`CONNECT ${ENDPOINT_NAME}:${port}`);
    const findings = egressFindings({ target: targetOf(PUBLIC_VM), checks: [result(run.evidence, run.status)] });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['egress.differs', 'info']]);
  });

  it('records a certificate that does not end in the trusted roots, and still reads the answer', async () => {
    const run = await runCheck(
      plan([], {
        url: `https://${ENDPOINT_NAME}:${port}/`,
        proxy: { proxy: { scheme: 'http', host: NS_END, port: 3128, username: null, password: null }, source: 'env' },
      }),
    );
    expect(run.evidence.proxy).toMatchObject({ outcome: 'answer', certificateTrusted: false, address: PROXY_EGRESS });
    expect(run.evidence).toMatchObject({ address: PROXY_EGRESS, addressFrom: 'proxy' });
    expect(run.summary).toContain('from the proxy only');
    expect(run.summary).toContain('not trusted');
  });
});
