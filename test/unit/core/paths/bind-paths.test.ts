import { describe, expect, it } from 'vitest';
import { type InterfaceTable, resolveBindPaths } from '../../../../src/core/paths/bind-paths.js';

const table: InterfaceTable = {
  lo: [
    { address: '127.0.0.1', family: 4, internal: true },
    { address: '::1', family: 6, internal: true },
  ],
  up0: [
    { address: '198.18.30.1', family: 4, internal: false },
    { address: 'fe80::1', family: 6, internal: false },
  ],
  up1: [
    { address: '198.18.31.1', family: 4, internal: false },
    { address: '2001:db8:31::1', family: 6, internal: false },
  ],
  wg0: [{ address: 'fe80::2', family: 6, internal: false }],
};

describe('--bind and --interface against this computer', () => {
  it('takes this computer’s addresses and interfaces, naming where each came from', () => {
    expect(resolveBindPaths({ binds: ['198.18.30.1'], interfaces: ['up1'] }, table, 4)).toEqual({
      kind: 'ok',
      value: [
        { address: '198.18.30.1', family: 4, interface: 'up0', from: '--bind' },
        { address: '198.18.31.1', family: 4, interface: 'up1', from: '--interface' },
      ],
    });
  });

  it('picks the target’s family, IPv4 first for a host name, never link-local', () => {
    expect(resolveBindPaths({ binds: [], interfaces: ['up1'] }, table, 6)).toMatchObject({
      value: [{ address: '2001:db8:31::1', family: 6 }],
    });
    expect(resolveBindPaths({ binds: [], interfaces: ['up1'] }, table, null)).toMatchObject({
      value: [{ address: '198.18.31.1', family: 4 }],
    });
    const none = resolveBindPaths({ binds: [], interfaces: ['up0'] }, table, 6);
    expect(none.kind === 'err' && none.error.message).toBe(
      '--interface: up0 has no IPv6 address (the target is IPv6); its interfaces: lo (127.0.0.1, ::1), up0 (198.18.30.1), up1 (198.18.31.1, 2001:db8:31::1), wg0 (no address).',
    );
  });

  it('refuses an address that is not this computer’s, naming the option and the interfaces', () => {
    const result = resolveBindPaths({ binds: ['198.51.100.7'], interfaces: [] }, table, 4);
    expect(result.kind === 'err' && result.error).toEqual({
      kind: 'input-error',
      input: '--bind',
      message:
        '--bind: 198.51.100.7 is not an address of this computer; its interfaces: lo (127.0.0.1, ::1), up0 (198.18.30.1), up1 (198.18.31.1, 2001:db8:31::1), wg0 (no address).',
    });
  });

  it('refuses an unknown interface, the wrong family and too many paths', () => {
    const unknown = resolveBindPaths({ binds: [], interfaces: ['eth9'] }, table, 4);
    expect(unknown.kind === 'err' && unknown.error.message).toMatch(
      /^--interface: this computer has no interface named "eth9"; its interfaces: lo/,
    );
    const family = resolveBindPaths({ binds: ['198.18.30.1'], interfaces: [] }, table, 6);
    expect(family.kind === 'err' && family.error.message).toBe(
      '--bind: 198.18.30.1 is an IPv4 address but the target is IPv6.',
    );
    const many: InterfaceTable = {
      eth0: Array.from({ length: 9 }, (_, i) => ({
        address: `198.18.30.${i + 1}`,
        family: 4 as const,
        internal: false,
      })),
    };
    const tooMany = resolveBindPaths(
      { binds: Array.from({ length: 9 }, (_, i) => `198.18.30.${i + 1}`), interfaces: [] },
      many,
      4,
    );
    expect(tooMany.kind === 'err' && tooMany.error.message).toBe(
      '--bind and --interface: at most 8 local addresses at a time; got 9.',
    );
  });

  it('collapses the same address given twice', () => {
    expect(resolveBindPaths({ binds: ['198.18.31.1'], interfaces: ['up1'] }, table, 4)).toMatchObject({
      value: [{ address: '198.18.31.1', from: '--bind' }],
    });
  });
});
