import type { ChildProcess } from 'node:child_process';
import type { TestNamespace } from './netns.js';

/**
 * Starts a real TCP listener (a Node server in its own process) inside a namespace and resolves once it
 * accepts connections. It is stopped by PID when the namespace is destroyed.
 */
export function startTcpListener(ns: TestNamespace, host: string, port: number): Promise<ChildProcess> {
  const script = `require('node:net').createServer((s) => s.resume().end()).listen(${port}, ${JSON.stringify(host)}, () => console.log('listening'));`;
  const child = ns.start(process.execPath, ['-e', script]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listener on ${host}:${port} did not start in 10 s`)), 10_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`listener on ${host}:${port} exited with ${code}`));
    });
  });
}
