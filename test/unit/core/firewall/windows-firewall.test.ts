// Hand-written from Microsoft's documentation, not recorded: the output shape follows the script in
// src/core/parsers/windows-firewall.ts (names cast to strings) and, for firewall-numbers.json, plain
// ConvertTo-Json with the enum numbers documented for MSFT_NetFirewallRule (learn.microsoft.com,
// "MSFT_NetFirewallRule class": Action Block 4, Direction Outbound 2, Enabled 1) and Get-NetFirewallProfile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateWindowsFirewall,
  parseWindowsFirewall,
  WINDOWS_FIREWALL_SCRIPT,
} from '../../../../src/core/parsers/windows-firewall.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'windows', name), 'utf8');

function read(name: string) {
  const parsed = parseWindowsFirewall(fixture(name));
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

describe('Windows Defender Firewall (hand-written from Microsoft docs, not recorded)', () => {
  it('keeps the script read-only and on one line', () => {
    expect(WINDOWS_FIREWALL_SCRIPT).not.toMatch(/\n|Set-|New-|Remove-|Enable-|Disable-|netsh/);
    expect(WINDOWS_FIREWALL_SCRIPT).toContain('Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True');
    expect(WINDOWS_FIREWALL_SCRIPT).toContain('ConvertTo-Json -Depth 4');
  });

  it('finds the outbound block rule that covers TCP 3389 in the active profile, and leaves the rest', () => {
    const fw = read('firewall-outbound-block.json');
    expect(fw.active).toEqual(['Private']);
    const result = evaluateWindowsFirewall(fw, 3389, ['198.18.0.10']);
    expect(result.blocking).toEqual([
      {
        kind: 'rule',
        ref: '{8D3A4E2B-5C1F-4B7A-9E6D-2F0C1A3B4D5E}',
        name: 'Block Remote Desktop out',
        scope: 'Any profile',
        action: 'block',
        matches: 'Outbound Block, Protocol TCP, RemotePort 3389, RemoteAddress Any, Program Any',
        destinations: null,
        conditions: [],
        certain: true,
      },
    ]);
    expect(result.enabled).toBe(true);
    // Public blocks by default but is not the profile in force.
    expect(result.defaultOutbound).toEqual([
      { scope: 'Domain', action: 'not-configured', active: false },
      { scope: 'Private', action: 'allow', active: true },
      { scope: 'Public', action: 'block', active: false },
    ]);
  });

  it('applies a rule limited to mstsc.exe and to addresses (mask and range forms) only to those', () => {
    const fw = read('firewall-outbound-block.json');
    const lab = evaluateWindowsFirewall(fw, 3389, ['203.0.113.40']).blocking;
    expect(lab.map((b) => b.ref)).toEqual(['{8D3A4E2B-5C1F-4B7A-9E6D-2F0C1A3B4D5E}', 'Block-Mstsc-Lab']);
    expect(lab[1]).toMatchObject({
      destinations: ['203.0.113.0/255.255.255.0', '198.51.100.20-198.51.100.29'],
      conditions: ['program %SystemRoot%\\system32\\mstsc.exe'],
      certain: true,
    });
    expect(evaluateWindowsFirewall(fw, 50001, ['198.51.100.25']).blocking.map((b) => b.ref)).toEqual([
      'Block-Mstsc-Lab',
    ]);
    // The dev-port range is in the Domain profile only, the browser rule is another program's.
    expect(evaluateWindowsFirewall(fw, 3500, ['198.18.0.10']).blocking).toEqual([]);
  });

  it('reads the enum numbers plain ConvertTo-Json prints, and single objects instead of lists', () => {
    const fw = read('firewall-numbers.json');
    expect(fw.profiles).toEqual([{ name: 'Public', enabled: true, defaultOutbound: 'block' }]);
    expect(fw.active).toBeNull();
    const result = evaluateWindowsFirewall(fw, 3389, ['203.0.113.10']);
    // "Internet" is a keyword the probe cannot expand; the Block default needs the allow rules it did not read.
    expect(result.blocking).toMatchObject([
      { kind: 'rule', ref: 'CorpBlockRdp', matches: expect.stringContaining('Protocol 6'), certain: false },
      { kind: 'default', ref: 'Public profile', matches: 'DefaultOutboundAction Block', certain: false },
    ]);
  });

  it('finds nothing when no rule blocks and no profile blocks by default', () => {
    const result = evaluateWindowsFirewall(read('firewall-none.json'), 3389, ['203.0.113.10']);
    expect(result).toMatchObject({ enabled: true, blocking: [] });
  });

  it('says what is wrong with output it cannot read', () => {
    expect(parseWindowsFirewall('Get-NetFirewallRule : Access denied')).toMatchObject({
      kind: 'err',
      error: { message: 'The Windows Firewall listing is not JSON; expected ConvertTo-Json output.' },
    });
    expect(parseWindowsFirewall('{"Profiles":[{"Enabled":true}]}')).toMatchObject({
      kind: 'err',
      error: { message: expect.stringMatching(/^The Windows Firewall listing has an unexpected shape at Profiles/) },
    });
  });
});
