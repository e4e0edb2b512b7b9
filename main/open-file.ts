import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { TargetInput } from '../src/api.js';

/** The largest .rdp file read (the contract's base64 limit, 360 000 characters, holds 270 000 bytes). */
export const MAX_RDP_FILE_BYTES = 270_000;

/** What a file opened outside the page (menu, "Open with", argv) turned out to be. */
export type OpenedFile =
  | { readonly kind: 'target'; readonly target: TargetInput }
  /** A bundle (.rdpprobe): opening bundles arrives with the bundle issue. */
  | { readonly kind: 'bundle'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly message: string };

/** The .rdp and .rdpprobe paths among command-line arguments (a launch or a second instance). */
export function filesFromArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && /\.(rdp|rdpprobe)$/i.test(arg));
}

/**
 * Reads a file the user opened and turns an .rdp file into the contract's `rdp-file` target (its bytes,
 * base64), so the engine parses it exactly as a dropped file. Failures are values with a plain message.
 */
export async function readOpenedFile(path: string): Promise<OpenedFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.rdpprobe') return { kind: 'bundle', path };
  const name = basename(path);
  if (ext !== '.rdp') return { kind: 'unreadable', message: `${name} is not a Remote Desktop (.rdp) file.` };
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_RDP_FILE_BYTES) {
        return { kind: 'unreadable', message: `${name} is ${size} bytes; an .rdp file is at most a few kilobytes.` };
      }
      const bytes = await handle.readFile();
      return { kind: 'target', target: { kind: 'rdp-file', name, contentBase64: bytes.toString('base64') } };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'unreadable', message: `Could not read ${name} (${code}).` };
  }
}
