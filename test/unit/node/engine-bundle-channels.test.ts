import { describe, expect, it, vi } from 'vitest';
import type { InvokeChannels } from '../../../src/api.js';
import { NO_REDACTION } from '../../../src/core/bundle/redaction-categories.js';
import type { FileDialogs } from '../../../src/node/bundle/bundle-actions.js';
import { createEngineApi } from '../../../src/node/engine-api.js';

// The engine's bundle channels validate what the renderer sends before any dialog opens or any file is
// touched: a malformed request is answered as `invalid` with a message naming the field. Paths come
// only from the dialogs. (The round trip through real files is in test/integration/engine-bundle-api.)
function spyDialogs(open: string[] | null = null) {
  const chooseSavePath = vi.fn(async () => '/nonexistent/should-not-be-written.rdpprobe');
  const chooseOpenPaths = vi.fn(async () => open);
  const dialogs: FileDialogs = { chooseSavePath, chooseOpenPaths };
  return { dialogs, chooseSavePath, chooseOpenPaths };
}

const RUN_ID = 'run-0b1f6471-1bf0-4dda-aec3-cb9272f09590';

describe('engine bundle channels', () => {
  it.each<[keyof InvokeChannels, string, unknown, RegExp]>([
    ['bundle:export', 'a path field', { runId: RUN_ID, redaction: NO_REDACTION, path: '/tmp/x' }, /top level/],
    ['bundle:export', 'a bad run id', { runId: '../../x', redaction: NO_REDACTION }, /at runId/],
    ['bundle:export', 'an unknown category', { runId: RUN_ID, redaction: { ...NO_REDACTION, all: true } }, /redaction/],
    ['bundle:export', 'a short key', { runId: RUN_ID, redaction: { ...NO_REDACTION, key: 'short' } }, /redaction\.key/],
    ['bundle:open', 'a path', { path: '/etc/shadow' }, /top level/],
    ['bundle:compare', 'a string', 'a.zip b.zip', /top level/],
  ])('answers a malformed %s (%s) as invalid and opens no dialog', async (channel, _name, request, where) => {
    const { dialogs, chooseSavePath, chooseOpenPaths } = spyDialogs();
    const api = createEngineApi(dialogs);
    const response = await api.invoke(channel, request as never);
    expect(response.kind).toBe('invalid');
    if (response.kind !== 'invalid') return;
    expect(response.error.message).toMatch(new RegExp(`^${channel}: malformed request`));
    expect(response.error.message).toMatch(where);
    expect(chooseSavePath).not.toHaveBeenCalled();
    expect(chooseOpenPaths).not.toHaveBeenCalled();
    api.dispose();
  });

  it('refuses to export a run it does not hold, before asking for a path', async () => {
    const { dialogs, chooseSavePath } = spyDialogs();
    const api = createEngineApi(dialogs);
    const response = await api.invoke('bundle:export', { runId: RUN_ID, redaction: NO_REDACTION });
    expect(response).toMatchObject({
      kind: 'invalid',
      error: { message: expect.stringMatching(/run the probe again/) },
    });
    expect(chooseSavePath).not.toHaveBeenCalled();
    api.dispose();
  });

  it('answers cancelled when the user closes the open dialog', async () => {
    const api = createEngineApi(spyDialogs(null).dialogs);
    expect(await api.invoke('bundle:open', {})).toEqual({ kind: 'cancelled' });
    expect(await api.invoke('bundle:compare', {})).toEqual({ kind: 'cancelled' });
    api.dispose();
  });

  it('says that bundles need the desktop app when it has no dialogs', async () => {
    const api = createEngineApi();
    const response = await api.invoke('bundle:open', {});
    expect(response).toMatchObject({ kind: 'invalid', error: { message: expect.stringMatching(/desktop app/) } });
    api.dispose();
  });
});
