/**
 * Removes credentials and tokens from any text, whatever the redaction options: a bundle travels to
 * support by mail and ticket, so a password in a proxy URL, an Authorization header, a bearer token, a
 * SAS signature or an RDP routing token must never be in it, masked or not.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  // user:password@ (or user@) in any URL.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1***@'],
  // HTTP authentication headers, whatever the scheme.
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:basic|bearer|negotiate|ntlm|digest)\s+)?[^\s,;"']+/gi, '$1[removed]'],
  [/\b(bearer\s+)[a-z0-9._~+/=-]{8,}/gi, '$1[removed]'],
  // JSON Web Tokens (Azure access tokens).
  [/\beyJ[a-z0-9_-]{5,}\.[a-z0-9_-]{5,}\.[a-z0-9_-]*/gi, '[token removed]'],
  // Secrets in query strings and key=value text.
  [
    /([?&;\s]|^)((?:sig|signature|token|access_token|refresh_token|id_token|client_secret|api[-_]?key|password|passwd|pwd|secret)=)[^&\s"';]+/gim,
    '$1$2[removed]',
  ],
  [/\b((?:password|passwd|pwd|secret|client_secret)\s*:\s*)[^\s,;"']+/gi, '$1[removed]'],
  // The RDP load-balancer routing token (it encodes a session host's address).
  [/(\bmsts=)[^\s"']+/gi, '$1[removed]'],
];

/** Text with every credential or token replaced by `[removed]` (URL user info by `***`). */
export function scrubCredentials(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
