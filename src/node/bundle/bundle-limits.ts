/**
 * Bounds for reading an untrusted bundle, so a crafted file cannot exhaust memory: the file itself,
 * the member count, and the uncompressed size of each member and of all together. A real bundle is a
 * few hundred kilobytes.
 */
export const BUNDLE_LIMITS = {
  fileBytes: 64 * 1024 * 1024,
  entries: 512,
  memberBytes: 32 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  manifestBytes: 1024 * 1024,
} as const;
