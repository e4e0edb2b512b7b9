/** `ps -A -o comm=` (Linux, macOS): every process's command name, one a line, no header. */
export const PS_ARGS = ['-A', '-o', 'comm='] as const;

/** `tasklist /fo csv /nh` (Windows): every process as CSV, no header. */
export const TASKLIST_ARGS = ['/fo', 'csv', '/nh'] as const;

/** Most process names a listing keeps: enough for any desktop, bounded against a runaway listing. */
const MAX_NAMES = 5000;

/**
 * The distinct process names in `ps -A -o comm=` output. Linux prints the command name (at most 15
 * characters, kernel threads with a slash: `kworker/0:1`), macOS the executable's path: the last path
 * element of a path is kept, so
 * `/Applications/GlobalProtect.app/Contents/MacOS/GlobalProtect` reads as `GlobalProtect`.
 */
export function parsePsComm(text: string): string[] {
  const names = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    // A path is macOS's; Linux names may hold a slash themselves (kernel threads: kworker/0:1).
    const base = line.startsWith('/') && !line.endsWith('/') ? (line.split('/').pop() ?? line) : line;
    names.add(base);
    if (names.size >= MAX_NAMES) break;
  }
  return [...names];
}

/** The fields of one CSV line (quoted fields, `""` for a quote inside one). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^,]*)/g;
  let at = 0;
  while (at <= line.length) {
    re.lastIndex = at;
    const m = re.exec(line);
    if (m === null) break;
    fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''));
    at = re.lastIndex + 1;
  }
  return fields;
}

/**
 * The distinct image names in `tasklist /fo csv /nh` output (`"ZSATunnel.exe","4120","Services",…`),
 * without `.exe`. The first column is the image name in every language; the others are localised and
 * not read. A line such as "INFO: No tasks are running…" is skipped.
 */
export function parseTasklistCsv(text: string): string[] {
  const names = new Set<string>();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line.startsWith('"')) continue;
    const [image = ''] = csvFields(line);
    if (image === '') continue;
    names.add(image.replace(/\.exe$/i, ''));
    if (names.size >= MAX_NAMES) break;
  }
  return [...names];
}
