import { describe, expect, it } from 'vitest';
import { dfPingCommand, dfPingDisplay, pingCommand, pingOsOf } from '../../../../src/core/paths/ping-commands.js';

describe('ping command lines per OS', () => {
  it('pings three times with bounded waits', () => {
    expect(pingCommand('linux', '203.0.113.10').display).toBe('ping -n -c 3 -i 0.2 -W 1 203.0.113.10');
    expect(pingCommand('macos', '203.0.113.10').display).toBe('ping -n -c 3 -i 0.2 -t 2 203.0.113.10');
    expect(pingCommand('macos', '2001:db8::10').display).toBe('ping6 -n -c 3 -i 0.2 2001:db8::10');
    expect(pingCommand('windows', '203.0.113.10').display).toBe('ping -n 3 -w 1000 203.0.113.10');
  });

  it("sets don't fragment the way each OS does", () => {
    expect(dfPingCommand('linux', '203.0.113.10', 1372).args).toEqual([
      '-n',
      '-M',
      'do',
      '-s',
      '1372',
      '-c',
      '1',
      '-W',
      '1',
      '203.0.113.10',
    ]);
    expect(dfPingCommand('macos', '203.0.113.10', 1372).display).toBe('ping -n -D -s 1372 -c 1 -t 1 203.0.113.10');
    expect(dfPingCommand('windows', '203.0.113.10', 1372).display).toBe('ping -n 1 -w 1000 -f -l 1372 203.0.113.10');
    expect(dfPingCommand('windows', '2001:db8::10', 1352).display).toBe('ping -n 1 -w 1000 -l 1352 2001:db8::10');
    expect(dfPingDisplay('linux', '203.0.113.10')).toBe('ping -n -M do -s <size> -c 1 -W 1 203.0.113.10');
    expect(dfPingDisplay('windows', '203.0.113.10')).toBe('ping -n 1 -w 1000 -f -l <size> 203.0.113.10');
  });

  it('knows the OSes it can ping on', () => {
    expect(pingOsOf('linux')).toBe('linux');
    expect(pingOsOf('darwin')).toBe('macos');
    expect(pingOsOf('win32')).toBe('windows');
    expect(pingOsOf('aix')).toBeNull();
  });
});
