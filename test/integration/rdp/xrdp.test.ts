import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rdpFindings } from '../../../src/core/diagnosis/rdp-rules.js';
import { startXrdp, stopXrdp, type Xrdp } from '../../support/xrdp.js';
import { freePort, makeCertificate, removeCertificate, type TestCertificate } from './peers.js';
import { loopbackTarget, runRdpChecks } from './run-rdp-checks.js';

const CN = 'XRDP-TEST01';

/** Starts one xrdp for this file on a free loopback port. */
async function start(name: string, securityLayer: 'negotiate' | 'tls'): Promise<Xrdp> {
  return startXrdp({ dir, name, port: await freePort(), cert, securityLayer });
}

let cert: TestCertificate;
let dir: string;
let negotiating: Xrdp;
let tlsOnly: Xrdp;

beforeAll(async () => {
  cert = makeCertificate(CN);
  dir = mkdtempSync(join(tmpdir(), 'rdp-probe-xrdp-'));
  negotiating = await start('negotiate', 'negotiate');
  tlsOnly = await start('tls', 'tls');
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
