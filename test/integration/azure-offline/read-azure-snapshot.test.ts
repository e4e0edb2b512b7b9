import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azureFindings } from '../../../src/core/diagnosis/azure-rules.js';
import { MAX_AZURE_FILE_BYTES, readAzureSnapshot } from '../../../src/node/azure/offline/read-azure-snapshot.js';
import {
  IDS,
  ipFlowVerify,
  ipTarget,
  nicExample,
  nsgExample,
  OFFICE_ONLY,
  publicIpShow,
  vmShowDetails,
} from '../../unit/core/azure/azure-fixtures.js';

const EXPECTED =
  'expected JSON saved from `az vm show -d`, `az network nic show`, `az network nic list-effective-nsg`, `az network nsg show`, `az network public-ip show`, `az network lb show` or `az network watcher test-ip-flow`.';

// Real files in a temp folder, as an admin would send them: names say nothing, content decides.
describe('readAzureSnapshot (offline az output)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-azure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a folder of az outputs end to end and finds that RDP is allowed only from another range', async () => {
    const folder = join(dir, 'from-admin');
    mkdirSync(folder);
    const json = (value: unknown) => JSON.stringify(value, null, 2);
    writeFileSync(join(folder, 'a.json'), json(vmShowDetails()));
    writeFileSync(join(folder, 'b.json'), json(nicExample()));
    writeFileSync(join(folder, 'c.json'), json(nsgExample(OFFICE_ONLY)));
    writeFileSync(join(folder, 'd.json'), json({ id: IDS.subnet, name: 'default', addressPrefix: '172.20.2.0/24' }));
    // Windows PowerShell 5 writes `az … > file.json` as UTF-16LE with a BOM.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json(publicIpShow()), 'utf16le')]);
    writeFileSync(join(folder, 'e.json'), utf16);
    writeFileSync(join(folder, 'f.json'), json(ipFlowVerify('Deny', 'defaultSecurityRules/DenyAllInBound')));
    writeFileSync(join(folder, 'notes.txt'), 'not read');
    const result = await readAzureSnapshot([folder]);
    if (result.kind === 'err') throw new Error(result.error.message);
    const snapshot = result.value;
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.origin).toEqual({
      kind: 'offline',
      inputs: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => join(folder, `${n}.json`)),
    });
    expect(snapshot.publicIps[0]?.sku).toBe('Standard');
    const findings = azureFindings({
      target: ipTarget(),
      checks: [],
      snapshot,
      clientIp: '198.51.100.7',
      rdpPort: 3389,
    });
    expect(findings.map((f) => f.code)).toEqual(['nsg.allowed-other-source']);
    expect(findings[0]?.detail).toContain('allowed by Allow-RDP-Office (priority 300');
    expect(findings[0]?.detail).toContain('so DenyAllInBound (priority 65500');
    expect(findings[0]?.evidence).toContainEqual({
      check: 'azure.ip-flow-verify',
      says: `agrees: Deny by defaultSecurityRules/DenyAllInBound (file ${join(folder, 'f.json')})`,
    });
  });

  it('keeps going past a bad file in a set, and records it as a problem', async () => {
    const good = write('vm.json', JSON.stringify(vmShowDetails()));
    const bad = write('broken.json', '{"name": "nsg", "properties": {"securityRules": [');
    const result = await readAzureSnapshot([good, bad]);
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') {
      expect(result.value.vm?.name).toBe('vm1');
      expect(result.value.problems).toEqual([
        {
          input: `file ${bad}`,
          message: `file ${bad} is truncated: the JSON ends with 3 brackets still open after 49 characters (was the copy or download cut short?); ${EXPECTED}`,
        },
      ]);
    }
  });

  it.each([
    [
      'malformed',
      '{"name": vm1}',
      /^file \S+malformed\.json is not valid JSON \(.+\); expected JSON saved from `az vm show -d`/,
    ],
    [
      'truncated',
      '{"id": "x", "properties": {"ipAddress": "20.1',
      /^file \S+truncated\.json is truncated: the JSON ends inside a string after 45 characters/,
    ],
    [
      'azure-error',
      JSON.stringify({
        error: {
          code: 'AuthorizationFailed',
          message:
            "The client 'u' does not have authorization to perform action 'Microsoft.Network/networkWatchers/ipFlowVerify/action' over scope 's'.",
        },
      }),
      /^file \S+azure-error\.json holds an Azure error response \(AuthorizationFailed: The client 'u' does not have authorization to perform action 'Microsoft\.Network\/networkWatchers\/ipFlowVerify\/action' over scope 's'\.\), not resource data; expected/,
    ],
    [
      'unknown-shape',
      JSON.stringify({ hello: 'world', list: [1] }),
      /^file \S+unknown-shape\.json is not a recognised Azure resource \(it holds an object with hello, list\); expected/,
    ],
    ['empty', '', /^file \S+empty\.json is empty; expected/],
  ])('refuses a lone %s file with a message naming it', async (name, text, message) => {
    const path = write(`${name}.json`, text);
    const result = await readAzureSnapshot([path]);
    expect(result.kind).toBe('err');
    if (result.kind === 'err') {
      expect(result.error.input).toBe('--azure-snapshot');
      expect(result.error.message).toMatch(message);
    }
  });

  it('refuses an oversized file without reading it', async () => {
    const path = write('huge.json', new Uint8Array(MAX_AZURE_FILE_BYTES + 1).fill(0x20));
    const result = await readAzureSnapshot([path]);
    expect(result).toEqual({
      kind: 'err',
      error: {
        kind: 'input-error',
        input: '--azure-snapshot',
        message: `${path} is ${MAX_AZURE_FILE_BYTES + 1} bytes; JSON saved from az is expected to be under 8192 KiB.`,
      },
    });
  });

  it('names a missing path and an empty folder', async () => {
    const missing = join(dir, 'nope.json');
    expect(await readAzureSnapshot([missing])).toEqual({
      kind: 'err',
      error: {
        kind: 'input-error',
        input: `--azure-snapshot ${missing}`,
        message: `${missing} does not exist; expected a JSON file or a folder of JSON files saved from az.`,
      },
    });
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    const result = await readAzureSnapshot([empty]);
    expect(result.kind === 'err' && result.error.message).toBe(
      `The folder ${empty} holds no .json files; expected JSON files saved from az.`,
    );
  });
});
