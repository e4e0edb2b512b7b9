import type { Report } from '../../src/core/report-schema.js';
import { formatTarget } from '../../src/core/target.js';
import { placeViews } from '../state/places.js';
import { maskedSentence } from '../state/redaction-labels.js';
import { resultKey } from '../state/run-state.js';
import { AzurePanel } from './azure-panel.js';
import { PathView } from './path-view.js';
import { VerdictView } from './verdict-view.js';

/** What `bundle:open` answered, as the view needs it. */
export interface OpenedFile {
  readonly name: string;
  readonly format: 'bundle' | 'report-json';
  readonly redacted: readonly string[] | null;
  readonly report: Report;
}

/** A report someone sent (a bundle or a JSON report): where it came from, its places, verdict, findings and Azure side. */
export function OpenedReport({ file }: { readonly file: OpenedFile }) {
  const { report } = file;
  const places = placeViews({
    plan: report.plan,
    started: new Set(),
    results: new Map(report.checks.map((c) => [resultKey(c), c])),
    findings: report.findings,
  });
  return (
    <div className="opened" data-testid="opened-report">
      <p>
        <strong>{file.name}</strong>: {file.format === 'bundle' ? 'a probe bundle' : 'a report saved as JSON'} of{' '}
        <code>{formatTarget(report.target)}</code>, probed {new Date(report.run.startedAt).toLocaleString()} on{' '}
        {report.platform.os}. {file.redacted !== null && maskedSentence(file.redacted)}
      </p>
      <PathView places={places} />
      <VerdictView report={report} errorCode="" />
      <AzurePanel snapshot={report.azure} />
    </div>
  );
}
