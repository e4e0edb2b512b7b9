import { join } from 'node:path';
import type { FileDialogs } from '../../../src/node/bundle/bundle-actions.js';

/** The engine's file dialogs as a test answers them: saves go to `dir`, opens take the queued paths. */
export interface ScriptedDialogs extends FileDialogs {
  /** Every path handed out by the save dialog, in order. */
  readonly saved: string[];
  /** The default names the engine proposed to the save dialog. */
  readonly proposed: string[];
  /** What the next open dialog answers (null: the user cancels); the VM-output dialog takes the first path. */
  queueOpen(paths: string[] | null): void;
}

/** Creates dialogs that never show anything: the "user" picks files in `dir` or the queued ones. */
export function scriptedDialogs(dir: string): ScriptedDialogs {
  const saved: string[] = [];
  const proposed: string[] = [];
  const opens: (string[] | null)[] = [];
  return {
    saved,
    proposed,
    queueOpen: (paths) => opens.push(paths),
    async chooseSavePath(defaultName) {
      proposed.push(defaultName);
      const path = join(dir, `${saved.length + 1}-${defaultName}`);
      saved.push(path);
      return path;
    },
    async chooseOpenPaths(count) {
      const paths = opens.shift() ?? null;
      return paths === null ? null : paths.slice(0, count);
    },
    async chooseVmCheckOutput() {
      return opens.shift()?.[0] ?? null;
    },
  };
}
