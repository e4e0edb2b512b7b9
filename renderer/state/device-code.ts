/** Device-code sign-in's message, taken apart for display: the page to open and the code to type. */
export interface DeviceCodeParts {
  readonly url: string | null;
  readonly code: string | null;
}

/**
 * Reads the identity service's message ("To sign in, use a web browser to open the page
 * https://microsoft.com/devicelogin and enter the code ABCD1234 to authenticate."). Either part is null when
 * the wording differs; the UI then shows the message as it came.
 */
export function deviceCodeParts(message: string): DeviceCodeParts {
  const url = /https:\/\/[^\s"'<>]+[^\s"'<>.,;:)]/.exec(message)?.[0] ?? null;
  const code = /\bcode\s+([A-Z0-9][A-Z0-9-]{3,})\b/i.exec(message)?.[1] ?? null;
  return { url, code };
}
