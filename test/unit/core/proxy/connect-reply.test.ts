import { describe, expect, it } from 'vitest';
import {
  classifySocksError,
  httpHeadLength,
  parseConnectReply,
  socksReplyCode,
} from '../../../../src/core/proxy/connect-reply.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe("a proxy's answer to CONNECT", () => {
  it('finds the end of the head, and refuses what is not HTTP', () => {
    expect(httpHeadLength(bytes('HTTP/1.1 200 OK\r\n\r\nrest'))).toBe(19);
    expect(httpHeadLength(bytes('HTTP/1.1 200 OK\r\nVia: x\r\n'))).toBeNull();
    expect(httpHeadLength(bytes('\x03\x00\x00\x13'))).toBe(0);
  });

  it("reads squid's 403 with its identifying headers", () => {
    const head =
      'HTTP/1.1 403 Forbidden\r\nServer: squid/5.7\r\nMime-Version: 1.0\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\nVia: 1.1 proxy (squid/5.7)\r\n\r\n';
    expect(parseConnectReply(head)).toEqual({
      outcome: 'denied',
      statusCode: 403,
      statusLine: 'HTTP/1.1 403 Forbidden',
      headers: {
        server: 'squid/5.7',
        via: '1.1 proxy (squid/5.7)',
        squidError: 'ERR_ACCESS_DENIED 0',
        authSchemes: [],
      },
    });
  });

  it('keeps only the scheme names of Proxy-Authenticate, never the challenge', () => {
    const head =
      'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n';
    expect(parseConnectReply(head)).toMatchObject({
      outcome: 'auth-required',
      headers: { authSchemes: ['Negotiate', 'NTLM', 'Basic'] },
    });
  });

  it.each([
    ['HTTP/1.1 200 Connection established', 'tunnel'],
    ['HTTP/1.0 502 Bad Gateway', 'upstream-failed'],
    ['HTTP/1.1 400 Bad Request', 'other-status'],
    ['SSH-2.0-OpenSSH_9.6', 'bad-reply'],
  ])('%s → %s', (line, outcome) => {
    expect(parseConnectReply(`${line}\r\n\r\n`).outcome).toBe(outcome);
  });

  it.each([
    ['Socks5 proxy rejected connection - NotAllowed', 'denied'],
    ['Socks5 Authentication failed', 'auth-required'],
    ['Socks5 proxy rejected connection - HostUnreachable', 'upstream-failed'],
    ['Socks4 Proxy rejected connection - (Failed)', 'denied'],
    ['Proxy connection timed out', 'no-reply'],
    ['connect ECONNREFUSED 198.51.100.1:1080', 'proxy-unreachable'],
  ])('SOCKS "%s" → %s', (message, outcome) => {
    expect(classifySocksError(message)).toBe(outcome);
  });

  it.each([
    ['Socks5 proxy rejected connection - NotAllowed', 2],
    ['Socks5 proxy rejected connection - ConnectionRefused', 5],
    ['Socks4 Proxy rejected connection - (Failed)', 91],
    ['Socks5 Authentication failed', null],
    ['Received invalid Socks5 initial handshake (no accepted authentication type)', null],
  ])('SOCKS reply code of "%s" is %s', (message, code) => {
    expect(socksReplyCode(message)).toBe(code);
  });
});
