import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rdpFindings } from '../../../src/core/diagnosis/rdp-rules.js';
import { freePort, makeCertificate, removeCertificate, type TestCertificate } from './peers.js';
import { loopbackTarget, runRdpChecks } from './run-rdp-checks.js';

const XRDP = '/usr/sbin/xrdp';
const CN = 'XRDP-TEST01';

/** An xrdp.ini for one loopback listener: its own port, certificate and log, no fork, negotiate security. */
function xrdpIni(port: number, cert: TestCertificate, dir: string, securityLayer: string): string {
  return `[Globals]
ini_version=1
fork=false
port=tcp://127.0.0.1:${port}
use_vsock=false
security_layer=${securityLayer}
crypt_level=high
certificate=${cert.certPath}
key_file=${cert.keyPath}
ssl_protocols=TLSv1.2, TLSv1.3
[Logging]
LogFile=${join(dir, 'xrdp.log')}
LogLevel=INFO
EnableSyslog=false
EnableConsole=false
[Channels]
`;
}

/** Whether something accepts TCP on 127.0.0.1:port within 300 ms. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(300, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** One xrdp process the tests started, and why it is unusable when it is. */
interface Xrdp {
  readonly port: number;
  readonly child: ChildProcess | null;
  readonly skipReason: string | null;
}

/** Starts xrdp on a free loopback port with its own ini in `dir`; waits (bounded) until it listens. */
async function startXrdp(name: string, securityLayer: string): Promise<Xrdp> {
  const port = await freePort();
  if (!existsSync(XRDP)) return { port, child: null, skipReason: `${XRDP} is not installed` };
  const ini = join(dir, `${name}.ini`);
  writeFileSync(ini, xrdpIni(port, cert, dir, securityLayer).replace('xrdp.log', `${name}.log`));
  const child = spawn(XRDP, ['--nodaemon', '--config', ini], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await listening(port)) return { port, child, skipReason: null };
    await new Promise((r) => setTimeout(r, 100));
  }
  const skipReason = `xrdp did not start on 127.0.0.1:${port} (exit ${child.exitCode}): ${output.slice(0, 300)}`;
  console.warn(`skipping xrdp tests: ${skipReason}`);
  return { port, child, skipReason };
}

/** Stops an xrdp the tests started, by its PID: SIGTERM, then SIGKILL after 1 s (xrdp 0.9 with fork=false often lingers). */
async function stopXrdp(xrdp: Xrdp | undefined): Promise<void> {
  const child = xrdp?.child;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  if (child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
}

let cert: TestCertificate;
let dir: string;
let negotiating: Xrdp;
let tlsOnly: Xrdp;

beforeAll(async () => {
  cert = makeCertificate(CN);
  dir = mkdtempSync(join(tmpdir(), 'rdp-probe-xrdp-'));
  negotiating = await startXrdp('negotiate', 'negotiate');
  tlsOnly = await startXrdp('tls', 'tls');
});

afterAll(async () => {
  await stopXrdp(negotiating);
  await stopXrdp(tlsOnly);
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (cert) removeCertificate(cert);
});

describe('RDP probe against a real xrdp server', () => {
  it('negotiates TLS, reads the certificate, and lists the accepted protocols', async (context) => {
    if (negotiating.skipReason !== null) {
      console.warn(`skipped: ${negotiating.skipReason}`);
      context.skip();
    }
    const port = negotiating.port;
    const started = performance.now();
    const results = await runRdpChecks(port, { stepTimeoutMs: 3000, udpAttempts: 2, udpIntervalMs: 200 });
    const elapsed = performance.now() - started;

    const negotiate = results.get('rdp.negotiate');
    expect(negotiate?.status).toBe('pass');
    if (negotiate?.evidence?.kind !== 'rdp.negotiate') throw new Error('no negotiation evidence');
    expect(negotiate.evidence.selectedProtocol).toBe(1);
    expect(negotiate.evidence.flagNames).toContain('EXTENDED_CLIENT_DATA_SUPPORTED');
    expect(negotiate.evidence.sourceRef).toBe(0x1234);

    const tls = results.get('rdp.tls');
    if (tls?.evidence?.kind !== 'rdp.tls') throw new Error(`no TLS evidence: ${tls?.summary}`);
    const certificate = tls.evidence.certificate;
    expect(certificate?.subjectCN).toBe(CN);
    expect(certificate?.sha1).toBe(cert.sha1);
    expect(certificate?.sha256).toBe(cert.sha256);
    expect(certificate?.selfSigned).toBe(true);
    expect(certificate?.subjectAltNames).toEqual([`DNS:${CN.toLowerCase()}.test`]);
    expect(certificate?.keyType).toBe('rsa');
    expect(certificate?.keyBits).toBe(2048);
    expect(certificate?.expired).toBe(false);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(tls.evidence.tlsVersion);
    expect(tls.evidence.cipher).toBeTruthy();

    const ntlm = results.get('rdp.ntlm');
    expect(ntlm?.status).toBe('skipped');

    const protocols = results.get('rdp.protocols');
    if (protocols?.evidence?.kind !== 'rdp.protocols') throw new Error(`no protocol evidence: ${protocols?.summary}`);
    const byProtocol = Object.fromEntries(protocols.evidence.attempts.map((a) => [a.protocol, a]));
    expect(byProtocol.rdp?.result).toBe('accepted');
    expect(byProtocol.ssl?.result).toBe('accepted');
    // xrdp has no CredSSP: offered SSL|HYBRID it picks SSL.
    expect(byProtocol.hybrid?.result).toBe('other-selected');
    expect(byProtocol.hybrid?.selectedProtocol).toBe(1);
    expect(protocols.evidence.nlaEnforced).toBe(false);

    // xrdp has no UDP transport: nothing listens on UDP, which loopback reports as port unreachable.
    const udp = results.get('udp.rdp');
    expect(udp?.evidence?.kind === 'udp.rdp' && udp.evidence.outcome).toBe('refused');

    const findings = rdpFindings({
      target: loopbackTarget(port),
      checks: [...results.values()],
      expectedHostName: null,
    });
    expect(findings.map((f) => f.code)).toEqual(['rdp.ok', 'udp.not-confirmed']);
    expect(
      rdpFindings({ target: loopbackTarget(port), checks: [...results.values()], expectedHostName: CN }).map(
        (f) => f.code,
      ),
    ).not.toContain('rdp.wrong-host');
    console.info(`RDP checks against xrdp took ${elapsed.toFixed(1)} ms (UDP included)`);
  });

  it('reads SSL_REQUIRED_BY_SERVER from xrdp set to security_layer=tls when only Standard RDP Security is offered', async (context) => {
    if (tlsOnly.skipReason !== null) {
      console.warn(`skipped: ${tlsOnly.skipReason}`);
      context.skip();
    }
    const results = await runRdpChecks(tlsOnly.port, { stepTimeoutMs: 3000, udp: false });
    const protocols = results.get('rdp.protocols');
    if (protocols?.evidence?.kind !== 'rdp.protocols') throw new Error(`no protocol evidence: ${protocols?.summary}`);
    const rdp = protocols.evidence.attempts.find((a) => a.protocol === 'rdp');
    expect(rdp?.result).toBe('refused');
    expect(rdp?.failureCode).toBe(1);
    expect(rdp?.failureName).toBe('SSL_REQUIRED_BY_SERVER');
    expect(protocols.evidence.attempts.find((a) => a.protocol === 'ssl')?.result).toBe('accepted');
    expect(protocols.evidence.nlaEnforced).toBe(false);
  });
});
