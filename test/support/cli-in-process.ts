import { runCli } from '../../src/cli/main.js';

/** Runs the CLI in this process with captured streams (no TTY, no colour), for fast argument tests. */
export async function runCliInProcess(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTty: false,
    stderrIsTty: false,
    env: {},
  });
  return { code, stdout, stderr };
}
