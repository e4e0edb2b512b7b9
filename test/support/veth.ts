import { execFileSync } from 'node:child_process';
import type { TestNamespace } from './netns.js';

/** A veth pair from this (the test's) namespace into a test namespace, removed by `remove()`. */
export interface VethBridge {
  readonly hostAddress: string;
  readonly namespaceAddress: string;
  remove(): void;
}

let counter = 0;

/**
 * Links a test namespace to this one with a veth pair on a /30 of 198.18.0.0/15, so a process in the
 * namespace can reach a server the test runs here on `hostAddress` (and nothing else: no route beyond it).
 */
export function bridgeToNamespace(ns: TestNamespace, hostAddress: string, namespaceAddress: string): VethBridge {
  counter += 1;
  const outside = `rpv${process.pid % 100000}${counter}`.slice(0, 15);
  const inside = `${outside}n`.slice(0, 15);
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore', timeout: 5000 });
  ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', inside);
  try {
    ip('link', 'set', inside, 'netns', ns.name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', outside);
    ip('link', 'set', outside, 'up');
    ns.run('ip', ['addr', 'add', `${namespaceAddress}/30`, 'dev', inside]);
    ns.run('ip', ['link', 'set', inside, 'up']);
  } catch (error) {
    ip('link', 'del', outside);
    throw error;
  }
  return {
    hostAddress,
    namespaceAddress,
    remove() {
      try {
        ip('link', 'del', outside);
      } catch {
        // Gone with its namespace already.
      }
    },
  };
}
