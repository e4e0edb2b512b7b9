import { createPreloadApi, type IpcRendererLike } from '../../../main/preload-api.js';

// Runs in the page (bundled by the test): builds `window.rdpProbe` with the preload's own code over an
// ipcRenderer look-alike whose invoke is a Playwright binding to the real engine in the test process
// and whose events the test pushes with `__rdpProbeEmit`.
type Listener = (event: unknown, ...args: unknown[]) => void;
interface BridgeGlobal {
  __rdpProbeInvoke(channel: string, request: unknown): Promise<unknown>;
  __rdpProbeEmit?: (channel: string, payload: unknown) => void;
  rdpProbe?: unknown;
}

const page = globalThis as unknown as BridgeGlobal;
const listeners = new Map<string, Set<Listener>>();
const ipc: IpcRendererLike = {
  invoke: (channel, ...args) => page.__rdpProbeInvoke(channel, args[0]),
  on(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
  },
};
page.__rdpProbeEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener({}, payload);
};
Object.defineProperty(page, 'rdpProbe', { value: createPreloadApi(ipc), enumerable: true });
