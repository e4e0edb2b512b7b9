import net from 'node:net';

/** A connected socket and how long the handshake took, or the error code that prevented it. */
export type ConnectOutcome =
  | { readonly kind: 'ok'; readonly socket: net.Socket; readonly connectMs: number }
  | { readonly kind: 'err'; readonly error: string };

/**
 * Opens one TCP connection to an address (never a name: the caller chose it from tcp.connect), bounded by
 * a timeout and an AbortSignal; never rejects. The socket is paused so no reply bytes are lost. With
 * `localAddress` the socket is bound to it first (a `bind:` path).
 */
export function connectTcp(
  address: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
  localAddress?: string,
): Promise<ConnectOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ kind: 'err', error: 'aborted' });
    const socket = net.connect({
      host: address,
      port,
      noDelay: true,
      ...(localAddress === undefined ? {} : { localAddress }),
    });
    socket.pause();
    let done = false;
    const finish = (outcome: ConnectOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (outcome.kind === 'err') socket.destroy();
      resolve(outcome);
    };
    const onConnect = () => finish({ kind: 'ok', socket, connectMs: performance.now() - started });
    const onError = (error: Error & { code?: string }) => finish({ kind: 'err', error: error.code ?? error.message });
    const onAbort = () => finish({ kind: 'err', error: 'aborted' });
    const timer = setTimeout(() => finish({ kind: 'err', error: 'ETIMEDOUT' }), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', onConnect);
    socket.once('error', onError);
  });
}

/** Closes a socket without waiting and without letting a late error escape as an unhandled event. */
export function dropSocket(socket: net.Socket | null | undefined): void {
  if (!socket) return;
  socket.on('error', () => {});
  socket.destroy();
}
