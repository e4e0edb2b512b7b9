import type { ChildProcess } from 'node:child_process';
import type { TestNamespace } from './netns.js';

/** Starts a Node script (in its own process) inside a namespace and resolves when it prints `ready`. */
function startScript(ns: TestNamespace, what: string, script: string): Promise<ChildProcess> {
  const child = ns.start(process.execPath, ['-e', script]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 10 s`)), 10_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

/**
 * A minimal RDP server inside a namespace: it reads one Connection Request and answers an X.224
 * Connection Confirm selecting TLS (RDP_NEG_RSP, PROTOCOL_SSL), then waits for the client to close.
 * Stopped by PID when the namespace is destroyed.
 */
export function startFakeRdp(ns: TestNamespace, host: string, port: number): Promise<ChildProcess> {
  const script = `
const net = require('node:net');
const confirm = Buffer.from('030000130ed000001234000200080001000000', 'hex');
net.createServer((s) => {
  s.on('error', () => {});
  let got = Buffer.alloc(0);
  s.on('data', (c) => {
    got = Buffer.concat([got, c]);
    if (got.length >= 4 && got.length >= got.readUInt16BE(2)) { s.write(confirm); got = Buffer.alloc(0); }
  });
}).listen(${port}, ${JSON.stringify(host)}, () => console.log('ready'));`;
  return startScript(ns, `fake RDP on ${host}:${port}`, script);
}

/** A tiny HTTP server inside a namespace that serves `body` at `path` (404 elsewhere). */
export function startHttpFile(
  ns: TestNamespace,
  host: string,
  port: number,
  path: string,
  body: string,
): Promise<ChildProcess> {
  const script = `
require('node:http').createServer((req, res) => {
  if (req.url !== ${JSON.stringify(path)}) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(${JSON.stringify(body)});
}).listen(${port}, ${JSON.stringify(host)}, () => console.log('ready'));`;
  return startScript(ns, `HTTP server on ${host}:${port}`, script);
}
