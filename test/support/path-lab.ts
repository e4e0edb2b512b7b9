import { type ChildProcess, execFileSync } from 'node:child_process';
import type { TestCertificate } from './certificate.js';
import type { TestNamespace } from './netns.js';

let counter = 0;

/**
 * Links two test namespaces with a veth pair, named `aName` in `a` and `bName` in `b`, each end with its
 * address (CIDR) and up. Both ends go when either namespace is deleted, so `destroy()` cleans them.
 */
export function linkNamespaces(
  a: TestNamespace,
  aName: string,
  aAddress: string,
  b: TestNamespace,
  bName: string,
  bAddress: string,
): void {
  counter += 1;
  const left = `rpl${process.pid % 100000}${counter}a`.slice(0, 15);
  const right = `rpl${process.pid % 100000}${counter}b`.slice(0, 15);
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore', timeout: 5000 });
  ip('link', 'add', left, 'type', 'veth', 'peer', 'name', right);
  try {
    ip('link', 'set', left, 'netns', a.name);
    ip('link', 'set', right, 'netns', b.name);
  } catch (error) {
    ip('link', 'del', left);
    throw error;
  }
  for (const [ns, from, to, address] of [
    [a, left, aName, aAddress],
    [b, right, bName, bAddress],
  ] as const) {
    ns.run('ip', ['link', 'set', from, 'name', to]);
    ns.run('ip', ['addr', 'add', address, 'dev', to]);
    ns.run('ip', ['link', 'set', to, 'up']);
  }
}

/**
 * An RDP server that speaks TLS, inside a namespace: it answers the Connection Request with a Confirm
 * selecting TLS, then does the TLS handshake with `cert` on the same socket (its certificate flight is
 * the first full-size packet a client receives). Stopped by PID when the namespace is destroyed.
 */
export function startTlsRdp(
  ns: TestNamespace,
  host: string,
  port: number,
  cert: TestCertificate,
): Promise<ChildProcess> {
  const script = `
const net = require('node:net'); const tls = require('node:tls'); const fs = require('node:fs');
const context = tls.createSecureContext({ key: fs.readFileSync(${JSON.stringify(cert.keyPath)}), cert: fs.readFileSync(${JSON.stringify(cert.certPath)}) });
const confirm = Buffer.from('030000130ed000001234000200080001000000', 'hex');
net.createServer((s) => {
  s.on('error', () => {});
  s.once('data', () => {
    s.write(confirm);
    const secure = new tls.TLSSocket(s, { isServer: true, secureContext: context });
    secure.on('error', () => {});
  });
}).listen(${port}, ${JSON.stringify(host)}, () => console.log('ready'));`;
  const child = ns.start(process.execPath, ['-e', script]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`TLS RDP server on ${host}:${port} did not start in 10 s`)),
      10_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`TLS RDP server on ${host}:${port} exited with ${code}`));
    });
  });
}
