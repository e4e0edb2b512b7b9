import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../../src/core/target.js';

describe('parseTarget', () => {
  it('takes a host name with the default port', () => {
    const result = parseTarget('vm.example.com');
    expect(result).toEqual({
      kind: 'ok',
      value: {
        input: 'vm.example.com',
        host: 'vm.example.com',
        hostKind: 'hostname',
        port: 3389,
        portSource: 'default',
      },
    });
  });
});
