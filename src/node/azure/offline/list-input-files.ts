import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { err, type InputError, inputError, ok, type Result } from '../../../core/result.js';

/** At most this many files are read from one folder: a snapshot is a handful of `az` outputs. */
export const MAX_FOLDER_FILES = 64;

/**
 * Expands the paths given to `--azure-snapshot`: a file stays itself (whatever its name); a folder gives
 * its `*.json` files, sorted, not recursing. A path that does not exist, or a folder with no JSON, is an
 * error naming it.
 */
export async function listInputFiles(paths: readonly string[]): Promise<Result<string[], InputError>> {
  if (paths.length === 0) return err(inputError('--azure-snapshot', '--azure-snapshot needs a file or a folder.'));
  const files: string[] = [];
  for (const path of paths) {
    const input = `--azure-snapshot ${path}`;
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
      return err(inputError(input, `${path} ${why}; expected a JSON file or a folder of JSON files saved from az.`));
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(path, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return err(inputError(input, `The folder ${path} cannot be read (${code ?? 'error'}).`));
    }
    if (names.length === 0) {
      return err(inputError(input, `The folder ${path} holds no .json files; expected JSON files saved from az.`));
    }
    if (names.length > MAX_FOLDER_FILES) {
      return err(
        inputError(
          input,
          `The folder ${path} holds ${names.length} .json files; at most ${MAX_FOLDER_FILES} are read.`,
        ),
      );
    }
    files.push(...names.map((name) => join(path, name)));
  }
  return ok(files);
}
