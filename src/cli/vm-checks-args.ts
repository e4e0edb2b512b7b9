import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { VM_REPAIR_IDS, type VmRepairId } from '../core/vm-checks/repair-ids.js';
import { DEFAULT_VM_CHECKS_TIMEOUT_MS } from '../node/checks/vm-checks-check.js';
import { parseSecondsOption } from './duration-option.js';

/** The VM-side options, validated. */
export interface VmChecksArgs {
  /** `--vm-checks`: consent to run the read-only check script on the VM through Run Command. */
  readonly run: boolean;
  /** `--vm-checks-output <file>`: the script's output an admin ran by hand and sent back. */
  readonly outputFile: string | null;
  readonly timeoutMs: number;
  /** `--repair <id>`: the one repair to apply after the diagnosis proposes it; `--yes` confirms it up front. */
  readonly repair: { readonly id: VmRepairId; readonly confirmed: boolean } | null;
}

/** The command-line options this module reads. */
export const VM_CHECKS_OPTIONS = {
  'vm-checks': { type: 'boolean' },
  'vm-checks-output': { type: 'string' },
  'vm-checks-timeout': { type: 'string' },
  repair: { type: 'string' },
  yes: { type: 'boolean' },
} as const;

type Values = {
  readonly 'vm-checks'?: boolean | undefined;
  readonly 'vm-checks-output'?: string | undefined;
  readonly 'vm-checks-timeout'?: string | undefined;
  readonly repair?: string | undefined;
  readonly yes?: boolean | undefined;
};

/** Reads the VM-side options; running anything on the VM needs the live Azure options. */
export function parseVmChecksArgs(
  values: Values,
  context: { readonly azureLive: boolean },
): Result<VmChecksArgs, InputError> {
  const run = values['vm-checks'] ?? false;
  const outputFile = values['vm-checks-output'] ?? null;
  if (run && !context.azureLive) {
    return err(
      inputError(
        '--vm-checks',
        '--vm-checks runs the check script on the VM through Azure: add --azure-vm <resource id> (or --subscription with --resource-group and --vm).',
      ),
    );
  }
  if (run && outputFile !== null) {
    return err(
      inputError(
        '--vm-checks-output',
        '--vm-checks-output imports output someone ran by hand; --vm-checks runs the script now. Choose one.',
      ),
    );
  }
  if (outputFile !== null && outputFile.trim() === '') {
    return err(
      inputError('--vm-checks-output', '--vm-checks-output needs a file name, e.g. --vm-checks-output check-rdp.json.'),
    );
  }
  let timeoutMs = DEFAULT_VM_CHECKS_TIMEOUT_MS;
  const timeoutText = values['vm-checks-timeout'];
  if (timeoutText !== undefined) {
    const parsed = parseSecondsOption(timeoutText, '--vm-checks-timeout', {
      minMs: 10_000,
      maxMs: 600_000,
      example: '150s',
    });
    if (parsed.kind === 'err') return parsed;
    if (!run) return err(inputError('--vm-checks-timeout', '--vm-checks-timeout applies to --vm-checks.'));
    timeoutMs = parsed.value;
  }
  let repair: VmChecksArgs['repair'] = null;
  if (values.repair !== undefined) {
    const id = VM_REPAIR_IDS.find((known) => known === values.repair || known === `vm.repair.${values.repair}`);
    if (id === undefined) {
      return err(
        inputError(
          '--repair',
          `--repair: "${values.repair}" is not a repair; expected one of ${VM_REPAIR_IDS.join(', ')}.`,
        ),
      );
    }
    if (!context.azureLive) {
      return err(
        inputError(
          '--repair',
          '--repair changes the VM through Azure: add --azure-vm <resource id> (or --subscription with --resource-group and --vm), and --vm-checks or --vm-checks-output so the diagnosis can propose it.',
        ),
      );
    }
    if (!run && outputFile === null) {
      return err(
        inputError('--repair', '--repair applies what the VM checks propose: add --vm-checks (or --vm-checks-output).'),
      );
    }
    repair = { id, confirmed: values.yes ?? false };
  } else if (values.yes) {
    return err(inputError('--yes', '--yes confirms a --repair; there is none to confirm.'));
  }
  return ok({ run, outputFile, timeoutMs, repair });
}
