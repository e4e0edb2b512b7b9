import { useId, useRef, useState } from 'react';
import type { VmCheckScriptResponse } from '../../src/api.js';
import { CopyButton } from './copy-button.js';
import { ModalDialog } from './modal-dialog.js';

/** Props of the VM-checks box. */
export interface VmCheckConsentProps {
  /** The box's id, `<section id>-vmChecks`, so an engine error naming `vmChecks` can focus it. */
  readonly id: string;
  /** The SHA-256 of the script the user agreed to run; null: the box is not ticked. */
  readonly consent: string | null;
  readonly onConsent: (sha256: string | null) => void;
  /** Asks the engine for the shipped script (`vm:check-script`). */
  readonly loadScript: () => Promise<VmCheckScriptResponse>;
  /** The engine's message when it refused the consent (no Azure, another script). */
  readonly error: string | null;
}

type Dialog =
  | { readonly kind: 'closed' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'shown'; readonly text: string; readonly sha256: string };

/**
 * "Also check inside the VM (Run Command)". Ticking it shows the whole read-only script with its SHA-256
 * first; only "Run it on the VM" ticks the box, and the form then carries that hash as the consent. Cancel
 * (or Escape) leaves it unticked; unticking withdraws the consent.
 */
export function VmCheckConsent(props: VmCheckConsentProps) {
  const dialogId = useId();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'closed' });
  const [failure, setFailure] = useState<string | null>(null);
  const scriptView = useRef<HTMLElement>(null);
  const box = useRef<HTMLInputElement>(null);

  function ask() {
    setFailure(null);
    setDialog({ kind: 'loading' });
    props.loadScript().then(
      (answer) => {
        if (answer.kind === 'script') setDialog({ kind: 'shown', text: answer.text, sha256: answer.sha256 });
        else {
          setDialog({ kind: 'closed' });
          setFailure(answer.error.message);
        }
      },
      (error: unknown) => {
        setDialog({ kind: 'closed' });
        setFailure(`The probe engine did not answer (${String(error)}).`);
      },
    );
  }

  const error = failure ?? props.error;
  const described = [`${props.id}-help`, error === null ? null : `${props.id}-error`].filter((d) => d !== null);
  return (
    <div className="field vm-checks-field">
      <div className="field checkbox">
        <input
          ref={box}
          id={props.id}
          type="checkbox"
          checked={props.consent !== null}
          aria-describedby={described.join(' ')}
          aria-invalid={error !== null}
          onChange={(event) => {
            // While the script loads, a second click does nothing: the dialog is on its way.
            if (event.target.checked) {
              if (dialog.kind === 'closed') ask();
            } else props.onConsent(null);
          }}
        />
        <label htmlFor={props.id}>Also check inside the VM (Run Command)</label>
      </div>
      <p id={`${props.id}-help`} className="help">
        Runs a read-only script on the VM through Azure Run Command: the Remote Desktop service, its port and settings,
        what listens, Windows Firewall and the certificate. You see the whole script first.
      </p>
      {error !== null && (
        <p id={`${props.id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {dialog.kind === 'shown' && (
        <ModalDialog
          labelledBy={`${dialogId}-title`}
          describedBy={`${dialogId}-what`}
          className="script-dialog"
          initialFocus={scriptView}
          returnFocus={() => box.current}
          onCancel={() => setDialog({ kind: 'closed' })}
        >
          <h2 id={`${dialogId}-title`}>Run this script inside the VM?</h2>
          <p id={`${dialogId}-what`}>
            RDP Probe will run this PowerShell script on the VM through Azure Run Command, as SYSTEM, while it probes.
            It only reads (Get- commands, the registry, CIM) and prints one line of JSON; it changes nothing.
          </p>
          <p className="script-hash">
            SHA-256: <code data-testid="script-sha256">{dialog.sha256}</code>
          </p>
          <section
            ref={scriptView}
            className="script-text"
            aria-label="The script check-rdp.ps1"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable, so it must take the focus to scroll with keys
            tabIndex={0}
          >
            <pre>
              <code>{dialog.text}</code>
            </pre>
          </section>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                props.onConsent(dialog.sha256);
                setDialog({ kind: 'closed' });
              }}
            >
              Run it on the VM
            </button>
            <button type="button" className="secondary" onClick={() => setDialog({ kind: 'closed' })}>
              Cancel
            </button>
            <CopyButton text={dialog.text} label="Copy the script" />
          </div>
        </ModalDialog>
      )}
    </div>
  );
}
