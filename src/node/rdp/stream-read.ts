import type { Duplex } from 'node:stream';

/** How a bounded read ended. */
export type ReadEnd = 'complete' | 'closed' | 'reset' | 'timeout' | 'oversized' | 'aborted';

/** The bytes a bounded read collected and why it stopped. */
export interface ReadOutcome {
  readonly bytes: Uint8Array;
  readonly ended: ReadEnd;
  /** The socket error code (ECONNRESET, ...) when one ended the read. */
  readonly error: string | null;
  readonly ms: number;
}

/** What a read waits for: a frame-length function (null: need more; 0: not this framing) and bounds. */
export interface ReadOptions {
  /** Total length of the frame at the start of the bytes, null while unknown, 0 when the bytes are not this framing. */
  readonly frameLength: (bytes: Uint8Array) => number | null;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Reads one frame from a stream, bounded by time, size and an AbortSignal; never rejects. Bytes that are
 * not the expected framing end the read at once so they can be classified. Leaves the stream paused with
 * its listeners removed, ready to be handed to TLS.
 */
export function readFrame(stream: Duplex, options: ReadOptions): Promise<ReadOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let done = false;
    const collected = (): Uint8Array => {
      const out = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
      return out;
    };
    const finish = (ended: ReadEnd, error: string | null = null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onError);
      options.signal.removeEventListener('abort', onAbort);
      stream.pause();
      resolve({ bytes: collected(), ended, error, ms: performance.now() - started });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      total += chunk.length;
      const length = options.frameLength(collected());
      if (length === 0) return finish('complete');
      if (total > options.maxBytes || (length !== null && length > options.maxBytes)) return finish('oversized');
      if (length !== null && total >= length) finish('complete');
    };
    const onEnd = () => finish('closed');
    const onError = (error: Error & { code?: string }) =>
      finish(error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 'reset' : 'closed', error.code ?? error.message);
    const onAbort = () => finish('aborted', 'aborted');
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs);
    if (options.signal.aborted) return finish('aborted', 'aborted');
    options.signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('close', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
