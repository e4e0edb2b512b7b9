import { createInterface } from 'node:readline/promises';
import { runCli } from './main.js';

/** Asks on the terminal; only an explicit "yes" confirms. */
async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

/**
 * Process wiring for the CLI: real streams, Ctrl-C cancels the run (partial results are still
 * printed), and only a bug reaches the catch-all, which is the one place a stack is printed.
 */
export function main(): void {
  const controller = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nCancelling… (Ctrl-C again to quit now)\n');
    controller.abort(new Error('cancelled'));
  });
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    signal: controller.signal,
    ...(process.stdin.isTTY === true ? { confirm: confirmOnTerminal } : {}),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `rdp-probe: internal error (a bug; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 3;
    },
  );
}
