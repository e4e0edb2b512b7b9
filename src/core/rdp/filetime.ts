/** 100-ns ticks between 1601-01-01 (FILETIME epoch) and 1970-01-01 (Unix epoch). */
const EPOCH_OFFSET_TICKS = 116444736000000000n;

/** The last millisecond a four-digit-year ISO 8601 string can name (9999-12-31T23:59:59.999Z). */
const MAX_ISO_MS = 253402300799999n;

/**
 * Converts a Windows FILETIME (100-ns ticks since 1601-01-01 UTC) to an ISO 8601 string, or null for a
 * value past year 9999 (garbage from the wire must neither throw nor produce an invalid report date).
 */
export function filetimeToIso(ticks: bigint): string | null {
  const ms = (ticks - EPOCH_OFFSET_TICKS) / 10_000n;
  if (ms > MAX_ISO_MS || ticks < 0n) return null;
  return new Date(Number(ms)).toISOString();
}
