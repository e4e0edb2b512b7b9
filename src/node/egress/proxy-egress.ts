import { request as httpRequest } from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';
import { ipFamily } from '../../core/address.js';
import { addressFromBody, bodyExcerpt } from '../../core/egress/egress-answer.js';
import type { EgressProxyLookup } from '../../core/evidence/egress.js';
import { type ProxyEndpoint, proxyLabel } from '../../core/proxy/proxy-url.js';
import { openTunnel } from '../proxy/open-tunnel.js';
import { dropSocket } from '../rdp/tcp-connect.js';

/** A what-is-my-IP answer is an address; more than this is not one. */
const MAX_BODY_BYTES = 4096;

/** What the lookup needs: the endpoint, each step's budget, and the roots its certificate should end in. */
export interface ProxyEgressOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** PEM roots; Node's bundled public roots when absent. */
  readonly trustedRoots?: readonly string[];
}

type Step<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'err'; readonly outcome: EgressProxyLookup['outcome']; readonly error: string };

/** TLS over the tunnel; a certificate that does not verify is recorded, not refused: the answer is evidence only. */
function handshake(
  socket: net.Socket,
  host: string,
  options: ProxyEgressOptions,
): Promise<Step<{ secure: tls.TLSSocket; trusted: boolean }>> {
  return new Promise((resolve) => {
    const secure = tls.connect({
      socket,
      ...(ipFamily(host) === 0 ? { servername: host } : {}),
      ...(options.trustedRoots === undefined ? {} : { ca: [...options.trustedRoots] }),
      // Verification is read from `authorized` below: a TLS-inspecting proxy must not hide the answer.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const done = (step: Step<{ secure: tls.TLSSocket; trusted: boolean }>) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      if (step.kind === 'err') dropSocket(secure);
      resolve(step);
    };
    const onError = (error: Error & { code?: string }) =>
      done({ kind: 'err', outcome: 'tls-failed', error: error.code ?? error.message });
    const onAbort = () => done({ kind: 'err', outcome: 'timeout', error: 'aborted' });
    const timer = setTimeout(
      () => done({ kind: 'err', outcome: 'timeout', error: 'no TLS handshake before the timeout' }),
      options.timeoutMs,
    );
    options.signal.addEventListener('abort', onAbort, { once: true });
    secure.once('secureConnect', () => done({ kind: 'ok', value: { secure, trusted: secure.authorized } }));
    secure.once('error', onError);
  });
}

/** One GET over the TLS socket with Node's HTTP client (chunked and sized bodies alike), bounded. */
function get(
  secure: tls.TLSSocket,
  url: URL,
  options: ProxyEgressOptions,
): Promise<Step<{ status: number; body: string }>> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (step: Step<{ status: number; body: string }>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(step);
    };
    const req = httpRequest({
      createConnection: () => secure,
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      headers: { Host: url.host, 'User-Agent': 'rdp-probe', Accept: 'text/plain', Connection: 'close' },
    });
    const onAbort = () => done({ kind: 'err', outcome: 'timeout', error: 'aborted' });
    const timer = setTimeout(
      () => done({ kind: 'err', outcome: 'timeout', error: 'no full answer before the timeout' }),
      options.timeoutMs,
    );
    options.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: Error & { code?: string }) =>
      done({ kind: 'err', outcome: 'error', error: error.code ?? error.message }),
    );
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          done({ kind: 'err', outcome: 'bad-answer', error: `the answer is larger than ${MAX_BODY_BYTES} bytes` });
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        done({ kind: 'ok', value: { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') } }),
      );
      response.on('error', (error: Error & { code?: string }) =>
        done({ kind: 'err', outcome: 'error', error: error.code ?? error.message }),
      );
    });
    req.end();
  });
}

/**
 * Asks a what-is-my-IP endpoint over HTTPS through a proxy's tunnel (CONNECT, or SOCKS): the address the
 * proxy's network leaves from, which can differ from the direct one. Every step is bounded by
 * `timeoutMs` and the signal; never rejects.
 */
export async function proxyEgress(proxy: ProxyEndpoint, options: ProxyEgressOptions): Promise<EgressProxyLookup> {
  const started = performance.now();
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const base = {
    proxy: proxyLabel(proxy),
    url: url.href,
    tunnelStatus: null,
    httpStatus: null,
    certificateTrusted: null,
    body: null,
    address: null,
  };
  const elapsed = () => Math.round(performance.now() - started);
  const tunnel = await openTunnel(proxy, {
    host,
    port: url.port === '' ? 443 : Number(url.port),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const tunnelStatus = tunnel.reply.statusCode;
  if (tunnel.socket === null)
    return {
      ...base,
      tunnelStatus,
      outcome: tunnel.reply.outcome === 'no-reply' ? 'timeout' : 'tunnel-failed',
      ms: elapsed(),
      error: tunnel.reply.statusLine ?? tunnel.reply.error ?? tunnel.reply.outcome,
    };
  const secured = await handshake(tunnel.socket, host, options);
  if (secured.kind === 'err') {
    dropSocket(tunnel.socket);
    return { ...base, tunnelStatus, outcome: secured.outcome, ms: elapsed(), error: secured.error };
  }
  const { secure, trusted } = secured.value;
  try {
    const answer = await get(secure, url, options);
    if (answer.kind === 'err')
      return {
        ...base,
        tunnelStatus,
        certificateTrusted: trusted,
        outcome: answer.outcome,
        ms: elapsed(),
        error: answer.error,
      };
    const { status, body } = answer.value;
    const address = status === 200 ? addressFromBody(body) : null;
    return {
      ...base,
      tunnelStatus,
      httpStatus: status,
      certificateTrusted: trusted,
      body: address === null ? bodyExcerpt(body) : null,
      address,
      outcome: status !== 200 ? 'http-error' : address === null ? 'bad-answer' : 'answer',
      ms: elapsed(),
      error: status !== 200 ? `HTTP ${status}` : address === null ? 'the answer is not an IP address' : null,
    };
  } finally {
    dropSocket(secure);
    dropSocket(tunnel.socket);
  }
}
