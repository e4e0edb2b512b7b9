import { describe, expect, it } from 'vitest';
import { lowerFirst } from '../../../src/core/format/text.js';

describe('lowerFirst', () => {
  it('lowers a sentence start but keeps acronyms', () => {
    expect(lowerFirst('The RDP port does not answer')).toBe('the RDP port does not answer');
    expect(lowerFirst('RDP is allowed, but only from other addresses')).toBe(
      'RDP is allowed, but only from other addresses',
    );
    expect(lowerFirst('VM')).toBe('VM');
    expect(lowerFirst('A')).toBe('a');
    expect(lowerFirst('')).toBe('');
  });
});
