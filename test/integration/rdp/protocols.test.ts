import { afterAll, describe, expect, it } from 'vitest';
import { sweepProtocols } from '../../../src/node/rdp/protocol-sweep.js';
import { confirm, onConnectionRequest, type Peer, requestedProtocols, startTcpPeer } from './peers.js';

const peers: Peer[] = [];
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
});

describe('protocol sweep against a local peer', () => {
  it('finds NLA enforced and never opens more than 2 connections at once', async () => {
    // Connections the server holds before answering: the probe opens the next one only after an answer.
    let open = 0;
    let most = 0;
    const offered: number[] = [];
    const peer = await startTcpPeer((socket) => {
      open++;
      most = Math.max(most, open);
      onConnectionRequest(socket, (request) => {
        const wanted = requestedProtocols(request);
        offered.push(wanted);
        // A Windows server with NLA enforced: CredSSP (with or without early auth) or nothing.
        // Answer after a short delay so overlapping attempts would be visible.
        setTimeout(() => {
          open--;
          if (wanted & 0x08) socket.end(confirm(2, 0x08, 0x1f));
          else if (wanted & 0x02) socket.end(confirm(2, 0x02, 0x1f));
          else socket.end(confirm(3, 5));
        }, 30);
      });
    });
    peers.push(peer);
    const evidence = await sweepProtocols({
      address: '127.0.0.1',
      port: peer.port,
      cookie: 'rdpprobe',
      stepTimeoutMs: 2000,
      signal: AbortSignal.timeout(10_000),
    });
    expect(evidence.attempts.map((a) => [a.protocol, a.result, a.failureCode])).toEqual([
      ['rdp', 'refused', 5],
      ['ssl', 'refused', 5],
      ['hybrid', 'accepted', null],
      ['rdstls', 'refused', 5],
      ['hybrid-ex', 'accepted', null],
    ]);
    expect(evidence.nlaEnforced).toBe(true);
    expect(offered.sort((a, b) => a - b)).toEqual([0, 1, 3, 4, 8]);
    expect(most).toBe(2);
  });
});
