import { err, ok, type Result } from '../result.js';
import { viewOf } from './bytes.js';
import { type DecodeError, decodeError } from './decode-error.js';

/** RDPUDP_FEC_HEADER uFlags bits [MS-RDPEUDP 2.2.2.1]. */
export const RDPUDP_FLAG = { SYN: 0x0001, ACK: 0x0004, SYNEX: 0x1000 } as const;

/** The datagram size a SYN is padded to: the MTU both sides announce. */
export const RDPUDP_MTU = 1232;

/** What a SYN+ACK tells: the server's sequence number, window, MTUs and, with SYNEX, the UDP version. */
export interface RdpUdpSynAck {
  readonly serverSequence: number;
  readonly receiveWindow: number;
  readonly flags: number;
  readonly upStreamMtu: number;
  readonly downStreamMtu: number;
  /** uUdpVer from RDPUDP_SYNDATAEX_PAYLOAD, when the server sent one. */
  readonly udpVersion: number | null;
}

/**
 * Builds an RDP-UDP SYN datagram [MS-RDPEUDP 3.1.5.1.1]: snSourceAck -1, window 64, SYN|SYNEX, our
 * initial sequence number, MTU 1232 both ways, SYNDATAEX version 2 (version 3 needs a TCP-side cookie),
 * zero-padded to 1232 bytes. Big-endian throughout.
 */
export function encodeRdpUdpSyn(initialSequence: number): Uint8Array {
  const datagram = new Uint8Array(RDPUDP_MTU);
  const view = viewOf(datagram);
  view.setUint32(0, 0xffffffff, false);
  view.setUint16(4, 64, false);
  view.setUint16(6, RDPUDP_FLAG.SYN | RDPUDP_FLAG.SYNEX, false);
  view.setUint32(8, initialSequence >>> 0, false);
  view.setUint16(12, RDPUDP_MTU, false);
  view.setUint16(14, RDPUDP_MTU, false);
  view.setUint16(16, 0x0001, false);
  view.setUint16(18, 0x0002, false);
  return datagram;
}

/**
 * Recognises a SYN+ACK to our SYN: at least 16 bytes, SYN and ACK set, snSourceAck equal to our initial
 * sequence number [MS-RDPEUDP 3.1.5.1.3]. Anything else is a typed error, never an exception.
 */
export function parseRdpUdpSynAck(datagram: Uint8Array, initialSequence: number): Result<RdpUdpSynAck, DecodeError> {
  if (datagram.length < 16) return err(decodeError('truncated', `a SYN+ACK needs 16 bytes; got ${datagram.length}.`));
  if (datagram.length > RDPUDP_MTU) {
    return err(
      decodeError('oversized', `a ${datagram.length}-byte datagram exceeds the ${RDPUDP_MTU}-byte RDP-UDP MTU.`),
    );
  }
  const view = viewOf(datagram);
  const ack = view.getUint32(0, false);
  const flags = view.getUint16(6, false);
  const both = RDPUDP_FLAG.SYN | RDPUDP_FLAG.ACK;
  if ((flags & both) !== both) return err(decodeError('malformed', `uFlags 0x${flags.toString(16)} lacks SYN|ACK.`));
  if (ack !== initialSequence >>> 0) {
    return err(
      decodeError(
        'malformed',
        `snSourceAck 0x${ack.toString(16)} does not acknowledge our SYN (0x${(initialSequence >>> 0).toString(16)}).`,
      ),
    );
  }
  const hasSynEx = (flags & RDPUDP_FLAG.SYNEX) !== 0 && datagram.length >= 20;
  return ok({
    serverSequence: view.getUint32(8, false),
    receiveWindow: view.getUint16(4, false),
    flags,
    upStreamMtu: view.getUint16(12, false),
    downStreamMtu: view.getUint16(14, false),
    udpVersion: hasSynEx ? view.getUint16(18, false) : null,
  });
}
