import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';

/** A test server on 127.0.0.1 and how to stop it. */
export interface Peer {
  readonly port: number;
  close(): Promise<void>;
}

import type { TestCertificate } from '../../support/certificate.js';

export { makeCertificate, removeCertificate, type TestCertificate } from '../../support/certificate.js';

/** Starts a TCP server on 127.0.0.1 (random port) that hands each connection to `handle`. */
export async function startTcpPeer(handle: (socket: net.Socket) => void): Promise<Peer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Calls `then` with the first TPKT frame a client sends (our Connection Request). */
export function onConnectionRequest(socket: net.Socket, then: (request: Buffer) => void): void {
  let buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (buffer.length >= 4 && buffer.length >= buffer.readUInt16BE(2)) {
      socket.off('data', onData);
      socket.pause();
      then(buffer.subarray(0, buffer.readUInt16BE(2)));
    }
  };
  socket.on('data', onData);
}

/** A Connection Confirm with RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3). */
export function confirm(type: 2 | 3, value: number, flags = 0): Buffer {
  const frame = Buffer.alloc(19);
  Buffer.from('030000130ed00000123400', 'hex').copy(frame);
  frame[11] = type;
  frame[12] = flags;
  frame.writeUInt16LE(8, 13);
  frame.writeUInt32LE(value, 15);
  return frame;
}

/** requestedProtocols of a Connection Request (the last 4 bytes of RDP_NEG_REQ). */
export function requestedProtocols(request: Buffer): number {
  return request.readUInt32LE(request.length - 4);
}

/** Starts a UDP peer on 127.0.0.1 that hands each datagram to `handle`. */
export async function startUdpPeer(handle: (message: Buffer, reply: (data: Buffer) => void) => void): Promise<Peer> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, remote) => handle(message, (data) => socket.send(data, remote.port, remote.address)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

/** A free TCP port on 127.0.0.1 (bound, read and released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Wraps a raw server-side socket in TLS with the given certificate. */
export function serverTls(socket: net.Socket, cert: TestCertificate): tls.TLSSocket {
  const secure = new tls.TLSSocket(socket, {
    isServer: true,
    secureContext: tls.createSecureContext({ cert: cert.cert, key: cert.key }),
  });
  secure.on('error', () => {});
  socket.resume();
  return secure;
}
