import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rdpFindings } from '../../../src/core/diagnosis/rdp-rules.js';
import { NEGOTIATION_FAILURE_REMEDIES } from '../../../src/core/findings/rdp-findings.js';
import { DEFAULT_REQUESTED_PROTOCOLS } from '../../../src/core/rdp/protocols.js';
import { encodeConnectionRequest } from '../../../src/core/rdp/x224-request.js';
import { probeRdpSession, type RdpSession } from '../../../src/node/rdp/rdp-session.js';
import {
  confirm,
  makeCertificate,
  onConnectionRequest,
  type Peer,
  removeCertificate,
  requestedProtocols,
  serverTls,
  startTcpPeer,
  type TestCertificate,
} from './peers.js';
import { loopbackTarget } from './run-rdp-checks.js';

const request = encodeConnectionRequest({
  requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
  cookie: 'rdpprobe',
  routingToken: null,
});
if (request.kind !== 'ok') throw new Error('request');

function session(port: number, stepTimeoutMs = 2000): Promise<RdpSession> {
  return probeRdpSession({
    address: '127.0.0.1',
    port,
    request: request.kind === 'ok' ? request.value : new Uint8Array(),
    requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
    sentToken: 'Cookie: mstshash=rdpprobe',
    servername: null,
    stepTimeoutMs,
    signal: AbortSignal.timeout(10_000),
  });
}

const peers: Peer[] = [];
async function peer(handle: (socket: net.Socket) => void): Promise<number> {
  const started = await startTcpPeer(handle);
  peers.push(started);
  return started.port;
}

let cert: TestCertificate;
beforeAll(() => {
  cert = makeCertificate('TLS-ONLY');
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  removeCertificate(cert);
});

describe('negotiation against local peers', () => {
  for (const code of [1, 2, 3, 4, 5, 6] as const) {
    it(`reads RDP_NEG_FAILURE ${code} and gives its own remedy`, async () => {
      const port = await peer((socket) => onConnectionRequest(socket, () => socket.end(confirm(3, code))));
      const result = await session(port);
      expect(result.negotiate.outcome).toBe('failure');
      expect(result.negotiate.failureCode).toBe(code);
      expect(result.tls.kind).toBe('skipped');
      const findings = rdpFindings({ target: loopbackTarget(port), checks: [asCheck(result)], expectedHostName: null });
      expect(findings[0]?.code).toBe('rdp.negotiation-failed');
      expect(findings[0]?.remedy.summary).toBe(NEGOTIATION_FAILURE_REMEDIES[code].remedy);
    });
  }

  it('recognises an HTTP server', async () => {
    const port = await peer((socket) =>
      socket.once('data', () =>
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      ),
    );
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('http');
    expect(result.negotiate.reply?.text).toBe('HTTP/1.1 400 Bad Request');
    const findings = rdpFindings({ target: loopbackTarget(port), checks: [asCheck(result)], expectedHostName: null });
    expect(findings.map((f) => f.code)).toEqual(['rdp.not-rdp']);
  });

  it('recognises an SSH banner sent on connect', async () => {
    const port = await peer((socket) => socket.write('SSH-2.0-OpenSSH_9.6p1 Debian\r\n'));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('ssh-banner');
  });

  it('recognises a TLS-only server by its TLS answer', async () => {
    const port = await peer((socket) => serverTls(socket, cert));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('tls-direct');
    expect(result.negotiate.reply?.description).toContain('certificate for TLS-ONLY');
  });

  it('recognises a TLS server that answers our request with a TLS alert', async () => {
    const port = await peer((socket) => socket.once('data', () => socket.end(Buffer.from('15030300020246', 'hex'))));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('tls-alert');
  });

  it('recognises our own request echoed back', async () => {
    const port = await peer((socket) => socket.pipe(socket));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('echo');
  });

  it('reports an immediate close as closed-after-connect', async () => {
    const port = await peer((socket) => socket.end());
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('closed');
    const findings = rdpFindings({ target: loopbackTarget(port), checks: [asCheck(result)], expectedHostName: null });
    expect(findings.map((f) => f.code)).toEqual(['rdp.closed-after-connect']);
  });

  it('reports a silent server within the step timeout', async () => {
    const port = await peer(() => {});
    const started = performance.now();
    const result = await session(port, 300);
    expect(result.negotiate.outcome).toBe('no-reply');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('classifies random bytes as an unknown service', async () => {
    const bytes = Buffer.concat([Buffer.from([0x99, 0x42]), randomBytes(64)]);
    const port = await peer((socket) => socket.once('data', () => socket.end(bytes)));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('not-rdp');
    expect(result.negotiate.reply?.kind).toBe('other');
    expect(result.negotiate.reply?.headHex).toBe(bytes.subarray(0, 32).toString('hex'));
  });

  it('reports a truncated Connection Confirm as invalid', async () => {
    const port = await peer((socket) => onConnectionRequest(socket, () => socket.end(confirm(2, 1).subarray(0, 12))));
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('invalid-confirm');
    expect(result.negotiate.error).toContain('19 bytes');
  });

  it('stops reading an oversized TPKT frame', async () => {
    const port = await peer((socket) =>
      onConnectionRequest(socket, () =>
        socket.write(Buffer.concat([Buffer.from('0300fff0f0d0', 'hex'), Buffer.alloc(4000)])),
      ),
    );
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('invalid-confirm');
    expect(result.negotiate.reply?.ended).toBe('oversized');
  });

  it('reads a legacy Connection Confirm without negotiation data', async () => {
    const port = await peer((socket) =>
      onConnectionRequest(socket, () => socket.end(Buffer.from('0300000b06d00000123400', 'hex'))),
    );
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('no-negotiation-data');
    expect(result.tls.kind).toBe('skipped');
  });

  it('sends the Connection Request with the neutral cookie and the default protocols', async () => {
    let seen: Buffer | null = null;
    const port = await peer((socket) =>
      onConnectionRequest(socket, (req) => {
        seen = req;
        socket.end(confirm(2, 0));
      }),
    );
    const result = await session(port);
    expect(result.negotiate.outcome).toBe('negotiated');
    expect(result.negotiate.selectedProtocol).toBe(0);
    expect(result.tls.kind).toBe('skipped');
    expect((seen as Buffer | null)?.toString('latin1')).toContain('Cookie: mstshash=rdpprobe\r\n');
    expect(seen && requestedProtocols(seen)).toBe(DEFAULT_REQUESTED_PROTOCOLS);
  });
});

function asCheck(result: RdpSession) {
  return {
    id: 'rdp.negotiate' as const,
    path: 'direct' as const,
    title: 'negotiate',
    status: 'fail' as const,
    summary: '',
    startedAt: new Date().toISOString(),
    durationMs: 1,
    evidence: result.negotiate,
  };
}
