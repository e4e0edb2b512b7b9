import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VmCheckOutputSchema } from '../../../../src/core/vm-checks/vm-check-schema.js';
import { findCheckScript, readCheckScript } from '../../../../src/node/vm-checks/check-script.js';

/** The script without its comments: what PowerShell runs. */
function code(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
}

/** Every key of an object schema, recursively through nullable, arrays and nested objects. */
function schemaKeys(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
    return schemaKeys(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return schemaKeys(schema.element as z.ZodType);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, value]) => [
      key,
      ...schemaKeys(value),
    ]);
  }
  return [];
}

describe('check-rdp.ps1', () => {
  it('is read from the package, with its lines for Run Command and a hash to show', async () => {
    const script = await readCheckScript();
    expect(script.path).toMatch(/assets[\\/]vm-checks[\\/]check-rdp\.ps1$/);
    expect(script.lines.join('\n')).toBe(script.text.replace(/\r\n/g, '\n').replace(/\n$/, ''));
    expect(script.sha256).toBe(createHash('sha256').update(script.text).digest('hex'));
    expect(script.lines.length).toBeLessThan(200); // short enough to read in one sitting
  });

  it('is found from the compiled and the bundled layouts too', () => {
    const root = mkdtempSync(join(tmpdir(), 'vm-checks-'));
    mkdirSync(join(root, 'assets', 'vm-checks'), { recursive: true });
    writeFileSync(join(root, 'assets', 'vm-checks', 'check-rdp.ps1'), '#');
    for (const from of [join(root, 'dist', 'src', 'node', 'vm-checks'), join(root, 'dist', 'main')]) {
      expect(findCheckScript(from)).toBe(join(root, 'assets', 'vm-checks', 'check-rdp.ps1'));
    }
    expect(findCheckScript(tmpdir())).toBeNull();
  });

  it('changes nothing: only read verbs, no write cmdlet, no download, no code execution', async () => {
    const text = code((await readCheckScript()).text);
    const commands = text.replace(/'[^'\n]*'|"[^"\n]*"/g, "''");
    const verbs = new Set([...commands.matchAll(/\b([A-Z][A-Za-z]+)-[A-Z][A-Za-z]+\b/g)].map((m) => m[1]));
    expect([...verbs].sort()).toEqual(['ConvertTo', 'ForEach', 'Get', 'Select', 'Test', 'Where']);
    expect(text).not.toMatch(
      /\b(Set|New|Remove|Start|Stop|Restart|Enable|Disable|Add|Clear|Copy|Move|Rename|Install|Uninstall|Register|Unregister|Update|Reset|Suspend|Resume|Invoke|Export|Out|Write|Send|Grant|Revoke|Import|Mount|Dismount|Format|Initialize|Rename|Repair|Unblock|Push|Pop|Enter|Exit|Connect|Disconnect)-[A-Z]/,
    );
    expect(text).not.toMatch(
      /\b(iex|iwr|irm|curl|wget|reg(\.exe)?\s+(add|delete|import)|netsh|sc(\.exe)?\s+config|bcdedit|wmic)\b/i,
    );
    expect(text).not.toMatch(
      /\.(SetValue|DeleteValue|DeleteSubKey\w*|CreateSubKey|Delete|Create|Invoke\w*|Put|ChangeStartMode|StartService|StopService)\s*\(/,
    );
    expect(text).not.toMatch(
      /Invoke-CimMethod|\[scriptblock\]::Create|DownloadString|Net\.WebClient|Start-Process|&\s*\$/i,
    );
  });

  it('prints every key the parser reads', async () => {
    const text = code((await readCheckScript()).text);
    const keys = [...new Set(schemaKeys(VmCheckOutputSchema))];
    expect(keys.length).toBeGreaterThan(30);
    for (const key of keys) expect(text, key).toMatch(new RegExp(`(^|[\\s{;])${key}\\s*=`, 'm'));
  });

  it('stays within Windows PowerShell 5.1 and prints one compressed JSON line', async () => {
    const text = code((await readCheckScript()).text);
    expect(text).not.toMatch(
      /\?\?|\?\.|ForEach-Object\s+-Parallel|-AsHashtable|\s&&\s|\s\|\|\s|#requires\s+-version\s+[67]/i,
    );
    expect(text).toMatch(/ConvertTo-Json -InputObject \$out -Compress -Depth 4\s*$/);
    expect(text).toContain("$ProgressPreference = 'SilentlyContinue'");
    expect(text).toContain("-Group '@FirewallAPI.dll,-28752'");
  });

  it('caps its lists and texts so the longest line fits Run Command’s last 4096 bytes', async () => {
    const text = code((await readCheckScript()).text);
    // The caps the worst case below assumes.
    expect(text).toMatch(/Select-Object -First 4 \| ForEach-Object \{\s*\$process/);
    expect(text).toMatch(/Select-Object -First 4 \| ForEach-Object \{\s*\[ordered\]@\{ name = Get-Short \$_\.Name 48/);
    expect(text).toContain('$blockRules.Count -lt 3');
    expect(text).toContain('name = Get-Short $rule.Name 48; display = Get-Short $rule.DisplayName 40');
    expect(text).toContain("ports = Get-Short (@($filter.LocalPort) -join ',') 24");
    expect(text).toContain('Get-Short ([string]$Record.Exception.Message) 120');
    expect(text).toContain('$out.errors = @($errors | Select-Object -First 4)');
    const big = -2147483648;
    const worst = {
      v: 1,
      computer: 'C'.repeat(15),
      bootUtc: '2026-11-24T22:10:05Z',
      service: { state: 'Continue Pending', start: 'Disabled', pid: 9_999_999 },
      rdp: { port: 65535, deny: big, denyPolicy: big, nla: big, securityLayer: big },
      listen: {
        count: 65535,
        rdp: Array(4).fill({ port: 65535, addr: 'f'.repeat(39), pid: 9_999_999, proc: 'p'.repeat(32) }),
      },
      firewall: {
        profiles: Array(3).fill({ name: 'Private', enabled: false, inbound: 'NotConfigured' }),
        rdpRules: Array(4).fill({ name: 'n'.repeat(48), enabled: false, action: 'Allow' }),
        allowRules: 99_999,
        blockRules: Array(3).fill({ name: 'n'.repeat(48), display: 'd'.repeat(40), ports: 'p'.repeat(24) }),
      },
      cert: { thumbprint: 'F'.repeat(40), notAfter: '2027-05-24T22:11:40Z', store: 'Remote Desktop' },
      credssp: { oracle: big },
      errors: Array(4).fill({ section: 'firewall', message: 'm'.repeat(120) }),
    };
    VmCheckOutputSchema.parse(worst);
    expect(Buffer.byteLength(JSON.stringify(worst))).toBeLessThan(3000);
  });
});
