import { err, type InputError, inputError, ok, type Result } from '../result.js';
import {
  VM_CHECK_MAX_LIST,
  VM_CHECK_MAX_STRING,
  VM_CHECK_OUTPUT_VERSION,
  type VmCheckError,
  type VmCheckOutput,
  VmCheckOutputSchema,
} from './vm-check-schema.js';

/** Run Command returns only the last this-many bytes of a script's output. */
export const RUN_COMMAND_OUTPUT_LIMIT = 4096;

/** The largest text read at all: a pasted console session may carry more than the one line. */
const MAX_INPUT_CHARS = 256 * 1024;
/** How deep the script's JSON nests (root, section, list, item, value); anything deeper is dropped. */
const MAX_DEPTH = 5;
const MAX_KEYS = 64;
/** Parse notes added to `errors`, at most. */
const MAX_NOTES = 8;

/** Keys a JSON reviver drops: they would reach for Object.prototype when the data is copied or merged. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The script's line starts with its version key (`{"v":1,`). */
const START = /^\{\s*"v"\s*:/;
/** …and ends with its errors list (`"errors":[…]}`). */
const SCRIPT_END = /"errors"\s*:\s*\[.*\]\s*\}$/;

/**
 * Control characters (but tab, line feed, carriage return) and the invisible or direction-changing ones that
 * could make a name read as something else in the UI or a terminal.
 */
export const UNSAFE_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Reads the output of check-rdp.ps1 from what Run Command or an admin returned: finds the script's JSON line
 * among noise (BOM, CRLF, warnings, progress text, a console prompt), validates it and returns it. Never
 * throws. Hostile output is bounded (input size, nesting depth, string and list lengths, keys such as
 * `__proto__` dropped, control characters removed). A value of the wrong type or a missing section becomes
 * null and adds a `parse` entry to `errors`, so partial output stays usable. A line cut at the front by Run
 * Command's 4096-byte limit, non-JSON, or JSON that is not the script's is an InputError naming `input`.
 */
export function parseVmCheckOutput(text: string, input: string): Result<VmCheckOutput, InputError> {
  if (text.length > MAX_INPUT_CHARS) {
    return err(
      inputError(
        input,
        `${input} is ${text.length} characters long; expected the one line of JSON check-rdp.ps1 prints (about 1 KB).`,
      ),
    );
  }
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(UNSAFE_CHARS, '').trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return err(inputError(input, `${input} is empty: check-rdp.ps1 printed nothing.`));

  const found = findJsonLine(lines);
  if (found === null) return err(inputError(input, describeMissing(input, lines, text)));
  const notes: string[] = [];
  const clean = sanitize(found, 0, '', notes);
  if (!isRecord(clean)) return err(inputError(input, `${input} holds JSON that is not an object.`));
  const version = clean.v;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err(inputError(input, `${input} is JSON without a version "v": not the output of check-rdp.ps1.`));
  }
  if (version > VM_CHECK_OUTPUT_VERSION) {
    notes.push(`v: written by a newer check script (v${version}); read as v${VM_CHECK_OUTPUT_VERSION}`);
  }
  const output = validate(clean, notes);
  if (output === null) {
    return err(inputError(input, `${input} could not be read as the output of check-rdp.ps1.`));
  }
  const parseErrors: VmCheckError[] = notes
    .slice(0, MAX_NOTES)
    .map((message) => ({ section: 'parse', message: message.slice(0, VM_CHECK_MAX_STRING) }));
  return ok({ ...output, errors: [...output.errors, ...parseErrors].slice(0, VM_CHECK_MAX_LIST) });
}

/** The script's line, last one first (a re-run appends); a line wrapped by a console is joined back. */
function findJsonLine(lines: readonly string[]): unknown {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!START.test(line)) continue;
    const parsed = parseJson(line);
    if (parsed !== undefined) return parsed;
    // A console that wraps long lines may have split it: join the following lines up to a closing brace.
    let joined = line;
    for (let j = i + 1; j < lines.length && j <= i + 64; j++) {
      joined += lines[j] ?? '';
      if (joined.endsWith('}')) {
        const again = parseJson(joined);
        if (again !== undefined) return again;
      }
    }
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
  } catch {
    // Not JSON, or nested deeper than the engine's stack: both are unreadable output, not a bug.
    return undefined;
  }
}

