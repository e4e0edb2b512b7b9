import { describe, expect, it } from 'vitest';
import { parseClientErrorCode } from '../../../../src/core/client-error-codes.js';
import { clientErrorFinding } from '../../../../src/core/diagnosis/client-rules.js';

describe('the RDP client error code as evidence', () => {
  it('reads codes as mstsc shows them, in hex or decimal', () => {
    expect(parseClientErrorCode('0x204')).toBe(516);
    expect(parseClientErrorCode('0X904')).toBe(2308);
    expect(parseClientErrorCode('516')).toBe(516);
    expect(parseClientErrorCode('error 204')).toBeNull();
    expect(parseClientErrorCode('0x')).toBeNull();
  });

  it('decodes a connect failure and says whether this probe sees the same', () => {
    const same = clientErrorFinding(0x204, false);
    expect(same).toMatchObject({ code: 'client.error-code', severity: 'info', source: 4, candidates: [2, 1, 3] });
    expect(same.detail).toBe(
      'Your RDP client reported 0x204 (disconnectReasonSocketConnectFailed): the TCP connection to the RDP port failed. This probe sees the same: the RDP port does not answer from here either.',
    );
    expect(clientErrorFinding(0x204, true).detail).toContain('From here the RDP port answers now');
  });

  it('points security errors at the VM and keeps unknown codes as given', () => {
    expect(clientErrorFinding(0x706, true)).toMatchObject({ source: 5, candidates: [2] });
    const unknown = clientErrorFinding(0x3000046, false);
    expect(unknown.detail).toBe(
      'Your RDP client reported 0x3000046, which is not a documented disconnect reason; it is kept with this report for support.',
    );
    expect(unknown.confidence).toBe('low');
  });
});
