import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../../../src/core/rdp/bytes.js';
import { derFrameLength, encodeDerLength } from '../../../../src/core/rdp/der.js';
import { encodeNtlmNegotiate } from '../../../../src/core/rdp/ntlm-negotiate.js';
import { encodeTsRequest, MAX_TS_REQUEST_BYTES, parseTsRequest } from '../../../../src/core/rdp/ts-request.js';
import { SPEC_NEGOTIATE_TS_REQUEST, SPEC_SYNTHETIC_CHALLENGE, SPEC_SYNTHETIC_TS_REQUEST_HEADER } from './vectors.js';

describe('encodeTsRequest', () => {
  it('wraps the NTLM NEGOTIATE exactly as the spec example (57 bytes, version 6)', () => {
    const bytes = encodeTsRequest(encodeNtlmNegotiate());
    expect(toHex(bytes)).toBe(toHex(SPEC_NEGOTIATE_TS_REQUEST));
    expect(bytes.length).toBe(57);
  });

  it('uses long-form lengths like the spec for a 176-byte token', () => {
    const bytes = encodeTsRequest(SPEC_SYNTHETIC_CHALLENGE);
    expect(toHex(bytes.subarray(0, SPEC_SYNTHETIC_TS_REQUEST_HEADER.length))).toBe(
      toHex(SPEC_SYNTHETIC_TS_REQUEST_HEADER),
    );
  });
});

describe('parseTsRequest', () => {
  it('returns the version and the NTLM token', () => {
    const parsed = parseTsRequest(concatBytes([SPEC_SYNTHETIC_TS_REQUEST_HEADER, SPEC_SYNTHETIC_CHALLENGE]));
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.value.version).toBe(6);
    expect(parsed.value.errorCode).toBeNull();
    expect(toHex(parsed.value.negoToken ?? new Uint8Array())).toBe(toHex(SPEC_SYNTHETIC_CHALLENGE));
  });

  it('reads an errorCode (NTSTATUS with a leading sign byte)', () => {
    // SEQ { [0] INT 6, [4] INT 0xC000005E }
    const parsed = parseTsRequest(fromHex('300e a003020106 a407 020500c000005e'));
    expect(parsed).toEqual({ kind: 'ok', value: { version: 6, negoToken: null, errorCode: 0xc000005e } });
  });

  it('returns typed errors for every truncation, oversized input and garbage', () => {
    const whole = concatBytes([SPEC_SYNTHETIC_TS_REQUEST_HEADER, SPEC_SYNTHETIC_CHALLENGE]);
    for (let n = 0; n < whole.length; n++) {
      const parsed = parseTsRequest(whole.subarray(0, n));
      expect(parsed.kind).toBe('err');
    }
    const big = parseTsRequest(new Uint8Array(MAX_TS_REQUEST_BYTES + 1));
    expect(big.kind === 'err' && big.error.reason).toBe('oversized');
    expect(parseTsRequest(fromHex('3084ffffffff')).kind).toBe('err');
    expect(parseTsRequest(fromHex('3085000000000000')).kind).toBe('err');
    expect(parseTsRequest(fromHex('040100')).kind).toBe('err');
    for (let i = 0; i < 500; i++) {
      const random = Uint8Array.from({ length: i % 64 }, () => Math.floor(Math.random() * 256));
      random[0] = 0x30;
      expect(() => parseTsRequest(random)).not.toThrow();
    }
  });
});

describe('DER lengths', () => {
  it('encodes short and long forms and frames a TSRequest', () => {
    expect(toHex(encodeDerLength(0x7f))).toBe('7f');
    expect(toHex(encodeDerLength(0xc4))).toBe('81c4');
    expect(toHex(encodeDerLength(0x1234))).toBe('821234');
    expect(derFrameLength(fromHex('30'))).toBeNull();
    expect(derFrameLength(fromHex('3081'))).toBeNull();
    expect(derFrameLength(fromHex('3081c4'))).toBe(0xc4 + 3);
    expect(derFrameLength(fromHex('3037'))).toBe(57);
    expect(derFrameLength(fromHex('3080'))).toBe(0);
  });
});
