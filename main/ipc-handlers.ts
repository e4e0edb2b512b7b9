import {
  EVENT_CHANNELS,
  type EventChannels,
  INVOKE_REQUEST_SCHEMAS,
  type InvokeChannels,
  type RdpProbeApi,
} from '../src/api.js';
import type { IpcSenderEvent } from './trusted-sender.js';

/** The part of Electron's `ipcMain` the wrappers use (an interface, so tests pass a fake). */
export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The one typed handler of an invoke channel, as registered with `ipcMain.handle`. */
export type InvokeHandler<K extends keyof InvokeChannels> = (
  event: IpcSenderEvent,
  ...args: unknown[]
) => Promise<InvokeChannels[K]['response']>;

/**
 * Wraps the engine's `invoke` for one channel. The renderer is untrusted: a message from any other
 * sender is dropped (rejected without reaching the engine), and the argument is validated with the
 * contract's schema before the engine sees it. Both are bugs or attacks, so they reject rather than
 * answer as data.
 */
export function createInvokeHandler<K extends keyof InvokeChannels>(
  channel: K,
  api: Pick<RdpProbeApi, 'invoke'>,
  isTrusted: (event: IpcSenderEvent) => boolean,
): InvokeHandler<K> {
  const schema = INVOKE_REQUEST_SCHEMAS[channel];
  return async (event, ...args) => {
    if (!isTrusted(event)) throw new Error(`${channel}: dropped a message from an untrusted sender`);
    if (args.length !== 1) throw new Error(`${channel}: expected one argument, got ${args.length}`);
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${channel}: malformed request at ${issue?.path.join('.') || 'top level'}`);
    }
    return api.invoke(channel, parsed.data as InvokeChannels[K]['request']);
  };
}

/** Registers a handler for every invoke channel of the contract; returns the function that removes them. */
export function registerInvokeHandlers(
  ipc: IpcHandlerRegistry,
  api: Pick<RdpProbeApi, 'invoke'>,
  isTrusted: (event: IpcSenderEvent) => boolean,
): () => void {
  const channels = Object.keys(INVOKE_REQUEST_SCHEMAS) as (keyof InvokeChannels)[];
  for (const channel of channels) ipc.handle(channel, createInvokeHandler(channel, api, isTrusted));
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}

/** Forwards every event channel of the engine to `send` (the window's webContents); returns the unsubscribe. */
export function forwardEvents(
  api: Pick<RdpProbeApi, 'on'>,
  send: <K extends keyof EventChannels>(channel: K, payload: EventChannels[K]) => void,
): () => void {
  const offs = EVENT_CHANNELS.map((channel) => api.on(channel, (payload) => send(channel, payload)));
  return () => {
    for (const off of offs) off();
  };
}
