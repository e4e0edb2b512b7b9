import type { ClientTool } from '../../core/evidence/client.js';
import { runCommand } from '../exec/run-command.js';

/** What a read-only OS tool gave: how it went (for the evidence) and its output when it could be read. */
export interface ToolRead {
  readonly tool: ClientTool;
  readonly stdout: string | null;
}

/** Messages OS tools print when they need administrator rights, in English (the tools are not localised). */
const DENIED = /permission denied|operation not permitted|must be root|access is denied|requires root|not privileged/i;

/** A time budget shared by the commands of one check: each gets what is left of it. */
export interface Budget {
  readonly signal: AbortSignal;
  /** Milliseconds left, at least 1 (runCommand needs a positive timeout). */
  left(): number;
}

/** A budget of `timeoutMs` from now, cut short by `signal`. */
export function budgetOf(timeoutMs: number, signal: AbortSignal): Budget {
  const ends = performance.now() + timeoutMs;
  return { signal, left: () => Math.max(1, Math.floor(ends - performance.now())) };
}

/**
 * Runs one read-only tool through `runCommand` (no shell, hard timeout, output cap) and classifies the
 * outcome: read, absent (not installed), denied (needs admin rights), timeout or failed. `display` is the
 * command as a user would type it, for the evidence; `command` may be a full path (tests point it
 * elsewhere).
 */
export async function readTool(
  command: string,
  args: readonly string[],
  display: string,
  budget: Budget,
): Promise<ToolRead> {
  const fail = (outcome: ClientTool['outcome'], message: string): ToolRead => ({
    tool: { command: display, outcome, message },
    stdout: null,
  });
  if (budget.signal.aborted) return fail('failed', 'the check was stopped before it ran');
  const result = await runCommand(command, args, { timeoutMs: budget.left(), signal: budget.signal });
  switch (result.kind) {
    case 'not-found':
      return fail('absent', `${command.split(/[\\/]/).pop() ?? command} is not installed`);
    case 'timeout':
      return fail('timeout', `${display} gave no answer in time`);
    case 'failed':
      return fail('failed', result.message);
    case 'exited': {
      const said = firstLine(result.stderr) ?? firstLine(result.stdout);
      if (result.code === 0)
        return { tool: { command: display, outcome: 'read', message: null }, stdout: result.stdout };
      if (DENIED.test(result.stderr) || DENIED.test(result.stdout)) {
        return fail('denied', `${display} needs administrator rights${said === null ? '' : ` ("${said}")`}`);
      }
      return fail('failed', `${display} exited with code ${result.code ?? 'none'}${said === null ? '' : `: ${said}`}`);
    }
  }
}

function firstLine(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line === undefined ? null : line.slice(0, 200);
}
