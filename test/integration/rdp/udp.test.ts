import { afterAll, describe, expect, it } from 'vitest';
import { probeRdpUdp } from '../../../src/node/rdp/udp-probe.js';
import { freePort, type Peer, startUdpPeer } from './peers.js';

const peers: Peer[] = [];
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
});

const probe = (port: number, attempts = 3, intervalMs = 150) =>
  probeRdpUdp({ address: '127.0.0.1', family: 4, port, attempts, intervalMs, signal: AbortSignal.timeout(5000) });

describe('RDP-UDP against local peers', () => {
  it('confirms a peer that answers the SYN with a SYN+ACK', async () => {
    const syns: Buffer[] = [];
    const peer = await startUdpPeer((message, reply) => {
      syns.push(message);
      const synAck = Buffer.alloc(1232);
      synAck.writeUInt32BE(message.readUInt32BE(8), 0); // snSourceAck = the client's ISN
      synAck.writeUInt16BE(64, 4);
      synAck.writeUInt16BE(0x1005, 6); // SYN | ACK | SYNEX
      synAck.writeUInt32BE(0x42, 8);
      synAck.writeUInt16BE(1232, 12);
      synAck.writeUInt16BE(1232, 14);
      synAck.writeUInt16BE(1, 16);
      synAck.writeUInt16BE(2, 18);
      reply(synAck);
    });
    peers.push(peer);
    const result = await probe(peer.port);
    expect(result.outcome).toBe('confirmed');
    expect(result.udpVersion).toBe(2);
    expect(result.synsSent).toBe(1);
    expect(syns[0]?.length).toBe(1232);
    expect(syns[0]?.readUInt32BE(0)).toBe(0xffffffff);
    expect(syns[0]?.readUInt16BE(6)).toBe(0x1001);
  });

  it('ignores unrelated datagrams and gives up after the retries', async () => {
    let received = 0;
    const peer = await startUdpPeer((_message, reply) => {
      received++;
      reply(Buffer.from('not rdp'));
    });
    peers.push(peer);
    const started = performance.now();
    const result = await probe(peer.port, 3, 100);
    expect(result.outcome).toBe('not-confirmed');
    expect(result.synsSent).toBe(3);
    expect(result.ignoredDatagrams).toBe(3);
    expect(received).toBe(3);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reports a closed UDP port as refused (ICMP port unreachable on loopback)', async () => {
    const result = await probe(await freePort(), 3, 200);
    expect(result.outcome).toBe('refused');
  });
});
