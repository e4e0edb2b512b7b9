import { useId } from 'react';
import type { UserOs } from '../../src/core/format/report-text.js';
import type { Finding, RemedyStep } from '../../src/core/report-schema.js';
import { sourceTitle } from '../../src/core/source.js';
import { CopyButton } from './copy-button.js';

const SEVERITY_TEXT = { blocker: 'Blocks Remote Desktop', warning: 'Warning', info: 'Good to know' } as const;
const CONFIDENCE_TEXT = { high: 'sure', medium: 'fairly sure', low: 'not sure yet' } as const;
const OS_TEXT: Readonly<Record<RemedyStep['os'], string>> = {
  any: 'Any system',
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  'azure-cli': 'Azure CLI',
};

function Step({ step }: { readonly step: RemedyStep }) {
  return (
    <li className="step" data-os={step.os}>
      <span className="step-label">
        <span className="step-os">{OS_TEXT[step.os]}</span> {step.label}
      </span>
      <span className="step-command">
        <code>{step.command}</code>
        <CopyButton text={step.command} label={`Copy the ${OS_TEXT[step.os]} command: ${step.label}`} />
      </span>
    </li>
  );
}

/** One finding: what is wrong and where, what was seen, and the fix with commands for the user's system first. */
export function FindingCard(props: { readonly finding: Finding; readonly os: UserOs; readonly first: boolean }) {
  const { finding, os } = props;
  const id = useId();
  const mine = finding.remedy.steps.filter((s) => s.os === os || s.os === 'azure-cli' || s.os === 'any');
  const others = finding.remedy.steps.filter((s) => !mine.includes(s));
  const where =
    finding.candidates.length === 0
      ? sourceTitle(finding.source)
      : `${sourceTitle(finding.source)} (it could also be: ${finding.candidates.map((c) => sourceTitle(c).toLowerCase()).join(', ')})`;
  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={`${id}-title`} data-code={finding.code}>
      <h3 id={`${id}-title`}>
        {props.first && finding.severity === 'blocker' && <span className="badge">Most likely cause</span>}
        {finding.title}
      </h3>
      <p className="finding-meta">
        <span className={`severity severity-${finding.severity}`}>{SEVERITY_TEXT[finding.severity]}</span>
        {' · '}Where: {where}
        {' · '}How sure: {CONFIDENCE_TEXT[finding.confidence]}
      </p>
      <p>{finding.detail}</p>
      {finding.evidence.length > 0 && (
        <>
          <h4>What was seen</h4>
          <ul className="evidence">
            {finding.evidence.map((e) => (
              <li key={`${e.check}:${e.says}`}>
                <code>{e.check}</code> {e.says}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{finding.severity === 'info' ? 'What it means' : 'How to fix it'}</h4>
      <p>{finding.remedy.summary}</p>
      {mine.length > 0 && (
        <ul className="steps">
          {mine.map((step) => (
            <Step key={`${step.os}:${step.command}`} step={step} />
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details className="other-steps">
          <summary>Commands for other systems</summary>
          <ul className="steps">
            {others.map((step) => (
              <Step key={`${step.os}:${step.command}`} step={step} />
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
