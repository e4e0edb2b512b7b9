import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNamespace } from './netns.js';
import { waitFor } from './wait.js';

/** Debian's Dante SOCKS server and microsocks (`.ci/run` installs them). */
export const DANTED = '/usr/sbin/danted';
export const MICROSOCKS = '/usr/bin/microsocks';

/** How the test Dante treats CONNECT: allow everything, or refuse the RDP port by a rule. */
export type DantePolicy = 'allow' | 'deny-rdp';

/** A SOCKS server a test started, stopped by its PID. */
export interface TestSocks {
  readonly address: string;
  readonly port: number;
  /** What the server printed (Dante logs each refused request to stderr). */
  output(): string;
  stop(): Promise<void>;
}

function danteConf(address: string, port: number, policy: DantePolicy): string {
  const rules = {
    allow: ['socks pass { from: 0.0.0.0/0 to: 0.0.0.0/0 log: connect }'],
    'deny-rdp': [
      'socks block { from: 0.0.0.0/0 to: 0.0.0.0/0 port = 3389 log: connect }',
      'socks pass { from: 0.0.0.0/0 to: 0.0.0.0/0 log: connect }',
    ],
  }[policy];
  return `logoutput: stderr
internal: ${address} port = ${port}
external: ${address}
clientmethod: none
socksmethod: none
user.privileged: root
user.unprivileged: nobody
client pass { from: 0.0.0.0/0 to: 0.0.0.0/0 }
${rules.join('\n')}
`;
}

/** Watches a server's output and stops it by PID (SIGTERM, then SIGKILL after a bounded wait). */
function track(ns: TestNamespace, child: ChildProcess, what: string, address: string, port: number, dir?: string) {
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const server: TestSocks = {
    address,
    port,
    output: () => output,
    async stop() {
      if (child.pid !== undefined && !exited()) {
        process.kill(child.pid, 'SIGTERM');
        await waitFor(`${what} to exit`, exited, 3000).catch(() => {
          if (child.pid !== undefined && !exited()) process.kill(child.pid, 'SIGKILL');
        });
      }
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
  const listening = waitFor(
    `${what} on ${address}:${port}`,
    () => {
      if (exited()) throw new Error(`${what} exited with ${child.exitCode}: ${output.slice(-800)}`);
      return ns.run('ss', ['-Hltn', 'src', `${address}:${port}`]).trim() !== '';
    },
    10_000,
  );
  return { server, listening };
}

/**
 * Starts Debian's Dante (`danted`, in the foreground, one process) inside a namespace with its own config
 * in a temp dir: no authentication, leaving from its listen address (so nftables can tell its traffic from
 * the client's), and either passing every CONNECT or blocking the RDP port by a `socks block` rule, which
 * Dante answers with SOCKS5 reply 2 ("not allowed by ruleset").
 */
export async function startDante(
  ns: TestNamespace,
  address: string,
  port: number,
  policy: DantePolicy,
): Promise<TestSocks> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-dante-'));
  const conf = join(dir, 'danted.conf');
  writeFileSync(conf, danteConf(address, port, policy));
  const child = ns.start(DANTED, ['-f', conf, '-p', join(dir, 'danted.pid'), '-N', '1']);
  const { server, listening } = track(ns, child, 'danted', address, port, dir);
  await listening.catch(async (error) => {
    await server.stop();
    throw error;
  });
  return server;
}

/**
 * Starts microsocks inside a namespace, asking for SOCKS5 username/password authentication (RFC 1929) and
 * leaving from its listen address.
 */
export async function startMicrosocks(
  ns: TestNamespace,
  address: string,
  port: number,
  credentials: { readonly user: string; readonly password: string },
): Promise<TestSocks> {
  const child = ns.start(MICROSOCKS, [
    '-i',
    address,
    '-p',
    String(port),
    '-b',
    address,
    '-u',
    credentials.user,
    '-P',
    credentials.password,
  ]);
  const { server, listening } = track(ns, child, 'microsocks', address, port);
  await listening.catch(async (error) => {
    await server.stop();
    throw error;
  });
  return server;
}
