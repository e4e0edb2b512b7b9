import { hostname, userInfo } from 'node:os';
import type { KnownValues } from '../../core/bundle/create-redactor.js';

/** This computer's user and host names, which redaction masks wherever they appear. */
export function localKnownValues(): KnownValues {
  let user: string | null = null;
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): nothing to mask.
  }
  return { userNames: user === null ? [] : [user], hostNames: [hostname()] };
}