/** Why no line could be read: cut at the front by Run Command, cut at the end, or not the script's output. */
function describeMissing(input: string, lines: readonly string[], text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  if (lines.some((line) => START.test(line))) {
    return `${input} has check-rdp.ps1's line, but it is not complete JSON: it was cut or damaged on the way; run the script again and copy the whole line.`;
  }
  // The script's line always ends with its errors list: that end without the start was cut at the front.
  if (lines.some((line) => SCRIPT_END.test(line))) {
    return `${input} lacks the beginning of check-rdp.ps1's line (${bytes} bytes kept): Run Command returns only the last ${RUN_COMMAND_OUTPUT_LIMIT} bytes of output, so the line was cut at the front; run the script by hand on the VM and send the whole line.`;
  }
  const start = lines[0]?.replace(UNSAFE_CHARS, '').slice(0, 60) ?? '';
  return `${input} has no line of check-rdp.ps1 output (a line starting {"v":); it begins "${start}".`;
}

/**
 * A bounded, plain copy: strings without control characters and cut to VM_CHECK_MAX_STRING, lists cut to
 * VM_CHECK_MAX_LIST, objects to MAX_KEYS keys, nothing deeper than MAX_DEPTH. Windows PowerShell 5.1 can
 * write an array as `{"value":[…],"Count":n}`: that is read as the array.
 */
function sanitize(value: unknown, depth: number, path: string, notes: string[]): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const clean = value.replace(UNSAFE_CHARS, '').replace(/[\t\r\n]+/g, ' ');
    if (clean.length <= VM_CHECK_MAX_STRING) return clean;
    notes.push(`${path}: text cut to ${VM_CHECK_MAX_STRING} characters`);
    return clean.slice(0, VM_CHECK_MAX_STRING);
  }
  if (depth >= MAX_DEPTH) {
    notes.push(`${path}: nested too deeply; dropped`);
    return null;
  }
  if (Array.isArray(value)) {
    if (value.length > VM_CHECK_MAX_LIST) notes.push(`${path}: ${value.length} items, kept ${VM_CHECK_MAX_LIST}`);
    return value.slice(0, VM_CHECK_MAX_LIST).map((item, i) => sanitize(item, depth + 1, `${path}[${i}]`, notes));
  }
  if (!isRecord(value)) return null;
  const keys = Object.keys(value);
  if (keys.length === 2 && Array.isArray(value.value) && 'Count' in value) {
    return sanitize(value.value, depth, path, notes);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys.slice(0, MAX_KEYS)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[key] = sanitize(value[key], depth + 1, path === '' ? key : `${path}.${key}`, notes);
  }
  return out;
}

/**
 * Validates against the schema; what fails is nulled (a field), dropped (a list item) or emptied (`errors`)
 * with a note, and validated again, so one bad value never costs the rest. Null when even that fails.
 */
function validate(data: Record<string, unknown>, notes: string[]): VmCheckOutput | null {
  for (let round = 0; round < 8; round++) {
    const parsed = VmCheckOutputSchema.safeParse(data);
    if (parsed.success) return parsed.data;
    const removals = new Map<unknown[], Set<number>>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      notes.push(`${formatPath(path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
      const index = findLastIndex(path, (p) => typeof p === 'number');
      if (index >= 0) {
        const list = valueAt(data, path.slice(0, index));
        if (Array.isArray(list)) {
          const marks = removals.get(list) ?? new Set<number>();
          marks.add(path[index] as number);
          removals.set(list, marks);
        }
        continue;
      }
      if (path.length === 0 || path[0] === 'v') return null;
      if (path.length === 1 && path[0] === 'errors') {
        data.errors = [];
        continue;
      }
      const parent = valueAt(data, path.slice(0, -1));
      const key = path[path.length - 1];
      if (isRecord(parent) && typeof key === 'string') parent[key] = null;
    }
    for (const [list, marks] of removals) {
      for (const i of [...marks].sort((a, b) => b - a)) list.splice(i, 1);
    }
  }
  return null;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === 'number') current = current[part];
    else if (isRecord(current) && typeof part === 'string') current = current[part];
    else return undefined;
  }
  return current;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top)';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
