import { useId } from 'react';
import type { UserOs } from '../../src/core/format/report-text.js';
import type { Finding, RemedyStep } from '../../src/core/report-schema.js';
import { sourceTitle } from '../../src/core/source.js';
import type { VmRepair } from '../../src/core/vm-checks/vm-check-schema.js';
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

/**
 * A repair the finding proposes: what it changes, and "Apply…" (its own confirmation dialog) when this report
 * is a run that read the VM from Azure; otherwise the `az` command to run it yourself.
 */
function Repair(props: { readonly repair: VmRepair; readonly onApply: ((repair: VmRepair) => void) | undefined }) {
  const { repair, onApply } = props;
  return (
    <li className="repair" data-repair={repair.id}>
      <span className="repair-title">{repair.title}</span>
      <span className="repair-changes">{repair.whatChanges}</span>
      {onApply === undefined ? (
        <span className="step-command">
          <code>{repair.azCommand}</code>
          <CopyButton text={repair.azCommand} label={`Copy the Azure CLI command: ${repair.title}`} />
        </span>
      ) : (
        <span>
          <button
            type="button"
            className="secondary"
            aria-label={`Apply… ${repair.title}`}
            onClick={() => onApply(repair)}
          >
            Apply…
          </button>
        </span>
      )}
    </li>
  );
}

/** Props of a finding's card. */
export interface FindingCardProps {
  readonly finding: Finding;
  readonly os: UserOs;
  readonly first: boolean;
  /** Opens the confirmation of one of the finding's repairs; absent: they cannot be applied from here. */
  readonly onRepair?: (repair: VmRepair) => void;
}

/** One finding: what is wrong and where, what was seen, and the fix with commands for the user's system first. */
export function FindingCard(props: FindingCardProps) {
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
      {finding.repairs !== undefined && finding.repairs.length > 0 && (
        <>
          <h4>{props.onRepair === undefined ? 'Repairs RDP Probe proposes' : 'Repair it from here'}</h4>
          {props.onRepair === undefined && (
            <p className="help">Run from a probe that reads this VM from Azure, or with the Azure CLI:</p>
          )}
          <ul className="repairs">
            {finding.repairs.map((repair) => (
              <Repair key={repair.id} repair={repair} onApply={props.onRepair} />
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
