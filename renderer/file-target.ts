import type { TargetInput } from '../src/api.js';

/** The largest .rdp file the engine accepts (its base64 limit holds 270 000 bytes). */
const MAX_BYTES = 270_000;

/** A file the user chose, as the contract's `rdp-file` target, or a plain message why not. */
export type FileTargetResult =
  | { readonly kind: 'ok'; readonly target: Extract<TargetInput, { kind: 'rdp-file' }> }
  | { readonly kind: 'err'; readonly message: string };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Reads a dropped or chosen .rdp file's bytes for the engine, which parses it exactly as the CLI does. */
export async function readRdpFile(file: File): Promise<FileTargetResult> {
  if (!/\.rdp$/i.test(file.name)) {
    return { kind: 'err', message: `${file.name} is not a Remote Desktop file: choose a file that ends in .rdp.` };
  }
  if (file.size > MAX_BYTES) {
    return { kind: 'err', message: `${file.name} is too large for an .rdp file (${file.size} bytes).` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { kind: 'ok', target: { kind: 'rdp-file', name: file.name, contentBase64: toBase64(bytes) } };
}
