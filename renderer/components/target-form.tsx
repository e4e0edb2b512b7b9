import { type DragEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ProbeStartRequest, TargetInput, VmCheckScriptResponse } from '../../src/api.js';
import type { InputError } from '../../src/core/result.js';
import { readRdpFile } from '../file-target.js';
import { type AzureFormValues, azureFieldOf, azureRequestOf, EMPTY_AZURE_FORM } from '../state/azure-form.js';
import type { ShellTarget } from '../state/shell-targets.js';
import { AzureFields } from './azure-fields.js';

type RdpFileTarget = Extract<TargetInput, { kind: 'rdp-file' }>;

/** What the form hands over: the engine request and the error code the user typed (shown with the result). */
export interface TargetSubmission {
  readonly request: ProbeStartRequest;
  readonly errorCode: string;
}

/** Props of the target form. */
export interface TargetFormProps {
  readonly running: boolean;
  readonly cancelling: boolean;
  /** The engine's answer when it rejected the input, shown next to the fields. */
  readonly inputError: InputError | null;
  readonly shellTarget: ShellTarget | null;
  readonly onSubmit: (submission: TargetSubmission) => void;
  readonly onCancel: () => void;
  /** Asks the engine for the VM check script (the Azure section shows it before consent). */
  readonly loadScript: () => Promise<VmCheckScriptResponse>;
}

const TIMEOUTS = [2, 4, 8, 15] as const;

/**
 * The target (host and port, or an .rdp file), the options, the error code, Azure (collapsed), and
 * Probe / Cancel. Nothing is remembered across launches: the app has no settings store.
 */
