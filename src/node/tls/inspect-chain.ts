import { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import { ipFamily } from '../../core/address.js';
import type { ChainCertificate, TlsInspectionEvidence } from '../../core/evidence/edge.js';
import type { ProxyEndpoint } from '../../core/proxy/proxy-url.js';
import { openTunnel } from '../proxy/open-tunnel.js';
import { nameField } from '../rdp/certificate-info.js';
import { connectTcp, dropSocket } from '../rdp/tcp-connect.js';

/** A host and port to hand-shake with. */
export interface TlsEndpoint {
  readonly host: string;
  readonly port: number;
}

/** What one inspection handshake needs. */
export interface InspectOptions {
  readonly endpoint: TlsEndpoint;
  /** Through this proxy (a CONNECT or SOCKS tunnel), or directly when null. */
  readonly proxy: ProxyEndpoint | null;
  /** PEM roots the chain must end in: `tls.rootCertificates` unless a test gives its own. */
  readonly trustedRoots: readonly string[];
  /** Bounds each step: the tunnel or TCP connect, then the TLS handshake. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** The evidence fields one handshake yields. */
export type InspectResult = Pick<
  TlsInspectionEvidence,
  'outcome' | 'chain' | 'endsInTrustedRoots' | 'tlsVersion' | 'handshakeMs' | 'error'
>;

/** A chain has more than a handful of certificates only when something is wrong; stop walking there. */
const MAX_CHAIN = 10;

const parsedRoots = new WeakMap<readonly string[], X509Certificate[]>();

function rootsOf(pems: readonly string[]): X509Certificate[] {
  const cached = parsedRoots.get(pems);
  if (cached !== undefined) return cached;
  const roots = pems.flatMap((pem) => {
    try {
      return [new X509Certificate(pem)];
    } catch {
      return [];
    }
  });
  parsedRoots.set(pems, roots);
  return roots;
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** The presented chain, leaf first, as Node gives it (completed with the issuing root when it knows it). */
function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw !== undefined && chain.length < MAX_CHAIN) {
    const x509 = new X509Certificate(cert.raw);
    if (seen.has(x509.fingerprint256)) break;
    seen.add(x509.fingerprint256);
    chain.push(x509);
    cert = cert.issuerCertificate;
  }
  return chain;
}

function describe(cert: X509Certificate): ChainCertificate {
  return {
    subjectCN: nameField(cert.subject, 'CN'),
    issuerCN: nameField(cert.issuer, 'CN'),
    sha256: cert.fingerprint256.replaceAll(':', '').toUpperCase(),
    selfSigned: cert.subject === cert.issuer && issuedBy(cert, cert),
  };
}

/**
 * Whether the chain ends in one of the roots: walking from the leaf, some certificate is a root or is
 * signed by one. Expiry and the host name are not judged: an inspecting middlebox is told by its issuer.
 */
export function endsInRoots(chain: readonly X509Certificate[], roots: readonly X509Certificate[]): boolean {
  return chain.some((cert) =>
    roots.some((root) => root.fingerprint256 === cert.fingerprint256 || issuedBy(cert, root)),
  );
}

function failed(outcome: InspectResult['outcome'], error: string): InspectResult {
  return { outcome, chain: [], endsInTrustedRoots: null, tlsVersion: null, handshakeMs: null, error };
}

/** The TLS handshake on a connected socket, bounded by the timeout and the signal; never rejects. */
function handshake(
  socket: net.Socket,
  options: InspectOptions,
): Promise<{ kind: 'ok'; secure: tls.TLSSocket; ms: number } | { kind: 'err'; error: string }> {
  const started = performance.now();
  const { host } = options.endpoint;
  return new Promise((resolve) => {
    const secure = tls.connect({
      socket,
      ...(ipFamily(host) === 0 ? { servername: host } : {}),
      ca: [...options.trustedRoots],
      rejectUnauthorized: false,
      // Only the issuer matters here; a name mismatch is not inspection.
      checkServerIdentity: () => undefined,
      ALPNProtocols: ['http/1.1'],
    });
    let done = false;
    const finish = (result: { kind: 'ok'; secure: tls.TLSSocket; ms: number } | { kind: 'err'; error: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      if (result.kind === 'err') dropSocket(secure);
      resolve(result);
    };
    const onError = (error: Error & { code?: string }) => finish({ kind: 'err', error: error.code ?? error.message });
    const onAbort = () => finish({ kind: 'err', error: 'aborted' });
    const timer = setTimeout(
      () => finish({ kind: 'err', error: `no TLS handshake within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    options.signal.addEventListener('abort', onAbort, { once: true });
    secure.once('secureConnect', () => finish({ kind: 'ok', secure, ms: performance.now() - started }));
    secure.once('error', onError);
  });
}

/**
 * Hand-shakes TLS with an HTTPS endpoint, directly or through a proxy's tunnel, and reports the presented
 * chain and whether it ends in the trusted roots. Sends a ClientHello (with the endpoint's name) and
 * nothing after it. Never rejects.
 */
export async function inspectTls(options: InspectOptions): Promise<InspectResult> {
  const { host, port } = options.endpoint;
  let socket: net.Socket;
  if (options.proxy !== null) {
    const tunnel = await openTunnel(options.proxy, {
      host,
      port,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (tunnel.socket === null)
      return failed('tunnel-failed', tunnel.reply.statusLine ?? tunnel.reply.error ?? tunnel.reply.outcome);
    socket = tunnel.socket;
  } else {
    const tcp = await connectTcp(host, port, options.timeoutMs, options.signal);
    if (tcp.kind === 'err') return failed('unreachable', tcp.error);
    socket = tcp.socket;
  }
  const shaken = await handshake(socket, options);
  if (shaken.kind === 'err') {
    dropSocket(socket);
    return failed('handshake-failed', shaken.error);
  }
  try {
    const chain = peerChain(shaken.secure);
    if (chain.length === 0) return failed('handshake-failed', 'the server presented no certificate');
    const trusted = endsInRoots(chain, rootsOf(options.trustedRoots));
    return {
      outcome: trusted ? 'public-roots' : 'inspected',
      chain: chain.map(describe),
      endsInTrustedRoots: trusted,
      tlsVersion: shaken.secure.getProtocol(),
      handshakeMs: shaken.ms,
      error: null,
    };
  } finally {
    dropSocket(shaken.secure);
  }
}
