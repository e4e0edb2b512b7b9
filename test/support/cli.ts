import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI, run as users run it. */
export const CLI = join(import.meta.dirname, '..', '..', 'bin', 'rdp-probe.js');

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with this process's Node (the project's Node 24), optionally inside a test namespace, with
 * a hard bound on its run time.
 */
export function runCliProcess(
  args: readonly string[],
  options: {
    readonly namespace?: string;
    readonly timeoutMs?: number;
    readonly env?: Record<string, string>;
    /** Shell commands run first inside the namespace's private mount namespace (e.g. to stage /run files). */
    readonly setup?: string;
  } = {},
): Promise<CliRun> {
  const command = options.namespace === undefined ? process.execPath : 'ip';
  const inner =
    options.setup === undefined
      ? [process.execPath, CLI, ...args]
      : ['sh', '-c', `${options.setup} && exec "$0" "$@"`, process.execPath, CLI, ...args];
  const fullArgs = options.namespace === undefined ? [CLI, ...args] : ['netns', 'exec', options.namespace, ...inner];
  return new Promise((resolve, reject) => {
    const child = spawn(command, fullArgs, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rdp-probe ${args.join(' ')} ran longer than ${options.timeoutMs ?? 30_000} ms`));
    }, options.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
