import { beforeEach, describe, expect, it, vi } from 'vitest';

// The preload with a fake electron: it must expose one object, `rdpProbe`, whose only members are the
// contract's `invoke` and `on`, limited to the contract's channels; never ipcRenderer itself.
const exposed = new Map<string, unknown>();
const ipcRenderer = {
  invoke: vi.fn(async () => ({ kind: 'cancelled' })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
  sendSync: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

interface ExposedApi {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

describe('the preload', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    vi.clearAllMocks();
    await import('../../../main/preload.js');
  });

  it('exposes exactly the API and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['rdpProbe']);
    const api = exposed.get('rdpProbe') as ExposedApi;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('invokes contract channels and refuses others without touching IPC', async () => {
    const api = exposed.get('rdpProbe') as ExposedApi;
    await api.invoke('probe:cancel', { runId: 'x' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('probe:cancel', { runId: 'x' });
    await expect(api.invoke('shell:open-external', 'https://evil.example')).rejects.toThrow(/unknown channel/);
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('subscribes to contract events, hands over only the payload, and unsubscribes', () => {
    const api = exposed.get('rdpProbe') as ExposedApi;
    const seen: unknown[] = [];
    const off = api.on('probe:progress', (payload) => seen.push(payload));
    const wrapped = ipcRenderer.on.mock.calls[0]?.[1] as (event: unknown, payload: unknown) => void;
    wrapped({ sender: ipcRenderer }, { runId: 'r' });
    expect(seen).toEqual([{ runId: 'r' }]);
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('probe:progress', wrapped);
    expect(() => api.on('ELECTRON_BROWSER_REQUIRE', () => {})).toThrow(/unknown channel/);
    expect(ipcRenderer.on).toHaveBeenCalledTimes(1);
  });
});
