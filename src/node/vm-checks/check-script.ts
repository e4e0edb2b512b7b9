import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The read-only VM check script, as shipped: shown to the user in full before Run Command runs it. */
export interface CheckScript {
  /** Where it was read from. */
  readonly path: string;
  /** The whole script, as the user sees it and an admin copies it. */
  readonly text: string;
  /** The same, one line per entry: Run Command's `script` parameter. */
  readonly lines: readonly string[];
  /** SHA-256 of `text`, hex: shown with it, so what runs is what was shown. */
  readonly sha256: string;
}

/** The script's place in the package. */
export const CHECK_SCRIPT_RELATIVE_PATH = join('assets', 'vm-checks', 'check-rdp.ps1');

/**
 * Where check-rdp.ps1 is: the nearest `assets/vm-checks/` above this module, which is the package root from
 * the sources (src/node/vm-checks), the compiled CLI (dist/src/node/vm-checks) and the bundled Electron main
 * process (dist/main, inside app.asar, where electron-builder.yml includes assets/vm-checks). Null when none.
 */
export function findCheckScript(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, CHECK_SCRIPT_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

let cached: Promise<CheckScript> | null = null;

/**
 * Reads the shipped check script (once). A missing script is a broken installation, a bug: it throws.
 */
export function readCheckScript(): Promise<CheckScript> {
  cached ??= load().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function load(): Promise<CheckScript> {
  const path = findCheckScript();
  if (path === null) throw new Error(`${CHECK_SCRIPT_RELATIVE_PATH} is missing from this installation`);
  const text = await readFile(path, 'utf8');
  return {
    path,
    text,
    lines: text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'),
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}
