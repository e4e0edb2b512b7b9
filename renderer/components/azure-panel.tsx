import { type ReactNode, useId } from 'react';
import type { AzureChange, AzureCollectStep, AzureSnapshot } from '../../src/core/azure/snapshot-schema.js';

const STEP_STATUS_TEXT = {
  ok: 'OK',
  failed: 'Failed',
  forbidden: 'Refused (no permission)',
  skipped: 'Skipped',
} as const satisfies Record<AzureCollectStep['status'], string>;

/** The clouds a collection names by their `--azure-cloud` name; any other is a Resource Manager URL. */
const CLOUD_NAMES: Readonly<Record<string, string>> = {
  public: 'Azure global',
  usgov: 'Azure Government',
  china: 'Azure China',
};

/** The last segment of a resource ID (`…/securityRules/AllowRdp` → `AllowRdp`), the whole ID as a fallback. */
function resourceName(id: string): string {
  return (
    id
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? id
  );
}

function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}

function httpText(step: AzureCollectStep): string {
  const parts = [step.httpStatus === null ? null : String(step.httpStatus), step.code].filter((p) => p !== null);
  return parts.length === 0 ? '—' : parts.join(' ');
}

/** A captioned table of the Azure panel; `children` are its body rows. */
function AzureTable(props: {
  readonly captionId: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly children: ReactNode;
}) {
  return (
    <div className="azure-table">
      <table aria-labelledby={props.captionId}>
        <caption id={props.captionId}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function StepsTable({ steps, captionId }: { readonly steps: readonly AzureCollectStep[]; readonly captionId: string }) {
  return (
    <AzureTable
      captionId={captionId}
      caption="Resource Manager calls"
      columns={['Operation', 'Status', 'HTTP', 'Time']}
    >
      {steps.map((step, i) => (
        // Steps may repeat an operation (one per NIC), so the position keeps keys unique.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once rendered
        <tr key={`${i}:${step.operation}`} data-status={step.status}>
          <th scope="row">{step.operation}</th>
          <td>
            {STEP_STATUS_TEXT[step.status]}
            {step.detail !== null && <span className="azure-detail"> {step.detail}</span>}
          </td>
          <td>{httpText(step)}</td>
          <td className="number">{Math.round(step.durationMs)} ms</td>
        </tr>
      ))}
    </AzureTable>
  );
}

function ChangesTable(props: {
  readonly changes: readonly AzureChange[];
  readonly since: string | undefined;
  readonly captionId: string;
}) {
  const span = props.since === undefined ? '' : ` since ${when(props.since)}`;
  if (props.changes.length === 0) {
    return <p>The Activity Log shows no change to the VM’s resources{span}.</p>;
  }
  return (
    <AzureTable
      captionId={props.captionId}
      caption={`Changes to the VM’s resources (Activity Log${span})`}
      columns={['When', 'What', 'Resource', 'Who', 'Status']}
    >
      {props.changes.map((change, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once rendered
        <tr key={`${i}:${change.at}`}>
          <td>{when(change.at)}</td>
          <td>
            {change.operationName ?? change.operation}
            {change.operationName !== null && (
              <span className="azure-detail">
                {' '}
                <code>{change.operation}</code>
              </span>
            )}
          </td>
          <td>
            <code title={change.resourceId}>{resourceName(change.resourceId)}</code>
          </td>
          <td>{change.caller ?? 'unknown'}</td>
          <td>{change.status ?? '—'}</td>
        </tr>
      ))}
    </AzureTable>
  );
}

/**
 * The Azure side of a report: how it was read (signed in as whom, how the VM was found, every Resource
 * Manager call) or which files it came from, and the Activity Log's recent changes. Nothing without one.
 */
export function AzurePanel({ snapshot }: { readonly snapshot: AzureSnapshot | undefined }) {
  const id = useId();
  if (snapshot === undefined) return null;
  const { collection, vm } = snapshot;
  return (
    <section className="azure-panel" aria-labelledby={`${id}-heading`} data-testid="azure-panel">
      <h2 id={`${id}-heading`}>Azure</h2>
      <dl className="azure-facts">
        {collection !== undefined ? (
          <>
            <dt>Signed in with</dt>
            <dd>
              {collection.credential} ({CLOUD_NAMES[collection.cloud] ?? collection.cloud})
            </dd>
            <dt>VM found by</dt>
            <dd>{collection.locatedBy ?? 'not found'}</dd>
          </>
        ) : (
          <>
            <dt>Read from</dt>
            <dd>
              {snapshot.origin.kind === 'offline'
                ? `files an admin saved: ${snapshot.origin.inputs.join(', ') || 'none'}`
                : 'Resource Manager'}
            </dd>
          </>
        )}
        {vm !== null && (
          <>
            <dt>VM</dt>
            <dd>
              {vm.name ?? vm.id ?? 'unnamed'}
              {vm.resourceGroup !== null && ` in ${vm.resourceGroup}`}
              {vm.location !== null && ` (${vm.location})`}
              {vm.powerState !== null && `: ${vm.powerState.display}`}
            </dd>
          </>
        )}
      </dl>
      {collection !== undefined && collection.failure !== null && (
        <p className="azure-failure">The collection stopped short: {collection.failure}</p>
      )}
      {collection !== undefined && collection.steps.length > 0 && (
        <StepsTable steps={collection.steps} captionId={`${id}-steps`} />
      )}
      {snapshot.changes !== undefined && (
        <ChangesTable changes={snapshot.changes} since={snapshot.changesSince} captionId={`${id}-changes`} />
      )}
    </section>
  );
}
