import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import type { UdpRdpEvidence } from '../../core/evidence/rdp.js';
import { encodeRdpUdpSyn, parseRdpUdpSynAck } from '../../core/rdp/rdp-udp.js';

/** Where to send the RDP-UDP SYN and how persistently. */
export interface UdpProbeOptions {
  readonly address: string;
  readonly family: 4 | 6;
  readonly port: number;
  /** SYNs to send at most (Windows itself retransmits 3 times) [MS-RDPEUDP 6]. */
  readonly attempts: number;
  /** Wait between SYNs (Windows uses 800 ms); the probe waits one more interval after the last. */
  readonly intervalMs: number;
  readonly signal: AbortSignal;
}

/**
 * Sends an RDP-UDP SYN and waits for a SYN+ACK that acknowledges it; resends a few times, then gives up.
 * Never sends the final ACK, so no UDP session is set up. One small burst per target, never spoofed.
 */
export function probeRdpUdp(options: UdpProbeOptions): Promise<UdpRdpEvidence> {
  const isn = randomInt(0, 0xffffffff);
  const syn = encodeRdpUdpSyn(isn);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = dgram.createSocket(options.family === 6 ? 'udp6' : 'udp4');
    let sent = 0;
    let ignored = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: UdpRdpEvidence['outcome'], extra: Partial<UdpRdpEvidence> = {}) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.close();
      resolve({
        kind: 'udp.rdp',
        address: options.address,
        port: options.port,
        outcome,
        synsSent: sent,
        rttMs: null,
        udpVersion: null,
        ignoredDatagrams: ignored,
        error: null,
        ...extra,
      });
    };
    const send = () => {
      if (done) return;
      if (sent >= options.attempts) return finish('not-confirmed');
      sent++;
      socket.send(syn, (error) => {
        if (error) finish('error', { error: (error as NodeJS.ErrnoException).code ?? error.message });
      });
      timer = setTimeout(send, options.intervalMs);
    };
    const onAbort = () => finish('not-confirmed', { error: 'aborted' });
    socket.on('message', (message) => {
      const parsed = parseRdpUdpSynAck(new Uint8Array(message.buffer, message.byteOffset, message.byteLength), isn);
      if (parsed.kind === 'err') {
        ignored++;
        return;
      }
      finish('confirmed', { rttMs: performance.now() - started, udpVersion: parsed.value.udpVersion });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') finish('refused', { error: error.code });
      else finish('error', { error: error.code ?? error.message });
    });
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    // A connected UDP socket receives only the target's datagrams and reports ICMP port unreachable.
    socket.connect(options.port, options.address, send);
  });
}
