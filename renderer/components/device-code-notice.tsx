import { useId } from 'react';
import { deviceCodeParts } from '../state/device-code.js';
import { CopyButton } from './copy-button.js';

/**
 * Device-code sign-in waiting for the user: the identity service's message as it came, the code large with
 * a Copy button, and where to type it. Shown while `azure.collect` waits; gone once it ends.
 */
export function DeviceCodeNotice({ message }: { readonly message: string }) {
  const id = useId();
  const { url, code } = deviceCodeParts(message);
  return (
    <section className="panel device-code" aria-labelledby={`${id}-heading`} data-testid="device-code">
      <h2 id={`${id}-heading`}>Sign in to Azure</h2>
      <p role="alert">{message}</p>
      {code !== null && (
        <p className="device-code-line">
          <span>Code:</span> <code className="device-code-value">{code}</code>
          <CopyButton text={code} label="Copy the sign-in code" />
        </p>
      )}
      {code === null && <CopyButton text={message} label="Copy the sign-in instructions" />}
      {url !== null && (
        <p className="device-code-line">
          <span>Page:</span> <code>{url}</code>
          <CopyButton text={url} label="Copy the sign-in page's address" />
        </p>
      )}
      <p className="note">Sign in there with an account that can read the VM; the probe goes on once you have.</p>
    </section>
  );
}
