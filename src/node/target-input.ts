import { MAX_RDP_FILE_BYTES, parseRdpFile } from '../core/rdp-file.js';
import type { InputError, Result } from '../core/result.js';
import { parseTarget, type Target } from '../core/target.js';
import { readInputFile } from './read-input-file.js';

/** Whether the typed target names an .rdp file rather than a host. */
export function isRdpFilePath(text: string): boolean {
  return /\.rdp$/i.test(text.trim());
}

/** Turns what the user typed (host[:port] or an .rdp file) into a target, or says what is wrong with it. */
export async function resolveTargetInput(text: string, port: number | undefined): Promise<Result<Target, InputError>> {
  if (!isRdpFilePath(text)) return parseTarget(text, port);
  const bytes = await readInputFile(text, 'an .rdp file', MAX_RDP_FILE_BYTES);
  if (bytes.kind === 'err') return bytes;
  return parseRdpFile(bytes.value, text, port);
}
