import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A network namespace a test creates for itself: only loopback, with test addresses from 198.18.0.0/15
 * and the documentation ranges added to it, so nothing a test does can leave this machine. Processes
 * started in it are tracked by PID and killed in `destroy()`.
 */
export interface TestNamespace {
  readonly name: string;
  /** Runs a command inside the namespace and returns its stdout (throws on failure: test setup). */
  run(command: string, args: readonly string[]): string;
  /** Starts a long-running process inside the namespace; it is killed by PID in destroy(). */
  start(command: string, args: readonly string[]): ChildProcess;
  /** Files bind-mounted over /etc/<name> for processes started with `ip netns exec` (resolv.conf, hosts). */
  writeEtc(file: 'resolv.conf' | 'hosts', text: string): void;
  destroy(): void;
}

let counter = 0;

/**
 * Whether this machine lets tests make namespaces (root, iproute2) and has the peers they start
 * (`.ci/run` installs them); the reason is printed when a suite skips.
 */
export function canUseNamespaces(tools: readonly string[] = []): { ok: true } | { ok: false; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'network namespaces need root' };
  for (const [tool, args] of [['ip', ['netns', 'list']], ...tools.map((t) => [t, ['--version']] as const)] as const) {
    try {
      execFileSync(tool, [...args], { stdio: 'ignore', timeout: 5000 });
    } catch {
      return { ok: false, why: `${tool} is not installed (bash .ci/run installs it)` };
    }
  }
  return { ok: true };
}

/** Creates a namespace with loopback up and the given addresses on it. */
export function createNamespace(addresses: readonly string[]): TestNamespace {
  counter += 1;
  const name = `rpt-${process.pid}-${counter}`;
  const etc = join('/etc/netns', name);
  const children: ChildProcess[] = [];
  execFileSync('ip', ['netns', 'add', name], { timeout: 5000 });
  const run = (command: string, args: readonly string[]) =>
    execFileSync('ip', ['netns', 'exec', name, command, ...args], { encoding: 'utf8', timeout: 30_000 });
  run('ip', ['link', 'set', 'lo', 'up']);
  for (const address of addresses) run('ip', ['addr', 'add', address, 'dev', 'lo']);
  return {
    name,
    run,
    start(command, args) {
      const child = spawn('ip', ['netns', 'exec', name, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return child;
    },
    writeEtc(file, text) {
      mkdirSync(etc, { recursive: true });
      writeFileSync(join(etc, file), text);
    },
    destroy() {
      for (const child of children) {
        if (child.pid !== undefined && child.exitCode === null) {
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
      try {
        execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore', timeout: 5000 });
      } catch {
        // Already deleted.
      }
      rmSync(etc, { recursive: true, force: true });
    },
  };
}
