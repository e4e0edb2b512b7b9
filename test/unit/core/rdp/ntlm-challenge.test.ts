import { describe, expect, it } from 'vitest';
import { concatBytes, viewOf } from '../../../../src/core/rdp/bytes.js';
import { filetimeToIso } from '../../../../src/core/rdp/filetime.js';
import { MAX_CHALLENGE_BYTES, parseNtlmChallenge } from '../../../../src/core/rdp/ntlm-challenge.js';
import { formatNtlmVersion, windowsName } from '../../../../src/core/rdp/windows-version.js';
import { NLMP_SPEC_CHALLENGE, SPEC_SYNTHETIC_CHALLENGE } from './vectors.js';

describe('parseNtlmChallenge', () => {
  it('decodes the MS-NLMP 4.2.4.3 example CHALLENGE', () => {
    const parsed = parseNtlmChallenge(NLMP_SPEC_CHALLENGE);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    expect(parsed.value.flags).toBe(0xe28a8233);
    expect(parsed.value.targetName).toBe('Server');
    expect(parsed.value.targetInfo).toEqual({
      nbComputerName: 'Server',
      nbDomainName: 'Domain',
      dnsComputerName: null,
      dnsDomainName: null,
      dnsTreeName: null,
      timestamp: null,
    });
    expect(parsed.value.version).toEqual({ major: 6, minor: 0, build: 6000, revision: 15 });
    expect(windowsName(parsed.value.version ?? { major: 0, minor: 0, build: 0, revision: 0 })).toBe(
      'Windows Server 2008 or Windows Vista',
    );
  });

  it("decodes the protocol spec's synthetic CHALLENGE: names, clock and version", () => {
    const parsed = parseNtlmChallenge(SPEC_SYNTHETIC_CHALLENGE);
    expect(parsed.kind).toBe('ok');
    if (parsed.kind !== 'ok') return;
    const { targetInfo, version, targetName } = parsed.value;
    expect(targetName).toBe('LAB');
    expect(targetInfo.nbComputerName).toBe('SRV1');
    expect(targetInfo.nbDomainName).toBe('LAB');
    expect(targetInfo.dnsComputerName).toBe('srv1.lab.local');
    expect(targetInfo.dnsDomainName).toBe('lab.local');
    expect(targetInfo.dnsTreeName).toBe('lab.local');
    expect(targetInfo.timestamp !== null && filetimeToIso(targetInfo.timestamp)).toBe('2024-06-10T06:13:20.000Z');
    expect(version && formatNtlmVersion(version)).toBe('10.0.20348');
    expect(version && windowsName(version)).toBe('Windows Server 2022');
  });

  it('returns typed errors for every truncation of the message', () => {
    for (let n = 0; n < SPEC_SYNTHETIC_CHALLENGE.length; n++) {
      const parsed = parseNtlmChallenge(SPEC_SYNTHETIC_CHALLENGE.subarray(0, n));
      expect(parsed.kind, `length ${n}`).toBe('err');
      if (parsed.kind === 'err') expect(parsed.error.reason).toBe('truncated');
    }
  });

  it('refuses oversized messages, wrong signature or type, and AV pairs running past TargetInfo', () => {
    const big = parseNtlmChallenge(concatBytes([SPEC_SYNTHETIC_CHALLENGE, new Uint8Array(MAX_CHALLENGE_BYTES)]));
    expect(big.kind === 'err' && big.error.reason).toBe('oversized');
    const badSignature = SPEC_SYNTHETIC_CHALLENGE.slice();
    badSignature[0] = 0x41;
    expect(parseNtlmChallenge(badSignature).kind).toBe('err');
    const negotiate = SPEC_SYNTHETIC_CHALLENGE.slice();
    negotiate[8] = 1;
    expect(parseNtlmChallenge(negotiate).kind).toBe('err');
    const overrun = SPEC_SYNTHETIC_CHALLENGE.slice();
    // First AV pair (NbDomain at offset 0x3e) claims 0x7fff bytes.
    viewOf(overrun).setUint16(0x3e + 2, 0x7fff, true);
    const parsed = parseNtlmChallenge(overrun);
    expect(parsed.kind === 'err' && parsed.error.reason).toBe('truncated');
    const hugeOffset = SPEC_SYNTHETIC_CHALLENGE.slice();
    viewOf(hugeOffset).setUint32(44, 0xffffffff, true);
    expect(parseNtlmChallenge(hugeOffset).kind).toBe('err');
  });

  it('never throws on random bytes behind a valid header', () => {
    for (let i = 0; i < 1000; i++) {
      const bytes = SPEC_SYNTHETIC_CHALLENGE.slice();
      for (let j = 0; j < 8; j++)
        bytes[8 + Math.floor(Math.random() * (bytes.length - 8))] = Math.floor(Math.random() * 256);
      expect(() => parseNtlmChallenge(bytes)).not.toThrow();
    }
  });

  it('omits the version when NEGOTIATE_VERSION is not set', () => {
    const bytes = SPEC_SYNTHETIC_CHALLENGE.slice();
    const view = viewOf(bytes);
    view.setUint32(20, view.getUint32(20, true) & ~0x02000000, true);
    const parsed = parseNtlmChallenge(bytes);
    expect(parsed.kind === 'ok' && parsed.value.version).toBeNull();
  });
});

describe('windowsName and filetimeToIso', () => {
  it('names Windows builds and leaves unknown ones open', () => {
    const v = (major: number, minor: number, build: number) => ({ major, minor, build, revision: 15 });
    expect(windowsName(v(10, 0, 17763))).toBe('Windows Server 2019 or Windows 10 1809');
    expect(windowsName(v(10, 0, 26100))).toBe('Windows Server 2025 or Windows 11 24H2');
    expect(windowsName(v(6, 3, 9600))).toBe('Windows Server 2012 R2 or Windows 8.1');
    expect(windowsName(v(10, 0, 30000))).toContain('build 30000');
    expect(windowsName(v(1, 2, 3))).toBeNull();
  });

  it('converts FILETIME and refuses values a Date cannot hold', () => {
    expect(filetimeToIso(116444736000000000n)).toBe('1970-01-01T00:00:00.000Z');
    expect(filetimeToIso(0n)).toBe('1601-01-01T00:00:00.000Z');
    expect(filetimeToIso(0xffffffffffffffffn)).toBeNull();
  });
});
