import type { Styles } from '../core/format/ansi.js';
import { checkLine } from '../core/format/report-text.js';
import type { RunProgress } from '../node/runner/runner.js';

/** Writes live progress to stderr: a line when a check starts (on a terminal) and when it finishes. */
export function progressPrinter(write: (line: string) => void, s: Styles, live: boolean): (event: RunProgress) => void {
  return (event) => {
    if (event.kind === 'check-started') {
      if (live) write(s.dim(`… ${event.title}`));
      return;
    }
    write(checkLine(event.result, s));
  };
}
