import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { parseVmCheckOutput, UNSAFE_CHARS } from './parse-vm-check-output.js';
import { VM_CHECK_MAX_LIST, type VmCheckOutput, type VmChecks } from './vm-check-schema.js';

/** What a script printed, as Run Command returns it. */
export interface RunCommandStreams {
  readonly stdout: string;
  readonly stderr: string;
}

/** The most read from one stream; Run Command itself returns at most 4096 bytes of each. */
const MAX_STREAM_CHARS = 64 * 1024;

/**
 * Reads a RunCommandResult (`{ value: [{ code: 'ComponentStatus/StdOut/succeeded', message }, { code:
 * 'ComponentStatus/StdErr/succeeded', message }] }`, what `virtualMachines.beginRunCommandAndWait` and
 * `az vm run-command invoke` return; the bare `value` array too) into its stdout and stderr. Never throws.
 */
export function readRunCommandResult(value: unknown, input: string): Result<RunCommandStreams, InputError> {
  const statuses = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.value) ? value.value : null;
  if (statuses === null) {
    return err(
      inputError(
        input,
        `${input} is not a Run Command result; expected {"value":[{"code":"ComponentStatus/StdOut/succeeded","message":…}]}.`,
      ),
    );
  }
  let stdout: string | null = null;
  let stderr: string | null = null;
  for (const status of statuses.slice(0, 16)) {
    if (!isRecord(status) || typeof status.code !== 'string') continue;
    const message = typeof status.message === 'string' ? status.message.slice(0, MAX_STREAM_CHARS) : '';
    if (/\/StdOut\//i.test(status.code)) stdout = (stdout ?? '') + message;
    else if (/\/StdErr\//i.test(status.code)) stderr = (stderr ?? '') + message;
  }
  if (stdout === null && stderr === null) {
    return err(
      inputError(input, `${input} has no StdOut or StdErr status; expected the result of RunPowerShellScript.`),
    );
  }
  return ok({ stdout: stdout ?? '', stderr: stderr ?? '' });
}

/** VM checks that could not run or be read, with the reason (agent not ready, no rights, a timeout…). */
export function unavailableVmChecks(source: VmChecks['source'], collectedAt: string, problem: string): VmChecks {
  return { source, collectedAt, output: null, problem };
}

/**
 * The VM checks from a Run Command result of check-rdp.ps1: the parsed output (stderr, if any, added to its
 * `errors`), or why there is none (stderr only, output cut or unreadable) in `problem`. Never throws: an
 * unusable result is `vm.checks-unavailable` in the diagnosis, not an error of the run.
 */
export function vmChecksFromRunCommand(value: unknown, collectedAt: string): VmChecks {
  const streams = readRunCommandResult(value, 'The Run Command result');
  if (streams.kind === 'err') return unavailableVmChecks('run-command', collectedAt, streams.error.message);
  return fromStreams(streams.value, 'run-command', 'The output of check-rdp.ps1', collectedAt);
}

/**
 * The VM checks from output an admin ran by hand and sent back: the pasted text or the saved file's bytes
 * (UTF-8, or UTF-16 as `Out-File` and `>` write in Windows PowerShell 5.1), or the JSON of
 * `az vm run-command invoke`. An unreadable paste is an InputError (say so next to the field), unlike Run
 * Command's output.
 */
export function importVmCheckOutput(
  content: string | Uint8Array,
  input: string,
  collectedAt: string,
): Result<VmChecks, InputError> {
  const text = typeof content === 'string' ? content : decodeText(content);
  const wrapped = runCommandJson(text);
  if (wrapped !== null) {
    const streams = readRunCommandResult(wrapped, input);
    if (streams.kind === 'err') return streams;
    const checks = fromStreams(streams.value, 'imported', input, collectedAt);
    return checks.output === null ? err(inputError(input, checks.problem ?? `${input} is unreadable.`)) : ok(checks);
  }
  const parsed = parseVmCheckOutput(text, input);
  return parsed.kind === 'err' ? parsed : ok({ source: 'imported', collectedAt, output: parsed.value, problem: null });
}

/**
 * Text from a saved file's bytes: UTF-16 LE or BE (with a byte-order mark, or LE without one, as every
 * other byte zero shows), else UTF-8; undecodable bytes become U+FFFD, never an exception.
 */
export function decodeText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 64);
  let oddZeros = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) oddZeros++;
  if (sample.length >= 4 && oddZeros >= sample.length / 2 - 1) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function fromStreams(streams: RunCommandStreams, source: VmChecks['source'], input: string, at: string): VmChecks {
  const stderr = firstLines(streams.stderr);
  const parsed = parseVmCheckOutput(streams.stdout, input);
  if (parsed.kind === 'err') {
    const problem =
      streams.stdout.trim() === '' && stderr !== ''
        ? `The check script failed on the VM and printed only an error: ${stderr}`
        : `${parsed.error.message}${stderr === '' ? '' : ` Its error output: ${stderr}`}`;
    return unavailableVmChecks(source, at, problem);
  }
  const output: VmCheckOutput =
    stderr === ''
      ? parsed.value
      : {
          ...parsed.value,
          errors: [...parsed.value.errors, { section: 'stderr', message: stderr }].slice(0, VM_CHECK_MAX_LIST),
        };
  return { source, collectedAt: at, output, problem: null };
}

/**
 * The gist of an error stream on one line, bounded: PowerShell's position lines (`At …`, `+ …`) are left
 * out when other lines say what went wrong.
 */
function firstLines(text: string): string {
  const lines = text
    .replace(UNSAFE_CHARS, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const messages = lines.filter((line) => !/^(\+|At [^\s].*:\d+ char:\d+$)/.test(line));
  return (messages.length > 0 ? messages : lines).slice(0, 3).join(' ').slice(0, 240);
}

/** The parsed JSON when the whole text is a Run Command result (`{"value":[…]}`), else null. */
function runCommandJson(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!/^\{\s*"value"\s*:/.test(trimmed)) return null;
  if (trimmed.length > 256 * 1024) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isRecord(value) && Array.isArray(value.value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
