import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTarget } from '../src/core/target.js';
import { buildPlan } from '../src/node/plan.js';
import { runPlan } from '../src/node/runner/runner.js';
import { makeCertificate, removeCertificate } from '../test/support/certificate.js';
import { freeLoopbackPort } from '../test/support/loopback-xrdp.js';
import { startXrdp, stopXrdp } from '../test/support/xrdp.js';
import { type BenchRow, median } from './table.js';

const RUNS = 10;
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'rdp-probe.js');
const NMAP = '/usr/bin/nmap';

/** The RDP checks alone (negotiation, TLS certificate, NTLM, protocol sweep, UDP), as the run executes them. */
async function rdpPhaseMs(port: number): Promise<number> {
  const parsed = parseTarget(`127.0.0.1:${port}`);
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  const plan = buildPlan({ quick: false, nameservers: null, timeoutMs: 4000, routingToken: null });
  const outcome = await runPlan(plan, { target: parsed.value, timeoutMs: 4000, deadlineMs: 60_000 });
  return (
    outcome.results
      .filter((r) => r.id.startsWith('rdp.') || r.id === 'udp.rdp')
      .reduce((end, r) => {
        const finished = Date.parse(r.startedAt) + r.durationMs;
        return Math.max(end, finished);
      }, 0) - Math.min(...outcome.results.filter((r) => r.id === 'rdp.negotiate').map((r) => Date.parse(r.startedAt)))
  );
}

function wholeCommandMs(command: string, args: readonly string[]): number {
  const started = performance.now();
  spawnSync(command, [...args], { stdio: 'ignore', timeout: 120_000 });
  return performance.now() - started;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * The full RDP probe against xrdp on loopback, and side by side the whole command against nmap's
 * rdp-enum-encryption + rdp-ntlm-info on the same server (when nmap is installed).
 */
export async function benchRdp(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-bench-'));
  const cert = makeCertificate('BENCH-VM01');
  const xrdp = await startXrdp({
    dir,
    name: 'bench',
    port: await freeLoopbackPort(),
    cert,
    securityLayer: 'negotiate',
    // A real server serves connections concurrently; single-process xrdp would measure its own backlog.
    fork: true,
  });
  try {
    if (xrdp.skipReason !== null) return [{ name: 'RDP probe against xrdp', value: `skipped: ${xrdp.skipReason}` }];
    const phases: number[] = [];
    for (let i = 0; i < RUNS; i++) phases.push(await rdpPhaseMs(xrdp.port));
    const probe = median(phases);
    const commands: number[] = [];
    for (let i = 0; i < 5; i++)
      commands.push(wholeCommandMs(process.execPath, [CLI, '--json', `127.0.0.1:${xrdp.port}`]));
    const command = median(commands);
    const rows: BenchRow[] = [
      { name: 'RDP phase (negotiate, TLS cert, protocols, UDP)', value: ms(probe), aim: '< 100 ms', met: probe < 100 },
      { name: 'rdp-probe --json, whole command', value: ms(command) },
    ];
    if (!existsSync(NMAP)) {
      rows.push({ name: 'nmap rdp-enum-encryption,rdp-ntlm-info', value: 'skipped: nmap is not installed' });
      return rows;
    }
    const nmapArgs = [
      '-Pn',
      '-n',
      '-p',
      String(xrdp.port),
      '--script',
      '+rdp-enum-encryption,+rdp-ntlm-info',
      '127.0.0.1',
    ];
    const nmapRuns: number[] = [];
    for (let i = 0; i < 3; i++) nmapRuns.push(wholeCommandMs(NMAP, nmapArgs));
    const nmap = median(nmapRuns);
    rows.push({ name: 'nmap rdp-enum-encryption,rdp-ntlm-info', value: ms(nmap) });
    rows.push({
      name: 'nmap time / rdp-probe time',
      value: `${(nmap / command).toFixed(1)}×`,
      aim: '≥ 10×',
      met: nmap / command >= 10,
    });
    return rows;
  } finally {
    await stopXrdp(xrdp);
    removeCertificate(cert);
    rmSync(dir, { recursive: true, force: true });
  }
}
