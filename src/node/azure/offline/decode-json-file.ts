/**
 * Decodes a saved file's bytes as text. Windows PowerShell 5 writes `az … > file.json` as UTF-16LE with a
 * byte-order mark, so a BOM picks the encoding; anything else is read as UTF-8.
 */
export function decodeSavedText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}
