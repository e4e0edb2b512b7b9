import type net from 'node:net';
import tls from 'node:tls';
import type { RdpCertificate } from '../../core/evidence/rdp.js';
import { describeCertificate } from './certificate-info.js';

/** A TLS session on the RDP socket with what it revealed, or why the handshake failed. */
export type TlsUpgrade =
  | {
      readonly kind: 'ok';
      readonly socket: tls.TLSSocket;
      readonly tlsVersion: string | null;
      readonly cipher: string | null;
      readonly certificate: RdpCertificate | null;
      readonly handshakeMs: number;
      readonly error: string | null;
    }
  | { readonly kind: 'err'; readonly error: string; readonly handshakeMs: number };

/** What the upgrade needs besides the socket. */
export interface TlsUpgradeOptions {
  /** SNI: a host name the user dialled, never an IP address; null sends none. */
  readonly servername: string | null;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Starts TLS on the same TCP socket right after the Connection Confirm [MS-RDPBCGR 5.4.2.1] and reads the
 * server certificate. Verification is off so an untrusted or expired certificate can be inspected and
 * reported; nothing secret is sent over this session. TLS 1.0 is allowed so old servers can be described.
 */
export function upgradeToTls(socket: net.Socket, options: TlsUpgradeOptions): Promise<TlsUpgrade> {
  const started = performance.now();
  return new Promise((resolve) => {
    const secure = tls.connect({
      socket,
      ...(options.servername !== null ? { servername: options.servername } : {}),
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    let done = false;
    const elapsed = () => performance.now() - started;
    const finish = (outcome: TlsUpgrade) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      secure.on('error', () => {});
      if (outcome.kind === 'err') secure.destroy();
      resolve(outcome);
    };
    const onError = (error: Error & { code?: string }) =>
      finish({
        kind: 'err',
        error: error.code ? `${error.code}: ${error.message}` : error.message,
        handshakeMs: elapsed(),
      });
    const onAbort = () => finish({ kind: 'err', error: 'aborted', handshakeMs: elapsed() });
    const timer = setTimeout(
      () => finish({ kind: 'err', error: `no TLS handshake within ${options.timeoutMs} ms`, handshakeMs: elapsed() }),
      options.timeoutMs,
    );
    options.signal.addEventListener('abort', onAbort, { once: true });
    secure.once('error', onError);
    secure.once('close', () =>
      finish({
        kind: 'err',
        error: 'the server closed the connection during the TLS handshake',
        handshakeMs: elapsed(),
      }),
    );
    secure.once('secureConnect', () => {
      const peer = secure.getPeerCertificate(true);
      let certificate: RdpCertificate | null = null;
      let error: string | null = null;
      try {
        if (peer.raw) {
          const authError = secure.authorizationError;
          certificate = describeCertificate(new Uint8Array(peer.raw), new Date(), {
            trusted: secure.authorized,
            trustError: authError ? String(authError) : null,
            matchesHost:
              options.servername !== null ? tls.checkServerIdentity(options.servername, peer) === undefined : null,
          });
        } else {
          error = 'the server sent no certificate';
        }
      } catch (cause) {
        error = `the certificate could not be read: ${cause instanceof Error ? cause.message : String(cause)}`;
      }
      finish({
        kind: 'ok',
        socket: secure,
        tlsVersion: secure.getProtocol(),
        cipher: secure.getCipher()?.name ?? null,
        certificate,
        handshakeMs: elapsed(),
        error,
      });
    });
  });
}
