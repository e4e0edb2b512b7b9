import { connect } from 'node:net';

/** Polls `probe` until it returns true, at most `timeoutMs`; throws with `what` if it never does. */
export async function waitFor(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Whether a TCP port on loopback accepts connections (bounded). */
export function tcpAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => done(false), 500);
    function done(value: boolean) {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    }
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
