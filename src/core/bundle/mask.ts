/**
 * A keyed hash of a string, as lower-case hex (HMAC-SHA-256 in the node layer). Passed in so the
 * redaction stays pure; the key is bound by the caller and never reaches the bundle.
 */
export type KeyedHash = (value: string) => string;

/** Hex digits of the hash kept in a mask: enough to tell a few hundred values apart. */
const MASK_HEX_DIGITS = 8;

/** A mask such as `host-3f9a2c1b`: the kind stays readable, equal values get equal masks under one key. */
export function maskOf(prefix: string, canonicalValue: string, hash: KeyedHash): string {
  return `${prefix}-${hash(`mask:${canonicalValue}`).slice(0, MASK_HEX_DIGITS)}`;
}

/** The id of a key, stored in the manifest: equal ids mean masks from two bundles are comparable. */
export function keyIdOf(hash: KeyedHash): string {
  return hash('rdp-probe redaction key id').slice(0, 16);
}
