import type { CheckStatus } from '../report-schema.js';

/** The one-character mark of a check status, shared by every text view of a report. */
export const STATUS_MARK: Readonly<Record<CheckStatus, string>> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  info: 'i',
  skipped: '-',
  error: '?',
  timeout: '⏱',
  cancelled: '-',
};
