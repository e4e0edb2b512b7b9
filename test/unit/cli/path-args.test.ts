import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { resolveBinds } from '../../../src/cli/path-args.js';
import { runCliInProcess } from '../../support/cli-in-process.js';

describe('--bind and --interface', () => {
  it('are repeatable and checked for form when parsed', () => {
    const parsed = parseCommandLine([
      '--bind',
      '198.18.30.1',
      '--bind',
      '[2001:db8::1]',
      '--interface',
      'eth1',
      'vm.example.com',
    ]);
    expect(parsed.kind === 'ok' && parsed.value.kind === 'probe' && parsed.value.bind).toEqual({
      binds: ['198.18.30.1', '2001:db8::1'],
      interfaces: ['eth1'],
    });
    const none = parseCommandLine(['vm.example.com']);
    expect(none.kind === 'ok' && none.value.kind === 'probe' && none.value.bind).toEqual({ binds: [], interfaces: [] });
  });

  it('resolve against the interfaces for the target’s family', () => {
    const table = { up1: [{ address: '198.18.31.1', family: 4 as const, internal: false }] };
    expect(resolveBinds({ binds: [], interfaces: ['up1'] }, { hostKind: 'hostname' }, table)).toEqual({
      kind: 'ok',
      value: [{ address: '198.18.31.1', family: 4, interface: 'up1', from: '--interface' }],
    });
    expect(resolveBinds({ binds: [], interfaces: [] }, { hostKind: 'ipv6' }, {})).toEqual({ kind: 'ok', value: [] });
  });

  it('exit 2 with one line naming the option', async () => {
    const notIp = await runCliInProcess(['--bind', 'eth0', '203.0.113.10']);
    expect(notIp).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rdp-probe: --bind: "eth0" is not an IP address; expected a local address, e.g. 198.51.100.7.\n',
    });
    const notMine = await runCliInProcess(['--bind', '198.51.100.77', '203.0.113.10']);
    expect(notMine.code).toBe(2);
    expect(notMine.stderr).toMatch(
      /^rdp-probe: --bind: 198\.51\.100\.77 is not an address of this computer; its interfaces: .*lo \(127\.0\.0\.1/,
    );
    const noSuch = await runCliInProcess(['--interface', 'rpt-none0', '203.0.113.10']);
    expect(noSuch.code).toBe(2);
    expect(noSuch.stderr).toMatch(
      /^rdp-probe: --interface: this computer has no interface named "rpt-none0"; its interfaces: .*lo \(/,
    );
    expect(noSuch.stderr.split('\n')).toHaveLength(2);
    const empty = await runCliInProcess(['--interface', ' ', '203.0.113.10']);
    expect(empty.stderr).toBe('rdp-probe: --interface needs the name of a network interface, e.g. eth1 or "Wi-Fi".\n');
  });

  it('are in --help, with what Node cannot do', async () => {
    const help = await runCliInProcess(['--help']);
    expect(help.stdout).toContain('--bind <address>');
    expect(help.stdout).toContain('Node cannot bind a');
    expect(help.stdout).toContain('socket to a device');
  });
});
