import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/core/rdp/bytes.js';
import { DEFAULT_REQUESTED_PROTOCOLS, PROTOCOL } from '../../../../src/core/rdp/protocols.js';
import { parseConnectionConfirm, tpktFrameLength } from '../../../../src/core/rdp/x224-confirm.js';
import { encodeConnectionRequest } from '../../../../src/core/rdp/x224-request.js';

describe('encodeConnectionRequest', () => {
  it('matches the spec example: cookie mstshash=user, SSL|HYBRID|HYBRID_EX', () => {
    const request = encodeConnectionRequest({ requestedProtocols: 0x0b, cookie: 'user', routingToken: null });
    expect(request.kind).toBe('ok');
    if (request.kind !== 'ok') return;
    expect(toHex(request.value)).toBe(
      '0300002a25e00000000000436f6f6b69653a206d737473686173683d757365720d0a010008000b000000',
    );
  });

  it('encodes a request without cookie as 19 bytes', () => {
    const request = encodeConnectionRequest({ requestedProtocols: PROTOCOL.SSL, cookie: null, routingToken: null });
    expect(request.kind === 'ok' && toHex(request.value)).toBe('030000130ee000000000000100080001000000');
  });

  it('puts a routing token instead of the cookie and ends it with CR LF', () => {
    const token = 'Cookie: msts=3640205228.15629.0000';
    const request = encodeConnectionRequest({
      requestedProtocols: DEFAULT_REQUESTED_PROTOCOLS,
      cookie: 'x',
      routingToken: token,
    });
    expect(request.kind).toBe('ok');
    if (request.kind !== 'ok') return;
    const text = new TextDecoder('latin1').decode(request.value.subarray(11, 11 + token.length + 2));
    expect(text).toBe(`${token}\r\n`);
    expect(request.value.length).toBe(11 + token.length + 2 + 8);
    expect(request.value[4]).toBe(request.value.length - 5);
  });

  it('refuses line breaks, non-ASCII and over-long tokens', () => {
    expect(encodeConnectionRequest({ requestedProtocols: 1, cookie: 'a\r\nb', routingToken: null }).kind).toBe('err');
    expect(encodeConnectionRequest({ requestedProtocols: 1, cookie: 'Jürgen', routingToken: null }).kind).toBe('err');
    expect(encodeConnectionRequest({ requestedProtocols: 1, cookie: 'x'.repeat(300), routingToken: null }).kind).toBe(
      'err',
    );
  });
});

describe('parseConnectionConfirm', () => {
  it('reads a Windows NEG_RSP selecting HYBRID with flags 0x1f', () => {
    const parsed = parseConnectionConfirm(fromHex('030000130ed00000123400021f080002000000'));
    expect(parsed).toEqual({
      kind: 'ok',
      value: { kind: 'negotiated', selectedProtocol: 2, flags: 0x1f, sourceRef: 0x1234 },
    });
  });

  it('reads an RDP_NEG_FAILURE with its code', () => {
    const parsed = parseConnectionConfirm(fromHex('030000130ed000001234000300080005000000'));
    expect(parsed).toEqual({ kind: 'ok', value: { kind: 'failure', failureCode: 5, sourceRef: 0x1234 } });
  });

  it('reads an old server without negotiation data (Windows XP fingerprint)', () => {
    expect(parseConnectionConfirm(fromHex('0300000b06d00000123400'))).toEqual({
      kind: 'ok',
      value: { kind: 'no-negotiation-data', sourceRef: 0x1234 },
    });
  });

  it('returns typed errors for truncated, oversized and garbage input, never throwing', () => {
    const full = fromHex('030000130ed00000123400021f080002000000');
    for (let n = 0; n < full.length; n++) {
      const parsed = parseConnectionConfirm(full.subarray(0, n));
      expect(parsed.kind).toBe('err');
      if (parsed.kind === 'err' && n >= 4) expect(parsed.error.reason).toBe('truncated');
    }
    const oversized = parseConnectionConfirm(fromHex('0300ffff0ed00000123400021f080002000000'));
    expect(oversized.kind === 'err' && oversized.error.reason).toBe('oversized');
    expect(parseConnectionConfirm(fromHex('485454502f312e31')).kind).toBe('err');
    const wrongCode = parseConnectionConfirm(fromHex('0300000b06800000123400'));
    expect(wrongCode.kind === 'err' && wrongCode.error.reason).toBe('malformed');
    const badLength = parseConnectionConfirm(fromHex('030000130ed00000123400021f090002000000'));
    expect(badLength.kind === 'err' && badLength.error.reason).toBe('malformed');
    for (let i = 0; i < 500; i++) {
      const random = Uint8Array.from({ length: i % 40 }, () => Math.floor(Math.random() * 256));
      if (i % 2 === 0 && random.length > 1) {
        random[0] = 3;
        random[1] = 0;
      }
      expect(() => parseConnectionConfirm(random)).not.toThrow();
    }
  });

  it('ignores bytes after the frame', () => {
    const parsed = parseConnectionConfirm(fromHex('030000130ed00000123400020108000100000016030100'));
    expect(parsed.kind === 'ok' && parsed.value.kind).toBe('negotiated');
  });
});

describe('tpktFrameLength', () => {
  it('needs 4 bytes, reads the big-endian length, and answers 0 for non-TPKT', () => {
    expect(tpktFrameLength(fromHex('0300'))).toBeNull();
    expect(tpktFrameLength(fromHex('03000013'))).toBe(19);
    expect(tpktFrameLength(fromHex('48'))).toBe(0);
    expect(tpktFrameLength(fromHex('0301'))).toBe(0);
  });
});
