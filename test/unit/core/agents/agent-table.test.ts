import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENTS, matchAgents } from '../../../../src/core/agents/agent-table.js';
import { parsePsComm, parseTasklistCsv } from '../../../../src/core/parsers/process-list.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', name), 'utf8');

describe('process listings', () => {
  // Recorded here with `ps -A -o comm=` while copies of /bin/sleep named openvpn, tailscaled and
  // FortiSSLVPNdaemon ran (the kernel keeps 15 characters of a name: FortiSSLVPNdaem).
  it('reads real ps output on Linux, keeping kernel thread names whole', () => {
    const names = parsePsComm(fixture('linux/ps-comm.txt'));
    expect(names).toContain('openvpn');
    expect(names).toContain('FortiSSLVPNdaem');
    expect(names).toContain('kworker/R-netns');
    expect(names.filter((n) => n === 'bash').length).toBe(1);
  });

  it('keeps the executable name of the paths macOS prints', () => {
    expect(
      parsePsComm('/usr/libexec/UserEventAgent\n/Applications/GlobalProtect.app/Contents/MacOS/GlobalProtect\n'),
    ).toEqual(['UserEventAgent', 'GlobalProtect']);
  });

  // Hand-written from the documented `tasklist /fo csv /nh` format (image name, PID, session name, session
  // number, memory), not recorded: there is no Windows machine here.
  it('reads tasklist CSV (hand-written from the tasklist documentation, not recorded)', () => {
    const names = parseTasklistCsv(fixture('windows/tasklist.csv'));
    expect(names).toEqual([
      'System Idle Process',
      'System',
      'svchost',
      'ZSATunnel',
      'ZSATray',
      'PanGPS',
      'explorer',
      'mstsc',
      'tasklist',
    ]);
    expect(parseTasklistCsv('INFO: No tasks are running which match the specified criteria.\r\n')).toEqual([]);
    expect(parseTasklistCsv('"odd ""name"".exe","1","Console","1","1 K"')).toEqual(['odd "name"']);
  });
});

describe('the agent table', () => {
  it('recognises agents in real ps output, a truncated name included', () => {
    const { agents, hints } = matchAgents(parsePsComm(fixture('linux/ps-comm.txt')), ['lo', 'eth0']);
    expect(agents).toEqual([
      {
        id: 'fortinet',
        name: 'Fortinet FortiClient',
        category: 'vpn',
        corporate: true,
        matched: [{ via: 'process', name: 'FortiSSLVPNdaem' }],
      },
      {
        id: 'openvpn',
        name: 'OpenVPN',
        category: 'vpn',
        corporate: false,
        matched: [{ via: 'process', name: 'openvpn' }],
      },
      {
        id: 'tailscale',
        name: 'Tailscale',
        category: 'vpn',
        corporate: false,
        matched: [{ via: 'process', name: 'tailscaled' }],
      },
    ]);
    expect(hints).toEqual([]);
  });

  it('recognises agents in tasklist output, case-insensitively', () => {
    const { agents } = matchAgents(parseTasklistCsv(fixture('windows/tasklist.csv')), ['Ethernet', 'Tailscale']);
    expect(agents.map((a) => [a.id, a.matched.map((m) => `${m.via} ${m.name}`)])).toEqual([
      ['zscaler', ['process ZSATunnel', 'process ZSATray']],
      ['globalprotect', ['process PanGPS']],
      ['tailscale', ['interface Tailscale']],
    ]);
  });

  it('reads interface names: wg*, tailscale0, cscotun0; tun/tap and utun only as hints', () => {
    const { agents, hints } = matchAgents([], ['lo', 'wg0', 'tailscale0', 'cscotun0', 'tun0', 'utun3', 'en0']);
    expect(agents.map((a) => [a.id, a.matched])).toEqual([
      ['cisco-secure-client', [{ via: 'interface', name: 'cscotun0' }]],
      ['wireguard', [{ via: 'interface', name: 'wg0' }]],
      ['tailscale', [{ via: 'interface', name: 'tailscale0' }]],
    ]);
    expect(hints.map((h) => h.interface)).toEqual(['tun0', 'utun3']);
    expect(hints[1]?.note).toMatch(/every Mac/);
  });

  it('credits tun/tap to OpenVPN when OpenVPN runs', () => {
    const { agents, hints } = matchAgents(['openvpn'], ['tun0']);
    expect(agents[0]?.matched).toEqual([
      { via: 'process', name: 'openvpn' },
      { via: 'interface', name: 'tun0' },
    ]);
    expect(hints).toEqual([]);
  });

  it('does not take ordinary names for agents', () => {
    const { agents } = matchAgents(['bash', 'systemd', 'node', 'sshd', 'vpn', 'gpg-agent'], ['eth0', 'docker0', 'lo']);
    expect(agents).toEqual([]);
    // Every agent has at least one way to be seen.
    for (const agent of AGENTS) expect(agent.processes.length + agent.interfaces.length).toBeGreaterThan(0);
  });
});
