import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCertificate } from './certificate.js';
import type { TestNamespace } from './netns.js';
import { tcpAccepts } from './wait.js';

/** Where Debian's xrdp lives (`.ci/run` installs it). */
export const XRDP = '/usr/sbin/xrdp';

/** One xrdp process a test started, or why it could not start. */
export interface Xrdp {
  readonly port: number;
  readonly child: ChildProcess | null;
  readonly skipReason: string | null;
}

/** An xrdp.ini for one listener (loopback unless a namespace address is given): its own port, certificate and log. */
function xrdpIni(
  host: string,
  port: number,
  cert: TestCertificate,
  logFile: string,
  securityLayer: string,
  fork: boolean,
): string {
  return `[Globals]
ini_version=1
fork=${fork}
port=tcp://${host}:${port}
use_vsock=false
security_layer=${securityLayer}
crypt_level=high
certificate=${cert.certPath}
key_file=${cert.keyPath}
ssl_protocols=TLSv1.2, TLSv1.3
[Logging]
LogFile=${logFile}
LogLevel=INFO
EnableSyslog=false
EnableConsole=false
[Channels]
`;
}

/**
 * Starts a real xrdp on 127.0.0.1:`port` with its own ini in `dir` and waits (bounded, 5 s) until it
 * listens. Returns a skip reason instead when xrdp is missing or does not start.
 */
export async function startXrdp(options: {
  readonly dir: string;
  readonly name: string;
  readonly port: number;
  readonly cert: TestCertificate;
  readonly securityLayer: 'negotiate' | 'tls' | 'rdp';
  /**
   * One process per connection, as a real server serves clients concurrently (for benchmarks). Tests keep
   * the default single process: xrdp then handles one connection at a time behind a listen backlog of 2,
   * so bursts wait for SYN retransmits (about 1 s).
   */
  readonly fork?: boolean;
  /** Run it inside this test namespace, listening on `host` there (default: this namespace's 127.0.0.1). */
  readonly namespace?: { readonly ns: TestNamespace; readonly host: string };
}): Promise<Xrdp> {
  const { dir, name, port, cert, securityLayer } = options;
  const host = options.namespace?.host ?? '127.0.0.1';
  if (!existsSync(XRDP))
    return { port, child: null, skipReason: `${XRDP} is not installed (bash .ci/run installs it)` };
  const ini = join(dir, `${name}.ini`);
  writeFileSync(ini, xrdpIni(host, port, cert, join(dir, `${name}.log`), securityLayer, options.fork ?? false));
  const args = ['--nodaemon', '--config', ini];
  const ns = options.namespace?.ns;
  const child = ns === undefined ? spawn(XRDP, args, { stdio: ['ignore', 'pipe', 'pipe'] }) : ns.start(XRDP, args);
  const listening = async () =>
    ns === undefined ? tcpAccepts(host, port) : ns.run('ss', ['-Hltn', 'src', `${host}:${port}`]).trim() !== '';
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await listening()) return { port, child, skipReason: null };
    await new Promise((r) => setTimeout(r, 100));
  }
  const skipReason = `xrdp did not start on ${host}:${port} (exit ${child.exitCode}): ${output.slice(0, 300)}`;
  console.warn(`skipping xrdp tests: ${skipReason}`);
  return { port, child, skipReason };
}

/** Stops an xrdp a test started, by its PID: SIGTERM, then SIGKILL after 1 s (xrdp 0.9 often lingers). */
export async function stopXrdp(xrdp: Xrdp | undefined): Promise<void> {
  const child = xrdp?.child;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  if (child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
}
