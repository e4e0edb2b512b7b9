import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseTarget } from '../src/core/target.js';
import { runProbe } from '../src/node/probe.js';
import { type BenchRow, median } from './table.js';

const RUNS = 15;
const TIMEOUT_MS = 500;
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'rdp-probe.js');

function target(text: string) {
  const t = parseTarget(text);
  if (t.kind === 'err') throw new Error(t.error.message);
  return t.value;
}

async function timeToVerdict(text: string, quick: boolean): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await runProbe({
      target: target(text),
      timeoutMs: TIMEOUT_MS,
      quick,
      expectIp: null,
      nameservers: null,
      routingToken: null,
      expectName: null,
    });
    times.push(performance.now() - started);
  }
  return median(times);
}

/** A filtered target needs a silent drop: a namespace of our own with an nftables rule (root only). */
function filteredInNamespace(quick: boolean): number | string {
  if (process.getuid?.() !== 0) return 'skipped: needs root for a test namespace';
  const ns = `rpb-${process.pid}`;
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore', timeout: 5000 });
  try {
    ip('netns', 'add', ns);
    ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    ip('netns', 'exec', ns, 'ip', 'addr', 'add', '198.18.0.20/32', 'dev', 'lo');
    ip('netns', 'exec', ns, 'nft', 'add', 'table', 'inet', 'rpb');
    ip('netns', 'exec', ns, 'nft', 'add', 'chain', 'inet', 'rpb', 'input', '{ type filter hook input priority 0 ; }');
    ip('netns', 'exec', ns, 'nft', 'add', 'rule', 'inet', 'rpb', 'input', 'tcp', 'dport', '3389', 'drop');
    const overruns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const args = [
        'netns',
        'exec',
        ns,
        process.execPath,
        CLI,
        '--json',
        '--timeout',
        `${TIMEOUT_MS}ms`,
        '198.18.0.20',
      ];
      const run = spawnSync('ip', quick ? [...args, '--quick'] : args, { encoding: 'utf8', timeout: 30_000 });
      const report = JSON.parse(run.stdout) as { run: { durationMs: number } };
      overruns.push(report.run.durationMs - TIMEOUT_MS);
    }
    return median(overruns);
  } catch (error) {
    return `skipped: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    try {
      ip('netns', 'del', ns);
    } catch {
      // Already gone.
    }
  }
}

function coldStart(): number {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [CLI, '--version'], { timeout: 10_000 });
    times.push(performance.now() - started);
  }
  return median(times);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Time to verdict for open, refused and filtered targets, and the CLI's cold start. */
export async function benchProbe(): Promise<BenchRow[]> {
  const server = createServer((s) => s.resume().end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const rows: BenchRow[] = [];
  try {
    for (const quick of [true, false]) {
      const plan = quick ? '--quick' : 'default';
      const open = await timeToVerdict(`127.0.0.1:${port}`, quick);
      rows.push({ name: `open, ${plan} (loopback)`, value: ms(open), aim: '< 50 ms', met: open < 50 });
      const refused = await timeToVerdict(`127.0.0.1:${closedPort}`, quick);
      rows.push({ name: `refused, ${plan} (loopback)`, value: ms(refused), aim: '< 50 ms', met: refused < 50 });
      const filtered = filteredInNamespace(quick);
      rows.push(
        typeof filtered === 'number'
          ? {
              name: `filtered, ${plan}: after the ${TIMEOUT_MS} ms timeout`,
              value: ms(filtered),
              aim: '< 50 ms',
              met: filtered < 50,
            }
          : { name: `filtered, ${plan}`, value: filtered },
      );
    }
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  const cold = coldStart();
  rows.push({ name: 'CLI cold start (rdp-probe --version)', value: ms(cold), aim: '< 400 ms', met: cold < 400 });
  return rows;
}
