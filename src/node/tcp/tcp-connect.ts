import { connect } from 'node:net';
import type { TcpOutcome } from '../../core/report-schema.js';

/** One TCP connection attempt and what came of it. */
export interface TcpConnectResult {
  readonly outcome: TcpOutcome;
  readonly connectMs: number | null;
  readonly errorCode: string | null;
  readonly localAddress: string | null;
  readonly localPort: number | null;
}

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

/** Maps a socket error code to what it says about the path. */
export function classifyConnectError(code: string | undefined): TcpOutcome {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'filtered';
  if (code === 'ECONNRESET') return 'reset';
  if (code !== undefined && UNREACHABLE.has(code)) return 'unreachable';
  return 'error';
}

/**
 * Opens a TCP connection and closes it at once. No answer within `timeoutMs` is "filtered": a SYN that
 * is dropped on the way gets no RST and no ICMP error back.
 */
export function tcpConnect(options: {
  readonly address: string;
  readonly port: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly localAddress?: string;
}): Promise<TcpConnectResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({
      host: options.address,
      port: options.port,
      noDelay: true,
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
    let done = false;
    const finish = (result: TcpConnectResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const none = { connectMs: null, localAddress: null, localPort: null };
    // Silence until our own timer is the definition of filtered; an abort means the run stopped.
    const onTimeout = () => finish({ outcome: 'filtered', errorCode: null, ...none });
    const onAbort = () => finish({ outcome: 'error', errorCode: 'ECANCELED', ...none });
    const timer = setTimeout(onTimeout, options.timeoutMs);
    if (options.signal.aborted) onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () =>
      finish({
        outcome: 'open',
        connectMs: Math.round((performance.now() - started) * 1000) / 1000,
        errorCode: null,
        localAddress: socket.localAddress ?? null,
        localPort: socket.localPort ?? null,
      }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ outcome: classifyConnectError(error.code), errorCode: error.code ?? null, ...none }),
    );
  });
}
