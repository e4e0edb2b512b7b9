import type net from 'node:net';
import tls from 'node:tls';
import { SocksClient } from 'socks';
import { ipFamily } from '../../core/address.js';
import type { ProxyConnectEvidence } from '../../core/evidence/edge.js';
import {
  classifySocksError,
  httpHeadLength,
  parseConnectReply,
  socksReplyCode,
} from '../../core/proxy/connect-reply.js';
import type { ProxyEndpoint } from '../../core/proxy/proxy-url.js';
import { readFrame } from '../rdp/stream-read.js';
import { connectTcp, dropSocket } from '../rdp/tcp-connect.js';

/** A proxy's answer to CONNECT is a few hundred bytes; more is not a proxy. */
const MAX_HEAD_BYTES = 16 * 1024;

/** The tunnel's evidence fields and, on success, the socket that now reaches the destination. */
export interface Tunnel {
  readonly reply: Pick<
    ProxyConnectEvidence,
    'outcome' | 'statusCode' | 'statusLine' | 'headers' | 'connectMs' | 'replyMs' | 'error'
  >;
  /** Open only when `reply.outcome` is `tunnel`; the caller must close it. */
  readonly socket: net.Socket | null;
}

/** What to reach and how long each step may take. */
export interface TunnelOptions {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

const NO_HEADERS = { server: null, via: null, squidError: null, authSchemes: [] };

function failed(outcome: ProxyConnectEvidence['outcome'], error: string, connectMs: number | null = null): Tunnel {
  return {
    reply: { outcome, statusCode: null, statusLine: null, headers: NO_HEADERS, connectMs, replyMs: null, error },
    socket: null,
  };
}

/** Node's codes for a certificate chain it does not trust (as opposed to a network failure). */
const UNTRUSTED_CERT =
  /^(?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)$/;

/** Why TLS to an `https://` proxy failed, with what to do when its certificate is not trusted. */
function tlsFailure(code: string): string {
  return UNTRUSTED_CERT.test(code)
    ? `TLS to the proxy failed: its certificate is not trusted (${code}); if your organisation's CA signed it, point NODE_EXTRA_CA_CERTS at that CA's PEM file`
    : `TLS to the proxy failed (${code})`;
}

/**
 * Connects to the proxy itself, in TLS for an `https://` proxy (verified against Node's trusted roots,
 * plus NODE_EXTRA_CA_CERTS: an organisation's own CA goes there); each step bounded by the timeout.
 */
async function connectProxy(
  proxy: ProxyEndpoint,
  options: TunnelOptions,
): Promise<{ kind: 'ok'; socket: net.Socket; connectMs: number } | { kind: 'err'; error: string }> {
  const tcp = await connectTcp(proxy.host, proxy.port, options.timeoutMs, options.signal);
  if (tcp.kind === 'err' || proxy.scheme !== 'https') return tcp;
  const started = performance.now();
  return new Promise((resolve) => {
    // `host` is what the certificate must name; SNI carries names only, never an IP address (RFC 6066).
    const secure = tls.connect({
      socket: tcp.socket,
      host: proxy.host,
      ...(ipFamily(proxy.host) === 0 ? { servername: proxy.host } : {}),
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => done({ kind: 'err', error: 'TLS to the proxy timed out' }), options.timeoutMs);
    const done = (result: { kind: 'ok'; socket: net.Socket; connectMs: number } | { kind: 'err'; error: string }) => {
      clearTimeout(timer);
      secure.off('error', onError);
      if (result.kind === 'err') dropSocket(secure);
      resolve(result);
    };
    const onError = (error: Error & { code?: string }) =>
      done({ kind: 'err', error: tlsFailure(error.code ?? error.message) });
    secure.once('secureConnect', () => {
      secure.pause();
      done({ kind: 'ok', socket: secure, connectMs: tcp.connectMs + performance.now() - started });
    });
    secure.once('error', onError);
  });
}

/** HTTP CONNECT host:port through an http(s) proxy, with Basic credentials when the URL had some. */
async function httpTunnel(proxy: ProxyEndpoint, options: TunnelOptions): Promise<Tunnel> {
  const connected = await connectProxy(proxy, options);
  if (connected.kind === 'err') return failed('proxy-unreachable', connected.error);
  const { socket, connectMs } = connected;
  const authority = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
  const auth =
    proxy.username === null
      ? ''
      : `Proxy-Authorization: Basic ${Buffer.from(`${proxy.username}:${proxy.password ?? ''}`).toString('base64')}\r\n`;
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}User-Agent: rdp-probe\r\n\r\n`);
  const read = await readFrame(socket, {
    frameLength: httpHeadLength,
    maxBytes: MAX_HEAD_BYTES,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const text = Buffer.from(read.bytes).toString('latin1');
  if (read.bytes.length === 0 || (read.ended !== 'complete' && httpHeadLength(read.bytes) === null)) {
    dropSocket(socket);
    const outcome = read.bytes.length === 0 && read.ended === 'timeout' ? 'no-reply' : 'bad-reply';
    return failed(
      outcome,
      read.error ?? `the proxy ${read.ended === 'timeout' ? 'sent no full answer in time' : 'closed the connection'}`,
      connectMs,
    );
  }
  const parsed = parseConnectReply(text);
  const reply = { ...parsed, connectMs, replyMs: read.ms, error: null };
  if (parsed.outcome !== 'tunnel') {
    dropSocket(socket);
    return { reply, socket: null };
  }
  return { reply, socket };
}

/** SOCKS4/5 CONNECT with the `socks` package; its errors name the SOCKS reply. */
async function socksTunnel(proxy: ProxyEndpoint, options: TunnelOptions): Promise<Tunnel> {
  const started = performance.now();
  try {
    const { socket } = await SocksClient.createConnection({
      proxy: {
        host: proxy.host,
        port: proxy.port,
        type: proxy.scheme === 'socks4' ? 4 : 5,
        ...(proxy.username === null ? {} : { userId: proxy.username, password: proxy.password ?? '' }),
      },
      command: 'connect',
      destination: { host: options.host, port: options.port },
      timeout: options.timeoutMs,
      set_tcp_nodelay: true,
    });
    socket.pause();
    const ms = performance.now() - started;
    return {
      reply: {
        outcome: 'tunnel',
        statusCode: 0,
        statusLine: 'SOCKS granted',
        headers: NO_HEADERS,
        connectMs: null,
        replyMs: ms,
        error: null,
      },
      socket,
    };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const outcome = classifySocksError(message);
    return {
      reply: {
        outcome,
        statusCode: socksReplyCode(message),
        statusLine: message.slice(0, 200),
        headers: NO_HEADERS,
        connectMs: null,
        replyMs: performance.now() - started,
        error: null,
      },
      socket: null,
    };
  }
}

/**
 * Asks a proxy to open a tunnel to host:port: HTTP CONNECT for http(s) proxies, SOCKS for socks ones.
 * Never rejects; every step is bounded by `timeoutMs` and the signal.
 */
export function openTunnel(proxy: ProxyEndpoint, options: TunnelOptions): Promise<Tunnel> {
  if (options.signal.aborted) return Promise.resolve(failed('no-reply', 'aborted'));
  return proxy.scheme === 'socks4' || proxy.scheme === 'socks5'
    ? socksTunnel(proxy, options)
    : httpTunnel(proxy, options);
}
