/** Longest member name a bundle may hold. */
const MAX_NAME_LENGTH = 200;

/**
 * Why a zip member name is unsafe, or null when it is a plain relative path. Stops path traversal
 * (`../`), absolute paths, Windows separators and drive letters, which could make a careless extractor
 * write outside its folder; rdp-probe never extracts, but refuses such a bundle as tampered.
 */
export function unsafeMemberName(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.length > MAX_NAME_LENGTH) return `has a name longer than ${MAX_NAME_LENGTH} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has control characters in its name';
  if (name.includes('\\')) return 'uses backslashes (a Windows path)';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-z]:/i.test(name)) return 'starts with a drive letter';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'climbs out of the bundle (path traversal with ..)';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." path segment';
  return null;
}

/** The member name for an evidence file: under `evidence/`, odd characters replaced by `_`, no empty folders. */
export function evidenceMemberName(name: string): string {
  return `evidence/${name.replace(/[^A-Za-z0-9._@/-]/g, '_').replace(/\/{2,}/g, '/')}`;
}
