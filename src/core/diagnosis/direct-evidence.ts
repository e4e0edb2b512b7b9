import { DIRECT_PATH } from '../ids.js';
import type { CheckResult } from '../report-schema.js';

type Evidence = NonNullable<CheckResult['evidence']>;

/** The evidence of a kind on the direct path (the route the RDP client takes), if that check ran. */
export function directEvidence<K extends Evidence['kind']>(
  checks: readonly CheckResult[],
  kind: K,
): Extract<Evidence, { kind: K }> | undefined {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as Extract<Evidence, { kind: K }> | undefined;
}
