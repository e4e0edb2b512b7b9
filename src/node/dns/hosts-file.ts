import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the OS keeps its hosts file. */
export function hostsFilePath(): string {
  if (process.platform === 'win32') {
    return join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'hosts');
  }
  return '/etc/hosts';
}

/** The hosts file's text, or why it could not be read (a missing file is an empty one). */
export async function readHostsFile(path: string): Promise<{ text: string; error: string | null }> {
  try {
    return { text: await readFile(path, 'utf8'), error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { text: '', error: null };
    return { text: '', error: `${code ?? 'error'}: ${(error as Error).message}` };
  }
}
