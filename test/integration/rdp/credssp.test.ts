import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rdpFindings } from '../../../src/core/diagnosis/rdp-rules.js';
import { derFrameLength } from '../../../src/core/rdp/der.js';
import { encodeNtlmNegotiate } from '../../../src/core/rdp/ntlm-negotiate.js';
import { encodeTsRequest, parseTsRequest } from '../../../src/core/rdp/ts-request.js';
import { NLMP_SPEC_CHALLENGE, SPEC_SYNTHETIC_CHALLENGE } from '../../unit/core/rdp/vectors.js';
import {
  confirm,
  makeCertificate,
  onConnectionRequest,
  type Peer,
  removeCertificate,
  serverTls,
  startTcpPeer,
  type TestCertificate,
} from './peers.js';
import { loopbackTarget, runRdpChecks } from './run-rdp-checks.js';

/** What a CredSSP peer saw from the probe after TLS: the TSRequest and anything sent after it. */
interface Seen {
  tsRequest: Buffer | null;
  after: number;
}

/** A server that selects HYBRID, starts TLS, reads one TSRequest and answers with `answer`. */
function credSspPeer(cert: TestCertificate, answer: Uint8Array, seen: Seen) {
  return (socket: net.Socket) =>
    onConnectionRequest(socket, () => {
      socket.write(confirm(2, 2, 0x1f));
      const secure = serverTls(socket, cert);
      let buffer = Buffer.alloc(0);
      secure.on('data', (chunk: Buffer) => {
        if (seen.tsRequest !== null) {
          seen.after += chunk.length;
          return;
        }
        buffer = Buffer.concat([buffer, chunk]);
        const length = derFrameLength(buffer);
        if (length !== null && length > 0 && buffer.length >= length) {
          seen.tsRequest = buffer.subarray(0, length);
          seen.after += buffer.length - length;
          secure.write(answer);
        }
      });
    });
}

let cert: TestCertificate;
const peers: Peer[] = [];
beforeAll(() => {
  cert = makeCertificate('NLA-HOST');
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  removeCertificate(cert);
});

describe('CredSSP NTLM identity against a local peer', () => {
  it('decodes the MS-NLMP example CHALLENGE and sends nothing but the NEGOTIATE', async () => {
    const seen: Seen = { tsRequest: null, after: 0 };
    const peer = await startTcpPeer(credSspPeer(cert, encodeTsRequest(NLMP_SPEC_CHALLENGE), seen));
    peers.push(peer);
    const results = await runRdpChecks(peer.port, { stepTimeoutMs: 2000, protocols: false, udp: false });
    const negotiate = results.get('rdp.negotiate');
    expect(negotiate?.status).toBe('pass');
    expect(negotiate?.evidence?.kind === 'rdp.negotiate' && negotiate.evidence.selectedProtocol).toBe(2);
    const tls = results.get('rdp.tls');
    expect(tls?.evidence?.kind === 'rdp.tls' && tls.evidence.certificate?.subjectCN).toBe('NLA-HOST');
    const ntlm = results.get('rdp.ntlm');
    expect(ntlm?.status).toBe('pass');
    if (ntlm?.evidence?.kind !== 'rdp.ntlm') throw new Error('no ntlm evidence');
    expect(ntlm.evidence.outcome).toBe('challenge');
    expect(ntlm.evidence.identity).toEqual({
      targetName: 'Server',
      nbComputerName: 'Server',
      nbDomainName: 'Domain',
      dnsComputerName: null,
      dnsDomainName: null,
      dnsTreeName: null,
      version: '6.0.6000',
      windowsName: 'Windows Server 2008 or Windows Vista',
    });
    expect(ntlm.evidence.serverTime).toBeNull();
    // The probe sent exactly one TSRequest carrying an NTLM NEGOTIATE (no credentials), and nothing after it.
    expect(seen.tsRequest?.toString('hex')).toBe(Buffer.from(encodeTsRequest(encodeNtlmNegotiate())).toString('hex'));
    const sent = parseTsRequest(new Uint8Array(seen.tsRequest ?? []));
    expect(sent.kind === 'ok' && Buffer.from(sent.value.negoToken ?? []).readUInt32LE(8)).toBe(1);
    expect(seen.after).toBe(0);
    const findings = rdpFindings({
      target: loopbackTarget(peer.port),
      checks: [...results.values()],
      expectedHostName: null,
    });
    expect(findings.map((f) => f.code)).toEqual(['rdp.ok', 'rdp.host-identity']);
    expect(
      rdpFindings({
        target: loopbackTarget(peer.port),
        checks: [...results.values()],
        expectedHostName: 'OTHER-VM',
      }).map((f) => f.code),
    ).toContain('rdp.wrong-host');
  });

  it("reads the server clock from the spec's synthetic CHALLENGE and reports the skew", async () => {
    const seen: Seen = { tsRequest: null, after: 0 };
    const peer = await startTcpPeer(credSspPeer(cert, encodeTsRequest(SPEC_SYNTHETIC_CHALLENGE), seen));
    peers.push(peer);
    const results = await runRdpChecks(peer.port, { stepTimeoutMs: 2000, protocols: false, udp: false });
    const ntlm = results.get('rdp.ntlm')?.evidence;
    if (ntlm?.kind !== 'rdp.ntlm') throw new Error('no ntlm evidence');
    expect(ntlm.identity?.dnsComputerName).toBe('srv1.lab.local');
    expect(ntlm.identity?.windowsName).toBe('Windows Server 2022');
    expect(ntlm.serverTime).toBe('2024-06-10T06:13:20.000Z');
    expect(ntlm.skewMs).toBeLessThan(-5 * 60_000);
    const codes = rdpFindings({
      target: loopbackTarget(peer.port),
      checks: [...results.values()],
      expectedHostName: 'srv1',
    }).map((f) => f.code);
    expect(codes).toContain('rdp.clock-skew');
    expect(codes).not.toContain('rdp.wrong-host');
  });

  it('reports a CredSSP errorCode without an identity', async () => {
    const seen: Seen = { tsRequest: null, after: 0 };
    const answer = Buffer.from('300ea003020106a407020500c00000bb', 'hex');
    const peer = await startTcpPeer(credSspPeer(cert, answer, seen));
    peers.push(peer);
    const results = await runRdpChecks(peer.port, { stepTimeoutMs: 2000, protocols: false, udp: false });
    const ntlm = results.get('rdp.ntlm');
    expect(ntlm?.status).toBe('warn');
    expect(ntlm?.evidence?.kind === 'rdp.ntlm' && ntlm.evidence.errorCode).toBe('0xc00000bb');
  });

  it('keeps the negotiation and certificate when the CredSSP step gets no answer', async () => {
    const seen: Seen = { tsRequest: null, after: 0 };
    const peer = await startTcpPeer(credSspPeer(cert, new Uint8Array(0), seen));
    peers.push(peer);
    const results = await runRdpChecks(peer.port, { stepTimeoutMs: 400, protocols: false, udp: false });
    expect(results.get('rdp.negotiate')?.status).toBe('pass');
    expect(results.get('rdp.tls')?.status).toBe('pass');
    const ntlm = results.get('rdp.ntlm');
    expect(ntlm?.evidence?.kind === 'rdp.ntlm' && ntlm.evidence.outcome).toBe('no-reply');
  });
});
