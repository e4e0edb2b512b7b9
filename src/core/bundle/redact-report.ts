import { type Report, ReportSchema } from '../report-schema.js';
import { createRedactor, type KnownValues, type Redactor } from './create-redactor.js';
import { mapStrings } from './map-strings.js';
import type { KeyedHash } from './mask.js';
import type { RedactionOptions } from './redaction-options.js';

/** Applies a redactor to every free-text field of a report; the result still satisfies ReportSchema. */
export function applyRedactor(report: Report, redactor: Redactor): Report {
  const redacted = mapStrings(report, redactor);
  const checked = ReportSchema.safeParse(redacted);
  if (!checked.success) {
    // A mask in an enum or timestamp field is a bug in FIXED_FIELDS, not bad input.
    throw new Error(`redaction broke the report schema: ${checked.error.issues[0]?.path.join('.')}`);
  }
  return checked.data;
}

/**
 * The report as a bundle carries it: credentials and tokens removed, and the categories in `options`
 * masked with `hmac` (a keyed hash the caller binds to the user's key or a random one). Pure.
 */
export function redactReport(
  report: Report,
  options: RedactionOptions,
  hmac: KeyedHash,
  known: KnownValues = {},
): Report {
  return applyRedactor(report, createRedactor(report, options, hmac, known));
}
