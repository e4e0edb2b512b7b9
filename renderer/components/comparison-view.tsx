import { useEffect, useId, useRef } from 'react';
import type { ComparedCheck, Comparison } from '../../src/core/compare.js';
import { CHECK_STATUS_TEXT } from './check-list.js';

function cell(side: ComparedCheck['a']): string {
  return side === null ? 'Not run' : `${CHECK_STATUS_TEXT[side.status]}: ${side.summary}`;
}

/** Two reports side by side: the conclusion in one sentence, then the checks and findings that differ. */
export function ComparisonView(props: { readonly names: readonly [string, string]; readonly comparison: Comparison }) {
  const { comparison } = props;
  const [nameA, nameB] = props.names;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus the answer when it arrives, as the verdict does.
  useEffect(() => heading.current?.focus(), []);
  const differing = comparison.checks.filter((c) => c.differs);
  return (
    <div className="comparison" data-testid="comparison">
      <h3 ref={heading} tabIndex={-1} className="conclusion">
        {comparison.conclusion}
      </h3>
      {differing.length === 0 ? (
        <p>Every check gave the same result in both.</p>
      ) : (
        <table aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`}>Checks that differ</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">{nameA}</th>
              <th scope="col">{nameB}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((check) => (
              <tr key={check.key} data-check={check.key}>
                <th scope="row">
                  {check.title} <code>{check.key}</code>
                </th>
                <td>{cell(check.a)}</td>
                <td>{cell(check.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comparison.findingsOnlyInA.length > 0 && (
        <p>
          Findings only in {nameA}: <code>{comparison.findingsOnlyInA.join(', ')}</code>
        </p>
      )}
      {comparison.findingsOnlyInB.length > 0 && (
        <p>
          Findings only in {nameB}: <code>{comparison.findingsOnlyInB.join(', ')}</code>
        </p>
      )}
    </div>
  );
}
