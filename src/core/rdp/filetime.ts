/** 100-ns ticks between 1601-01-01 (FILETIME epoch) and 1970-01-01 (Unix epoch). */
const EPOCH_OFFSET_TICKS = 116444736000000000n;

/** Largest millisecond value a JavaScript Date can hold. */
const MAX_DATE_MS = 8_640_000_000_000_000n;

/**
 * Converts a Windows FILETIME (100-ns ticks since 1601-01-01 UTC) to an ISO 8601 string, or null when it
 * lies outside what a Date can represent (garbage from the wire must not throw).
 */
export function filetimeToIso(ticks: bigint): string | null {
  const ms = (ticks - EPOCH_OFFSET_TICKS) / 10_000n;
  if (ms > MAX_DATE_MS || ms < -MAX_DATE_MS) return null;
  return new Date(Number(ms)).toISOString();
}
