import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { vmNameConfirmed } from '../../src/core/vm-checks/repair-confirmation.js';
import type { VmRepair } from '../../src/core/vm-checks/vm-check-schema.js';
import { ModalDialog } from './modal-dialog.js';

/** Props of a repair's confirmation. */
export interface RepairDialogProps {
  readonly repair: VmRepair;
  /** The VM's name as Azure knows it: what the user must type. */
  readonly vmName: string;
  /** True while the engine applies the repair and checks the VM again. */
  readonly busy: boolean;
  /** Why the engine refused or failed, shown in the dialog. */
  readonly error: string | null;
  /** Applies the repair with the name as typed (the engine compares it again). */
  readonly onApply: (typedName: string) => void;
  readonly onCancel: () => void;
  /** Where the focus goes when the dialog closes and its "Apply…" button is gone. */
  readonly returnFocus: () => HTMLElement | null;
}

/**
 * The confirmation of one repair: exactly what it changes (`whatChanges`), the PowerShell lines Run Command
 * will run (or the `az` command of the VMAccess reset), and the VM's name to type. Apply stays disabled
 * until the name matches; each repair is confirmed on its own.
 */
export function RepairDialog(props: RepairDialogProps) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const nameField = useRef<HTMLInputElement>(null);
  const { repair, vmName, busy } = props;
  const matches = vmNameConfirmed(typed, vmName);
  // After a refusal the Apply button was disabled under the focus: give it to the name again.
  useEffect(() => {
    if (props.error !== null) nameField.current?.focus();
  }, [props.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (matches && !busy) props.onApply(typed);
  }

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-changes`}
      className="repair-dialog"
      busy={busy}
      initialFocus={nameField}
      returnFocus={props.returnFocus}
      onCancel={props.onCancel}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>
          Apply to {vmName}: {repair.title}
        </h2>
        <h3>What changes</h3>
        <p id={`${id}-changes`} className="what-changes">
          {repair.whatChanges}
        </p>
        {repair.script === null ? (
          <>
            <h3>What runs</h3>
            <p>The VMAccess extension, as this command does:</p>
            <pre className="repair-script">
              <code>{repair.azCommand}</code>
            </pre>
          </>
        ) : (
          <>
            <h3>What runs</h3>
            <p>These lines, as SYSTEM, through Azure Run Command:</p>
            <pre className="repair-script">
              <code>{repair.script.join('\n')}</code>
            </pre>
          </>
        )}
        <p className="note">Only this repair is applied. RDP Probe then checks inside the VM again, if you let it.</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Type the VM's name to confirm</label>
          <input
            ref={nameField}
            id={`${id}-name`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={256}
            aria-describedby={`${id}-name-help`}
            value={typed}
            readOnly={busy}
            onChange={(event) => setTyped(event.target.value)}
          />
          <p id={`${id}-name-help`} className="help">
            Type <strong>{vmName}</strong> to apply this change to it.
          </p>
        </div>
        <p role="status" className="muted">
          {busy ? `Applying to ${vmName}, then checking inside it again…` : ''}
        </p>
        {props.error !== null && (
          <p className="form-error" role="alert">
            {props.error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!matches || busy}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