export function TargetForm(props: TargetFormProps) {
  const id = useId();
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [file, setFile] = useState<RdpFileTarget | null>(null);
  const [timeoutS, setTimeoutS] = useState<number>(4);
  const [quick, setQuick] = useState(false);
  // Third parties (public-IP resolvers, PAC/WPAD URLs) are contacted by default, as in the CLI.
  const [external, setExternal] = useState(true);
  const [tlsInspection, setTlsInspection] = useState(false);
  const [expectIp, setExpectIp] = useState('');
  const [errorCode, setErrorCode] = useState('');
  const [azure, setAzure] = useState<AzureFormValues>(EMPTY_AZURE_FORM);
  const [message, setMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const probeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // Pressing Probe disables it; keep keyboard focus on the form's next action rather than the page.
  useEffect(() => {
    const active = document.activeElement;
    if (props.running && (active === null || active === document.body || active === probeButton.current)) {
      cancelButton.current?.focus();
    }
  }, [props.running]);

  const shellTarget = props.shellTarget;
  useEffect(() => {
    if (shellTarget === null) return;
    if (shellTarget.target.kind === 'rdp-file') setFile(shellTarget.target);
    else setHost(shellTarget.target.text);
    setMessage(null);
    probeButton.current?.focus();
  }, [shellTarget]);

  async function takeFile(chosen: File | undefined) {
    if (chosen === undefined) return;
    const result = await readRdpFile(chosen);
    if (result.kind === 'err') setMessage(result.message);
    else {
      setFile(result.target);
      setMessage(null);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void takeFile(event.dataTransfer.files[0]);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const portText = port.trim();
    const portNumber = portText === '' ? null : Number(portText);
    if (portNumber !== null && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535)) {
      setMessage(`Port "${portText}" is not a port number: use a whole number from 1 to 65535, or leave it empty.`);
      return;
    }
    if (file === null && host.trim() === '') {
      setMessage('Type the VM’s name or IP address, or open its .rdp file.');
      return;
    }
    setMessage(null);
    props.onSubmit({
      request: {
        target: file ?? { kind: 'text', text: host.trim() },
        port: portNumber,
        timeoutMs: timeoutS * 1000,
        quick,
        expectIp: expectIp.trim() === '' ? null : expectIp.trim(),
        expectName: null,
        routingToken: null,
        nameservers: [],
        clientError: errorCode.trim() === '' ? null : errorCode.trim(),
        external,
        checkTlsInspection: tlsInspection && external,
        ...azureRequestOf(azure),
      },
      errorCode: errorCode.trim(),
    });
  }

  // An error about an Azure field shows next to that field; any other below the form.
  const formError = azureFieldOf(props.inputError) === null ? props.inputError : null;
  const shown = message ?? formError?.message ?? null;
  return (
    <form
      className={`target-form${dragging ? ' dragging' : ''}`}
      aria-label="What to check"
      noValidate
      onSubmit={submit}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {file === null ? (
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-host`}>VM address</label>
            <input
              id={`${id}-host`}
              name="host"
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="myvm.westeurope.cloudapp.azure.com or 203.0.113.10:3389"
              aria-describedby={`${id}-host-help`}
              aria-invalid={shown !== null}
              value={host}
              onChange={(event) => setHost(event.target.value)}
            />
            <p id={`${id}-host-help`} className="help">
              A name or IP address, optionally with :port. Or drop the VM’s .rdp file here.
            </p>
          </div>
          <div className="field port">
            <label htmlFor={`${id}-port`}>Port (optional)</label>
            <input
              id={`${id}-port`}
              name="port"
              type="text"
              inputMode="numeric"
              placeholder="3389"
              value={port}
              onChange={(event) => setPort(event.target.value)}
            />
          </div>
        </div>
      ) : (
        <fieldset className="chosen-file">
          <legend className="visually-hidden">Remote Desktop file</legend>
          <span>
            Using <strong>{file.name}</strong>: its address and port are read from the file.
          </span>
          <button type="button" className="secondary" onClick={() => setFile(null)}>
            Type an address instead
          </button>
        </fieldset>
      )}
      <div className="field-row">
        <button type="button" className="secondary" onClick={() => fileInput.current?.click()}>
          Open .rdp file…
        </button>
        <input
          ref={fileInput}
          className="visually-hidden"
          type="file"
          accept=".rdp"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            void takeFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      <fieldset className="options">
        <legend>Options</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-timeout`}>Wait per check</label>
            <select id={`${id}-timeout`} value={timeoutS} onChange={(event) => setTimeoutS(Number(event.target.value))}>
              {TIMEOUTS.map((s) => (
                <option key={s} value={s}>
                  {s} seconds
                </option>
              ))}
            </select>
          </div>
          <div className="field checkbox">
            <input
              id={`${id}-quick`}
              type="checkbox"
              checked={quick}
              onChange={(event) => setQuick(event.target.checked)}
            />
            <label htmlFor={`${id}-quick`}>Quick check (name, port and one RDP handshake only)</label>
          </div>
        </div>
        <div className="field-row">
          <div className="field checkbox">
            <input
              id={`${id}-external`}
              type="checkbox"
              checked={external}
              onChange={(event) => setExternal(event.target.checked)}
            />
            <label htmlFor={`${id}-external`}>
              Ask public services for my public IP (OpenDNS, Google DNS) and fetch proxy scripts
            </label>
          </div>
          <div className="field checkbox">
            <input
              id={`${id}-tls`}
              type="checkbox"
              checked={tlsInspection && external}
              disabled={!external}
              onChange={(event) => setTlsInspection(event.target.checked)}
            />
            <label htmlFor={`${id}-tls`}>Check for TLS inspection (a handshake with management.azure.com)</label>
          </div>
        </div>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-expect`}>The VM’s public IP (optional)</label>
            <input
              id={`${id}-expect`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              placeholder="From the Azure portal, e.g. 203.0.113.10"
              value={expectIp}
              onChange={(event) => setExpectIp(event.target.value)}
            />
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-code`}>Error code your Remote Desktop app showed (optional)</label>
            <input
              id={`${id}-code`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              placeholder="e.g. 0x204"
              value={errorCode}
              onChange={(event) => setErrorCode(event.target.value)}
            />
          </div>
        </div>
      </fieldset>
      <AzureFields values={azure} onChange={setAzure} inputError={props.inputError} loadScript={props.loadScript} />
      {shown !== null && (
        <p className="form-error" role="alert">
          {shown}
        </p>
      )}
      <div className="actions">
        <button ref={probeButton} type="submit" className="primary" disabled={props.running}>
          {props.running ? 'Probing…' : 'Probe'}
        </button>
        {props.running && (
          <button
            ref={cancelButton}
            type="button"
            className="secondary"
            onClick={props.onCancel}
            disabled={props.cancelling}
          >
            {props.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
    </form>
  );
}
