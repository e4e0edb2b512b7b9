import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../../../src/core/rdp/bytes.js';
import { encodeRdpUdpSyn, parseRdpUdpSynAck, RDPUDP_MTU } from '../../../../src/core/rdp/rdp-udp.js';

describe('encodeRdpUdpSyn', () => {
  it('matches the spec probe SYN (ISN 0x1a2b3c4d) padded to 1232 bytes', () => {
    const syn = encodeRdpUdpSyn(0x1a2b3c4d);
    expect(syn.length).toBe(1232);
    expect(toHex(syn.subarray(0, 20))).toBe('ffffffff004010011a2b3c4d04d004d000010002');
    expect(syn.subarray(20).every((b) => b === 0)).toBe(true);
  });
});

describe('parseRdpUdpSynAck', () => {
  const specSynAck = concatBytes([fromHex('00000042 0400 0005 00000042 04d0 04d0'), new Uint8Array(RDPUDP_MTU - 16)]);

  it('accepts the spec SYN+ACK example for ISN 0x42', () => {
    const parsed = parseRdpUdpSynAck(specSynAck, 0x42);
    expect(parsed).toEqual({
      kind: 'ok',
      value: {
        serverSequence: 0x42,
        receiveWindow: 0x400,
        flags: 5,
        upStreamMtu: 1232,
        downStreamMtu: 1232,
        udpVersion: null,
      },
    });
  });

  it('reads the UDP version from SYNDATAEX', () => {
    const parsed = parseRdpUdpSynAck(fromHex('1a2b3c4d 0040 1005 99999999 04d0 04d0 0001 0002'), 0x1a2b3c4d);
    expect(parsed.kind === 'ok' && parsed.value.udpVersion).toBe(2);
  });

  it('refuses a wrong acknowledgement, missing flags, truncated and oversized datagrams', () => {
    expect(parseRdpUdpSynAck(specSynAck, 0x43).kind).toBe('err');
    expect(parseRdpUdpSynAck(fromHex('00000042 0400 0001 00000042 04d0 04d0'), 0x42).kind).toBe('err');
    const short = parseRdpUdpSynAck(specSynAck.subarray(0, 15), 0x42);
    expect(short.kind === 'err' && short.error.reason).toBe('truncated');
    const big = parseRdpUdpSynAck(concatBytes([specSynAck, new Uint8Array(1)]), 0x42);
    expect(big.kind === 'err' && big.error.reason).toBe('oversized');
    expect(parseRdpUdpSynAck(encodeRdpUdpSyn(0x42), 0x42).kind).toBe('err');
  });
});
