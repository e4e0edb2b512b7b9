import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  importVmCheckOutput,
  readRunCommandResult,
  unavailableVmChecks,
  vmChecksFromRunCommand,
} from '../../../../src/core/vm-checks/vm-check-input.js';
import { VmChecksSchema } from '../../../../src/core/vm-checks/vm-check-schema.js';
import { COLLECTED_AT, fixtureBytes, fixtureJson, fixtureText } from './vm-check-fixtures.js';

// Fixtures are hand-written to check-rdp.ps1's output contract, not recorded (see vm-check-fixtures.ts).

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'azure-examples', 'compute');

describe('readRunCommandResult', () => {
  it("reads Azure's own RunCommand example into stdout and stderr", () => {
    const example = JSON.parse(readFileSync(join(EXAMPLE, 'VirtualMachineRunCommand.json'), 'utf8')) as {
      responses: { 200: { body: unknown } };
    };
    expect(readRunCommandResult(example.responses[200].body, 'example')).toEqual({
      kind: 'ok',
      value: { stdout: 'This is a sample script with parameters value1 value2', stderr: '' },
    });
  });

  it('takes the bare status list, and refuses what is not a result', () => {
    expect(readRunCommandResult([{ code: 'ComponentStatus/StdErr/succeeded', message: 'boom' }], 'x')).toEqual({
      kind: 'ok',
      value: { stdout: '', stderr: 'boom' },
    });
    for (const value of [null, 'text', { value: 'x' }, { value: [{ code: 'ProvisioningState/succeeded' }] }]) {
      const result = readRunCommandResult(value, 'Run Command result');
      expect(result.kind).toBe('err');
      if (result.kind === 'err') expect(result.error.message).toMatch(/^Run Command result (is not|has no)/);
    }
  });
});

describe('vmChecksFromRunCommand', () => {
  it('parses the script output of a Run Command result', () => {
    const checks = vmChecksFromRunCommand(fixtureJson('healthy.run-command.json'), COLLECTED_AT);
    VmChecksSchema.parse(checks);
    expect(checks).toMatchObject({ source: 'run-command', collectedAt: COLLECTED_AT, problem: null });
    expect(checks.output?.rdp?.port).toBe(3389);
    expect(vmChecksFromRunCommand(fixtureJson('port-3390.run-command.json'), COLLECTED_AT).output?.rdp?.port).toBe(
      3390,
    );
  });

  it('says why when only stderr came back, or the output was cut', () => {
    const failed = vmChecksFromRunCommand(fixtureJson('stderr-only.run-command.json'), COLLECTED_AT);
    VmChecksSchema.parse(failed);
    expect(failed.output).toBeNull();
    expect(failed.problem).toBe(
      'The check script failed on the VM and printed only an error: Unable to find type [ordered].',
    );
    const cut = vmChecksFromRunCommand(fixtureJson('truncated.run-command.json'), COLLECTED_AT);
    expect(cut.output).toBeNull();
    expect(cut.problem).toContain('only the last 4096 bytes');
    expect(vmChecksFromRunCommand({ error: { code: 'Conflict' } }, COLLECTED_AT).problem).toMatch(
      /^The Run Command result is not a Run Command result/,
    );
  });

  it('keeps stderr next to a readable output', () => {
    const value = {
      value: [
        { code: 'ComponentStatus/StdOut/succeeded', message: fixtureText('healthy.txt') },
        { code: 'ComponentStatus/StdErr/succeeded', message: 'WARNING: something\r\nmore\r\n' },
      ],
    };
    expect(vmChecksFromRunCommand(value, COLLECTED_AT).output?.errors).toEqual([
      { section: 'stderr', message: 'WARNING: something more' },
    ]);
  });

  it('builds unavailable checks with the reason', () => {
    expect(unavailableVmChecks('run-command', COLLECTED_AT, 'The VM agent is not ready.')).toEqual({
      source: 'run-command',
      collectedAt: COLLECTED_AT,
      output: null,
      problem: 'The VM agent is not ready.',
    });
  });
});

describe('importVmCheckOutput', () => {
  it('imports a pasted line, a saved UTF-16 file, and az run-command JSON', () => {
    const pasted = importVmCheckOutput(fixtureText('pasted-console.txt'), 'pasted output', COLLECTED_AT);
    expect(pasted).toMatchObject({ kind: 'ok', value: { source: 'imported', problem: null } });
    // `.\check-rdp.ps1 > out.txt` in Windows PowerShell 5.1 writes UTF-16 LE with a BOM.
    const text = fixtureText('healthy.txt');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    const saved = importVmCheckOutput(utf16, 'file out.txt', COLLECTED_AT);
    expect(saved.kind === 'ok' && saved.value.output?.computer).toBe('WIN-VM01');
    expect(importVmCheckOutput(fixtureBytes('healthy.txt'), 'file out.txt', COLLECTED_AT).kind).toBe('ok');
    const az = importVmCheckOutput(fixtureText('port-3390.run-command.json'), 'file result.json', COLLECTED_AT);
    expect(az.kind === 'ok' && az.value.output?.rdp?.port).toBe(3390);
  });

  it('is an input error when the paste is unreadable, naming it', () => {
    expect(importVmCheckOutput('hello', 'pasted output', COLLECTED_AT)).toEqual({
      kind: 'err',
      error: {
        kind: 'input-error',
        input: 'pasted output',
        message: 'pasted output has no line of check-rdp.ps1 output (a line starting {"v":); it begins "hello".',
      },
    });
    const stderrOnly = importVmCheckOutput(fixtureText('stderr-only.run-command.json'), 'file r.json', COLLECTED_AT);
    expect(stderrOnly.kind === 'err' && stderrOnly.error.message).toMatch(/failed on the VM and printed only an error/);
  });

  it('decodes UTF-16 without a BOM and UTF-8 with one', () => {
    const le = new Uint8Array([0x7b, 0, 0x22, 0, 0x76, 0, 0x22, 0]);
    expect(decodeText(le)).toBe('{"v"');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]))).toBe('{');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0, 0x7b]))).toBe('{');
  });
});
