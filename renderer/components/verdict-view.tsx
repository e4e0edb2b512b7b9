import { useEffect, useId, useRef } from 'react';
import { type UserOs, userOsOf } from '../../src/core/format/report-text.js';
import type { Finding, Report } from '../../src/core/report-schema.js';
import { sourceTitle } from '../../src/core/source.js';
import type { VmRepair } from '../../src/core/vm-checks/vm-check-schema.js';
import { FindingCard } from './finding-card.js';

const HEADLINE = {
  yes: 'Remote Desktop can reach the VM',
  no: 'Remote Desktop cannot reach the VM',
  unknown: 'Could not tell whether Remote Desktop can reach the VM',
} as const;

function findingKey(finding: Finding): string {
  return `${finding.code}:${finding.source}:${finding.detail}`;
}

function saveReport(report: Report): void {
  const blob = new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `rdp-probe-${report.target.host.replace(/[^A-Za-z0-9.-]/g, '_')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Props of the verdict view. */
export interface VerdictViewProps {
  readonly report: Report;
  readonly errorCode: string;
  /** Opens a repair's confirmation; absent (a report someone sent): repairs show their commands only. */
  readonly onRepair?: (repair: VmRepair) => void;
}

/** The verdict, then the findings (the one that decided it first), the error code the user saw, and Save. */
export function VerdictView(props: VerdictViewProps) {
  const { report } = props;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus to the answer when it arrives, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), []);
  const verdict = report.verdict;
  const os: UserOs = userOsOf(report.platform.os);
  const problems = report.findings.filter((f) => f.severity !== 'info');
  const notes = report.findings.filter((f) => f.severity === 'info');
  return (
    <div className={`verdict verdict-${verdict.reachable}`} data-reachable={verdict.reachable}>
      <h2 ref={heading} tabIndex={-1} className="verdict-headline">
        {HEADLINE[verdict.reachable]}
      </h2>
      <p className="verdict-summary">{verdict.summary}</p>
      {verdict.likelySource !== null && (
        <p>
          Most likely place: <strong>{sourceTitle(verdict.likelySource)}</strong>.
        </p>
      )}
      {report.run.ended !== 'completed' && (
        <p className="partial">
          {report.run.ended === 'cancelled' ? 'You cancelled the probe' : 'The probe reached its time limit'}: these
          results are partial.
        </p>
      )}
      {props.errorCode !== '' && (
        <p className="error-code">
          Your Remote Desktop app showed error code <strong>{props.errorCode}</strong>.
        </p>
      )}
      <p>
        <button type="button" className="secondary" onClick={() => saveReport(report)}>
          Save report…
        </button>
      </p>
      {problems.length > 0 ? (
        <section aria-labelledby={`${id}-findings`}>
          <h2 id={`${id}-findings`}>What is wrong, most likely first</h2>
          {problems.map((finding, i) => (
            <FindingCard
              key={findingKey(finding)}
              finding={finding}
              os={os}
              first={i === 0}
              {...(props.onRepair === undefined ? {} : { onRepair: props.onRepair })}
            />
          ))}
        </section>
      ) : (
        <p>No problems found.</p>
      )}
      {notes.length > 0 && (
        <section aria-labelledby={`${id}-notes`}>
          <h2 id={`${id}-notes`}>Also noted</h2>
          {notes.map((finding) => (
            <FindingCard
              key={findingKey(finding)}
              finding={finding}
              os={os}
              first={false}
              {...(props.onRepair === undefined ? {} : { onRepair: props.onRepair })}
            />
          ))}
        </section>
      )}
    </div>
  );
}
