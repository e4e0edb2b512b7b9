import type { EventChannels, InvokeChannels, RdpProbeApi } from '../src/api.js';

/** The part of Electron's `ipcRenderer` the preload uses (an interface, so tests pass a fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

// The allow-lists, checked against the contract by the compiler (a missing or extra channel fails to
// build). Kept as literals so the preload bundle does not pull in zod.
const INVOKE_ALLOWED = {
  'probe:start': true,
  'probe:cancel': true,
  'report:parse': true,
  'bundle:export': true,
  'bundle:open': true,
  'bundle:compare': true,
  'vm:check-script': true,
  'vm:import-output': true,
  'vm:repair': true,
} as const satisfies Record<keyof InvokeChannels, true>;
const EVENTS_ALLOWED = {
  'probe:progress': true,
  'probe:finished': true,
  'shell:open-target': true,
  'azure:device-code': true,
} as const satisfies Record<keyof EventChannels, true>;

/**
 * The object the preload exposes as `window.rdpProbe`: exactly `RdpProbeApi` over IPC, limited to the
 * contract's channels. A compromised page can reach nothing else in the main process through it.
 */
export function createPreloadApi(ipc: IpcRendererLike): RdpProbeApi {
  return Object.freeze({
    invoke<K extends keyof InvokeChannels>(channel: K, request: InvokeChannels[K]['request']) {
      if (!Object.hasOwn(INVOKE_ALLOWED, channel)) return Promise.reject(new Error(`unknown channel: ${channel}`));
      // The main process validates the request and answers with the contract's response type.
      return ipc.invoke(channel, request) as Promise<InvokeChannels[K]['response']>;
    },
    on<K extends keyof EventChannels>(channel: K, listener: (payload: EventChannels[K]) => void) {
      if (!Object.hasOwn(EVENTS_ALLOWED, channel)) throw new Error(`unknown channel: ${channel}`);
      // Only the payload crosses over: the IPC event object (and its `sender`) stays in the preload.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as EventChannels[K]);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  });
}
