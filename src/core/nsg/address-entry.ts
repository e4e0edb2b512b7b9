import { err, ok, type Result } from '../result.js';
import { parseIpRange } from './ip-range.js';
import type { AddressEntry } from './rule-model.js';

const ANY = new Set(['*', 'any', '0.0.0.0/0', '::/0']);
const LOOKS_NUMERIC = /^[\d.:/a-fA-F]+$/;
const TAG = /^[A-Za-z][\w.-]*$/;

/**
 * Classifies one address prefix of a rule: any, an address or CIDR block, or a service tag. The
 * error is a phrase naming the bad text (`"10.0.0.0/33" is not an IP address, a CIDR block, * or a
 * service tag`).
 */
export function classifyAddressPrefix(text: string): Result<AddressEntry, string> {
  const trimmed = text.trim();
  if (ANY.has(trimmed.toLowerCase())) return ok({ kind: 'any', text: trimmed });
  if (parseIpRange(trimmed) !== undefined) return ok({ kind: 'prefix', text: trimmed });
  const numeric = LOOKS_NUMERIC.test(trimmed) && /[.:/]/.test(trimmed);
  if (!numeric && TAG.test(trimmed)) return ok({ kind: 'service-tag', text: trimmed });
  return err(`"${text}" is not an IP address, a CIDR block, * or a service tag`);
}
