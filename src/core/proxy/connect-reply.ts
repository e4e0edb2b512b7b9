import type { ProxyConnectEvidence, ProxyTunnelOutcome } from '../evidence/edge.js';

/** What a proxy's answer to CONNECT says, as evidence fields. */
export type ConnectReply = Pick<ProxyConnectEvidence, 'outcome' | 'statusCode' | 'statusLine' | 'headers'>;

const NO_HEADERS: ProxyConnectEvidence['headers'] = { server: null, via: null, squidError: null, authSchemes: [] };

/** Length of an HTTP response head (through the blank line), null while incomplete, 0 when not HTTP. */
export function httpHeadLength(bytes: Uint8Array): number | null {
  const prefix = 'HTTP/';
  for (let i = 0; i < Math.min(bytes.length, prefix.length); i++) {
    if (bytes[i] !== prefix.charCodeAt(i)) return 0;
  }
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i - 3] === 13 && bytes[i - 2] === 10 && bytes[i - 1] === 13 && bytes[i] === 10) return i + 1;
  }
  return null;
}

/** Maps an HTTP status to what it says about the tunnel. */
export function classifyConnectStatus(status: number): ProxyTunnelOutcome {
  if (status >= 200 && status < 300) return 'tunnel';
  if (status === 407) return 'auth-required';
  if (status === 403 || status === 405) return 'denied';
  if (status === 502 || status === 503 || status === 504) return 'upstream-failed';
  return 'other-status';
}

/**
 * Parses the head of a proxy's answer to CONNECT: the status line and the headers that identify the proxy
 * (Server, Via, X-Squid-Error) and the authentication schemes it offers (never their challenge data).
 */
export function parseConnectReply(head: string): ConnectReply {
  const lines = head.split(/\r?\n/);
  const statusLine = (lines[0] ?? '').trim();
  const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(statusLine);
  if (match === null)
    return {
      outcome: 'bad-reply',
      statusCode: null,
      statusLine: statusLine.slice(0, 200) || null,
      headers: NO_HEADERS,
    };
  const headers: { server: string | null; via: string | null; squidError: string | null; authSchemes: string[] } = {
    ...NO_HEADERS,
    authSchemes: [],
  };
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .slice(0, 200);
    if (name === 'server') headers.server = value;
    else if (name === 'via') headers.via = value;
    else if (name === 'x-squid-error') headers.squidError = value;
    else if (name === 'proxy-authenticate') {
      const scheme = /^[A-Za-z][A-Za-z0-9_-]*/.exec(value)?.[0];
      if (scheme !== undefined && !headers.authSchemes.includes(scheme)) headers.authSchemes.push(scheme);
    }
  }
  const status = Number(match[1]);
  return { outcome: classifyConnectStatus(status), statusCode: status, statusLine: statusLine.slice(0, 200), headers };
}

/** Maps a `socks` client error message (a SOCKS reply name, or a handshake failure) to a tunnel outcome. */
export function classifySocksError(message: string): ProxyTunnelOutcome {
  // SOCKS4's reply 91 ("rejected or failed"; the client names it Failed) is how a SOCKS4 server refuses by rule.
  if (/NotAllowed|RequestRejected|rejected connection - \((?:Rejected|Failed)\)/i.test(message)) return 'denied';
  if (/authentication/i.test(message)) return 'auth-required';
  if (/HostUnreachable|NetworkUnreachable|ConnectionRefused|TTLExpired|Failure/i.test(message))
    return 'upstream-failed';
  if (/timed out/i.test(message)) return 'no-reply';
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(message)) return 'proxy-unreachable';
  return 'bad-reply';
}

/** SOCKS5 reply codes (RFC 1928 §6) by the names the `socks` client puts in its errors. */
const SOCKS5_REPLIES: Readonly<Record<string, number>> = {
  Failure: 1,
  NotAllowed: 2,
  NetworkUnreachable: 3,
  HostUnreachable: 4,
  ConnectionRefused: 5,
  TTLExpired: 6,
  CommandNotSupported: 7,
  AddressNotSupported: 8,
};

/** SOCKS4 reply codes (90 granted; 91 rejected or failed, 92/93 identd failures) by the `socks` client's names. */
const SOCKS4_REPLIES: Readonly<Record<string, number>> = { Failed: 91, Rejected: 92, RejectedIdent: 93 };

/**
 * The SOCKS reply code a `socks` client error names (`Socks5 proxy rejected connection - NotAllowed` → 2,
 * `Socks4 Proxy rejected connection - (Failed)` → 91), or null when the proxy sent no reply code
 * (a failed handshake, authentication, a timeout).
 */
export function socksReplyCode(message: string): number | null {
  const five = /^Socks5 proxy rejected connection - (\w+)/i.exec(message)?.[1];
  if (five !== undefined) return SOCKS5_REPLIES[five] ?? null;
  const four = /^Socks4 Proxy rejected connection - \((\w+)\)/i.exec(message)?.[1];
  return four === undefined ? null : (SOCKS4_REPLIES[four] ?? null);
}
