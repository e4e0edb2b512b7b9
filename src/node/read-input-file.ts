import { open } from 'node:fs/promises';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';

/**
 * Reads a file the user named, refusing what is not a regular file or larger than `maxBytes`: input
 * files are untrusted and must never exhaust memory. Errors name the file and what was expected.
 */
export async function readInputFile(
  path: string,
  what: string,
  maxBytes: number,
): Promise<Result<Uint8Array, InputError>> {
  const input = `file ${path}`;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) return err(inputError(input, `${path} is a folder; expected ${what}.`));
    if (!info.isFile()) return err(inputError(input, `${path} is not a regular file; expected ${what}.`));
    if (info.size > maxBytes) {
      return err(
        inputError(
          input,
          `${path} is ${info.size} bytes; ${what} is expected to be under ${Math.round(maxBytes / 1024)} KiB.`,
        ),
      );
    }
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return ok(bytes.subarray(0, bytesRead));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'is a folder'
            : `cannot be read (${code ?? 'error'})`;
    return err(inputError(input, `${path} ${why}; expected ${what}.`));
  } finally {
    await handle?.close();
  }
}
