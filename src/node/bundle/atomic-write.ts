import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'the folder is not writable';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  return `it cannot be written (${code ?? (error as Error).message})`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Publishes the finished temp file without replacing an existing one: link fails if the name is taken. */
async function publishNew(temp: string, path: string): Promise<'ok' | 'exists'> {
  try {
    await link(temp, path);
    return 'ok';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: check, then rename (a narrow race, on such file systems only).
    if (await exists(path)) return 'exists';
    await rename(temp, path);
    return 'ok';
  }
}

/**
 * Writes a whole file atomically: into a temp file in the same folder, flushed, then moved into place,
 * so a failed write never leaves a partial file or destroys the existing one. Without `force` an
 * existing file is refused (the message names it and `--force`); `input` names the option (`--out`).
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: { readonly force: boolean; readonly input: string },
): Promise<Result<void, InputError>> {
  const refuseExisting = () =>
    err(inputError(options.input, `${path} already exists; choose another name or add --force to overwrite it.`));
  if (!options.force && (await exists(path))) return refuseExisting();
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force) await rename(temp, path);
    else if ((await publishNew(temp, path)) === 'exists') return refuseExisting();
    return ok(undefined);
  } catch (error) {
    return err(inputError(options.input, `Cannot write ${path}: ${describe(error)}.`));
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
