import type { ChildProcess } from 'node:child_process';
import type { TestNamespace } from './netns.js';
import { waitFor } from './wait.js';

/**
 * Starts a real dnsmasq inside a namespace, authoritative for `domain` (unknown names get NXDOMAIN, and
 * nothing is forwarded anywhere), answering from `records` (dnsmasq options such as
 * `--host-record=name,addr`). Stopped by PID when the namespace is destroyed.
 */
export async function startDnsmasq(
  ns: TestNamespace,
  listen: string,
  domain: string,
  records: readonly string[],
): Promise<ChildProcess> {
  const child = ns.start('dnsmasq', [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    '--bind-interfaces',
    `--listen-address=${listen}`,
    '--port=53',
    `--pid-file=/tmp/${ns.name}-${listen}.pid`,
    '--user=root',
    `--local=/${domain}/`,
    ...records,
  ]);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  await waitFor(`dnsmasq on ${listen}`, () => {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited with ${child.exitCode}: ${stderr}`);
    return ns.run('ss', ['-Hlun', 'src', `${listen}:53`]).trim() !== '';
  });
  return child;
}
