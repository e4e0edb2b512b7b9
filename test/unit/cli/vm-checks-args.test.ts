import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { runCliInProcess } from '../../support/cli-in-process.js';

const VM_ID =
  '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';

function vmOf(argv: string[]) {
  const parsed = parseCommandLine([...argv, '203.0.113.10']);
  if (parsed.kind === 'err') return parsed.error;
  return parsed.value.kind === 'probe' ? parsed.value.vm : null;
}

describe('the VM-side options', () => {
  it('run nothing on the VM unless --vm-checks is given', () => {
    expect(vmOf(['--azure-vm', VM_ID])).toEqual({ run: false, outputFile: null, timeoutMs: 150_000, repair: null });
    expect(vmOf(['--azure-vm', VM_ID, '--vm-checks', '--repair', 'set-port'])).toMatchObject({
      run: true,
      repair: { id: 'vm.repair.set-port', confirmed: false },
    });
    expect(vmOf(['--azure-vm', VM_ID, '--vm-checks', '--repair', 'vm.repair.start-service', '--yes'])).toMatchObject({
      repair: { id: 'vm.repair.start-service', confirmed: true },
    });
  });

  it.each([
    [['--vm-checks'], '--vm-checks', /add --azure-vm/],
    [['--azure-vm', VM_ID, '--vm-checks', '--vm-checks-output', 'x.txt'], '--vm-checks-output', /Choose one/],
    [['--azure-vm', VM_ID, '--repair', 'set-port'], '--repair', /add --vm-checks/],
    [
      ['--azure-vm', VM_ID, '--vm-checks', '--repair', 'format-disk'],
      '--repair',
      /not a repair; expected one of vm\.repair\.set-port/,
    ],
    [['--vm-checks-output', 'x.txt', '--repair', 'set-port'], '--repair', /changes the VM through Azure/],
    [['--azure-vm', VM_ID, '--yes'], '--yes', /there is none to confirm/],
    [
      ['--azure-vm', VM_ID, '--vm-checks', '--vm-checks-timeout', '5s'],
      '--vm-checks-timeout',
      /between 10 s and 600 s/,
    ],
    [['--azure-vm', VM_ID, '--vm-checks-timeout', '60s'], '--vm-checks-timeout', /applies to --vm-checks/],
  ])('refuse %j, naming %s', (argv, input, message) => {
    const error = vmOf(argv);
    expect(error).toMatchObject({ kind: 'input-error', input });
    expect((error as { message: string }).message).toMatch(message);
  });

  it('print the check script with its hash for an admin to run', async () => {
    const run = await runCliInProcess(['script']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ConvertTo-Json');
    expect(run.stderr).toMatch(/check-rdp\.ps1, SHA-256 [0-9a-f]{64}\. It only reads\./);
  });
});
