import { spawn } from 'node:child_process';

/** What a bounded command run produced. Failures to start are values, not exceptions. */
export type CommandResult =
  | { readonly kind: 'exited'; readonly code: number | null; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'not-found'; readonly command: string }
  | { readonly kind: 'timeout'; readonly stdout: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Output beyond this is cut: the commands we read print a few kilobytes. */
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs a program (no shell: arguments are never interpreted) with a hard timeout, an abort signal and an
 * output cap, so a hung or chatty OS tool can never stall a probe.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (result: CommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ kind: 'timeout', stdout });
    }, options.timeoutMs);
    const onAbort = () => {
      child.kill('SIGKILL');
      finish({ kind: 'failed', message: 'cancelled' });
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT_BYTES) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      finish(error.code === 'ENOENT' ? { kind: 'not-found', command } : { kind: 'failed', message: error.message });
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      finish({ kind: 'exited', code, stdout, stderr });
    });
  });
}
