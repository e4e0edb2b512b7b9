import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestNamespace } from './netns.js';
import { waitFor } from './wait.js';

/** Where Debian's squid lives (`.ci/run` installs it). */
export const SQUID = '/usr/sbin/squid';
const NCSA_AUTH = '/usr/lib/squid/basic_ncsa_auth';

/** How the test squid treats CONNECT: allow it, deny it to the RDP port, or ask for Basic credentials. */
export type SquidPolicy = 'allow' | 'deny-rdp' | 'auth';

/** A squid a test started: where it listens, its files, and how to stop it (by PID). */
export interface TestSquid {
  readonly address: string;
  readonly port: number;
  readonly dir: string;
  /** The credentials the `auth` policy accepts. */
  readonly user: string;
  readonly password: string;
  accessLog(): string;
  stop(): Promise<void>;
}

function squidConf(dir: string, address: string, port: number, policy: SquidPolicy, tls: boolean): string {
  const access = {
    allow: ['http_access allow CONNECT', 'http_access deny all'],
    'deny-rdp': ['http_access deny CONNECT rdp_port', 'http_access allow CONNECT', 'http_access deny all'],
    auth: [
      `auth_param basic program ${NCSA_AUTH} ${join(dir, 'passwd')}`,
      'auth_param basic realm rdp-probe test',
      'acl authed proxy_auth REQUIRED',
      'http_access allow CONNECT authed',
      'http_access deny all',
    ],
  }[policy];
  const listen = tls
    ? `https_port ${address}:${port} tls-cert=${join(dir, 'proxy-cert.pem')} tls-key=${join(dir, 'proxy-key.pem')}`
    : `http_port ${address}:${port}`;
  return `${listen}
pid_filename ${join(dir, 'squid.pid')}
cache deny all
cache_mem 8 MB
access_log stdio:${join(dir, 'access.log')}
cache_log ${join(dir, 'cache.log')}
cache_store_log none
coredump_dir ${dir}
cache_effective_user proxy
tcp_outgoing_address ${address}
dns_nameservers 127.0.0.1
shutdown_lifetime 0 seconds
acl CONNECT method CONNECT
acl rdp_port port 3389
${access.join('\n')}
`;
}

/**
 * Starts a real squid inside a namespace with its own squid.conf in a temp dir (no cache, logs in the
 * dir, `tcp_outgoing_address` = its listen address so nftables can tell its traffic from the client's),
 * with one of three CONNECT policies. With `tls` (a PEM certificate and key) it listens with `https_port`:
 * an HTTPS proxy, CONNECT sent inside TLS. Waits (bounded) until it listens; stopped by its PID.
 */
export async function startSquid(
  ns: TestNamespace,
  address: string,
  port: number,
  policy: SquidPolicy,
  options: { readonly tls?: { readonly cert: string; readonly key: string } } = {},
): Promise<TestSquid> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-squid-'));
  if (options.tls !== undefined) {
    writeFileSync(join(dir, 'proxy-cert.pem'), options.tls.cert);
    writeFileSync(join(dir, 'proxy-key.pem'), options.tls.key, { mode: 0o600 });
  }
  const user = 'probe';
  const password = 's3cret-pass';
  if (policy === 'auth') {
    const hash = execFileSync('openssl', ['passwd', '-apr1', password], { encoding: 'utf8', timeout: 5000 }).trim();
    writeFileSync(join(dir, 'passwd'), `${user}:${hash}\n`);
  }
  const conf = join(dir, 'squid.conf');
  writeFileSync(conf, squidConf(dir, address, port, policy, options.tls !== undefined));
  // squid drops to the proxy user: it must write its logs and PID file here.
  const uid = Number(execFileSync('id', ['-u', 'proxy'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'proxy'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  const child = ns.start(SQUID, ['-N', '-f', conf]);
  let output = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  const log = () => {
    try {
      return readFileSync(join(dir, 'cache.log'), 'utf8');
    } catch {
      return '';
    }
  };
  await waitFor(
    `squid on ${address}:${port}`,
    () => {
      if (child.exitCode !== null)
        throw new Error(`squid exited with ${child.exitCode}: ${output}${log().slice(-800)}`);
      return ns.run('ss', ['-Hltn', 'src', `${address}:${port}`]).trim() !== '';
    },
    15_000,
  );
  return {
    address,
    port,
    dir,
    user,
    password,
    accessLog: () => {
      try {
        return readFileSync(join(dir, 'access.log'), 'utf8');
      } catch {
        return '';
      }
    },
    async stop() {
      const exited = () => child.exitCode !== null || child.signalCode !== null;
      if (child.pid !== undefined && !exited()) {
        process.kill(child.pid, 'SIGTERM');
        await waitFor('squid to exit', exited, 3000).catch(() => {
          if (child.pid !== undefined && !exited()) process.kill(child.pid, 'SIGKILL');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
