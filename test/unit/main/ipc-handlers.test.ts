import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandler, forwardEvents, registerInvokeHandlers } from '../../../main/ipc-handlers.js';
import { type IpcSenderEvent, isTrustedSender } from '../../../main/trusted-sender.js';
import type { InvokeChannels, ProbeStartRequest, RdpProbeApi } from '../../../src/api.js';

// The IPC wrappers are plain code: a fake event object stands in for Electron's.
const WINDOW_ID = 7;
const own: IpcSenderEvent = {
  sender: { id: WINDOW_ID },
  senderFrame: { url: 'app://rdp-probe/index.html', parent: null },
};
const trusted = (event: IpcSenderEvent) => isTrustedSender(event, WINDOW_ID);
const request: ProbeStartRequest = {
  target: { kind: 'text', text: '127.0.0.1' },
  port: null,
  timeoutMs: 1000,
  quick: true,
  expectIp: null,
  expectName: null,
  routingToken: null,
  nameservers: [],
};

function fakeApi() {
  const invoke = vi.fn(async () => ({ kind: 'cancelled' as const }));
  return { api: { invoke } as unknown as Pick<RdpProbeApi, 'invoke'>, invoke };
}

describe('IPC handlers', () => {
  it('passes a valid request from the app window to the engine', async () => {
    const { api, invoke } = fakeApi();
    const handler = createInvokeHandler('probe:start', api, trusted);
    await handler(own, request);
    expect(invoke).toHaveBeenCalledWith('probe:start', request);
  });

  it.each<[string, IpcSenderEvent]>([
    ['another web contents', { ...own, sender: { id: 8 } }],
    ['a subframe', { ...own, senderFrame: { url: 'app://rdp-probe/index.html', parent: {} } }],
    ['a page from the web', { ...own, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { ...own, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['another app:// host', { ...own, senderFrame: { url: 'app://other/index.html', parent: null } }],
    ['a destroyed frame', { ...own, senderFrame: null }],
  ])('drops a message from %s without reaching the engine', async (_name, event) => {
    const { api, invoke } = fakeApi();
    await expect(createInvokeHandler('probe:start', api, trusted)(event, request)).rejects.toThrow(/untrusted sender/);
    expect(invoke).not.toHaveBeenCalled();
  });

  it.each<[string, unknown[]]>([
    ['no argument', []],
    ['two arguments', [request, request]],
    ['an unknown field', [{ ...request, evil: true }]],
    ['a wrong type', [{ ...request, timeoutMs: '1000' }]],
    ['an out-of-range port', [{ ...request, port: 70000 }]],
    ['a string', ['probe everything']],
    ['null', [null]],
  ])('rejects a malformed request (%s) without reaching the engine', async (_name, args) => {
    const { api, invoke } = fakeApi();
    await expect(createInvokeHandler('probe:start', api, trusted)(own, ...args)).rejects.toThrow(/probe:start: /);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('rejects a run id that is not one', async () => {
    const { api, invoke } = fakeApi();
    await expect(createInvokeHandler('probe:cancel', api, trusted)(own, { runId: '../../etc' })).rejects.toThrow(
      /malformed request at runId/,
    );
    expect(invoke).not.toHaveBeenCalled();
  });

  const runId = 'run-0b1f6471-1bf0-4dda-aec3-cb9272f09590';
  const redaction = {
    userNames: false,
    hostNames: true,
    publicIps: false,
    privateIps: false,
    macAddresses: false,
    proxyUrls: false,
    processLists: false,
    subscriptionIds: false,
    tenantIds: false,
  };

  it('passes a valid bundle export from the app window to the engine', async () => {
    const { api, invoke } = fakeApi();
    await createInvokeHandler('bundle:export', api, trusted)(own, { runId, redaction });
    expect(invoke).toHaveBeenCalledWith('bundle:export', { runId, redaction });
  });

  it.each<[keyof InvokeChannels, string, unknown]>([
    ['bundle:export', 'a path from the renderer', { runId, redaction, path: '/etc/passwd' }],
    ['bundle:export', 'a whole report instead of a run id', { report: {}, redaction }],
    ['bundle:export', 'a run id that is not one', { runId: 'run-1', redaction }],
    ['bundle:export', 'an unknown category', { runId, redaction: { ...redaction, everything: true } }],
    ['bundle:export', 'a category that is not a boolean', { runId, redaction: { ...redaction, hostNames: 'yes' } }],
    ['bundle:export', 'a redaction key too short to be safe', { runId, redaction: { ...redaction, key: 'abc' } }],
    ['bundle:export', 'no redaction', { runId }],
    ['bundle:open', 'a path from the renderer', { path: '/etc/shadow' }],
    ['bundle:open', 'null', null],
    ['bundle:compare', 'two paths from the renderer', { paths: ['/a', '/b'] }],
    ['bundle:compare', 'an array', []],
    ['vm:check-script', 'a path from the renderer', { path: '/tmp/other.ps1' }],
    ['vm:import-output', 'a path from the renderer', { runId, path: '/etc/shadow' }],
    ['vm:import-output', 'the output itself', { runId, text: '{"v":1}' }],
    [
      'vm:repair',
      'a script from the renderer',
      { runId, repairId: 'vm.repair.set-port', confirmVmName: 'vm1', script: ['x'] },
    ],
    ['vm:repair', 'an unknown repair', { runId, repairId: 'vm.repair.format-disk', confirmVmName: 'vm1' }],
    ['vm:repair', 'no confirmation', { runId, repairId: 'vm.repair.set-port' }],
    [
      'vm:repair',
      'a run id that is not one',
      { runId: '../run', repairId: 'vm.repair.set-port', confirmVmName: 'vm1' },
    ],
    ['probe:start', 'consent that is not a SHA-256', { ...request, vmChecks: { consentSha256: 'yes' } }],
    [
      'probe:start',
      'a Resource Manager endpoint for the token',
      {
        ...request,
        azure: {
          vmId: '/subscriptions/x',
          signIn: 'cli',
          tenantId: null,
          clientId: null,
          cloud: 'public',
          armEndpoint: 'https://evil.example',
        },
      },
    ],
    [
      'probe:start',
      'a CA to trust',
      {
        ...request,
        azure: { subscriptionId: 'x', signIn: 'cli', tenantId: null, clientId: null, cloud: 'public', armCa: 'PEM' },
      },
    ],
  ])('rejects a malformed %s request (%s) without reaching the engine', async (channel, _name, arg) => {
    const { api, invoke } = fakeApi();
    await expect(createInvokeHandler(channel, api, trusted)(own, arg)).rejects.toThrow(/malformed request/);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('registers exactly the contract channels, and removes them', () => {
    const handled = new Map<string, unknown>();
    const ipc = {
      handle: (c: string, l: unknown) => handled.set(c, l),
      removeHandler: (c: string) => handled.delete(c),
    };
    const remove = registerInvokeHandlers(ipc, fakeApi().api, trusted);
    const expected: (keyof InvokeChannels)[] = [
      'probe:start',
      'probe:cancel',
      'report:parse',
      'bundle:export',
      'bundle:open',
      'bundle:compare',
      'vm:check-script',
      'vm:import-output',
      'vm:repair',
    ];
    expect([...handled.keys()].sort()).toEqual(expected.sort());
    remove();
    expect(handled.size).toBe(0);
  });

  it('forwards every engine event to the window, until stopped', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = {
      on: (channel: string, listener: (payload: unknown) => void) => {
        listeners.set(channel, listener);
        return () => listeners.delete(channel);
      },
    } as unknown as Pick<RdpProbeApi, 'on'>;
    const sent: string[] = [];
    const stop = forwardEvents(api, (channel) => sent.push(channel));
    for (const [channel, listener] of listeners) listener({ channel });
    expect(sent.sort()).toEqual(['azure:device-code', 'probe:finished', 'probe:progress', 'shell:open-target']);
    stop();
    expect(listeners.size).toBe(0);
  });
});
