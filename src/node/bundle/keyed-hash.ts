import { createHmac, randomBytes } from 'node:crypto';
import type { KeyedHash } from '../../core/bundle/mask.js';

/** A keyed hash for redaction and whether the key was the user's or a random one-off. */
export interface RedactionKey {
  readonly hash: KeyedHash;
  readonly kind: 'user' | 'one-off';
}

/**
 * HMAC-SHA-256 under the user's key, or under 32 random bytes when none is given: without a secret
 * key, masks of IPv4 addresses could be reversed by hashing all 2^32 of them.
 */
export function createRedactionKey(key?: string): RedactionKey {
  const secret = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  return {
    hash: (value) => createHmac('sha256', secret).update(value, 'utf8').digest('hex'),
    kind: key === undefined ? 'one-off' : 'user',
  };
}
