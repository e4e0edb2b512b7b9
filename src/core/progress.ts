import type { CheckKey } from './ids.js';
import type { CheckResult } from './report-schema.js';

/** Progress the CLI and the UI both render: a check started, or finished with its result. */
export type RunProgress =
  | { readonly kind: 'check-started'; readonly key: CheckKey; readonly title: string; readonly at: string }
  | { readonly kind: 'check-finished'; readonly key: CheckKey; readonly result: CheckResult };
