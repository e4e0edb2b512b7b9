import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AzureRequest, EventChannels, ProbeStartRequest } from '../../../src/api.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../../../src/core/result.js';
import type { ArmConnection } from '../../../src/node/azure/live/arm-clients.js';
import { AZURE_CLOUDS, withArmEndpoint } from '../../../src/node/azure/live/cloud.js';
import type { ConnectionChoice } from '../../../src/node/azure/live/prepare-connection.js';
import { createEngineApi, type EngineApi } from '../../../src/node/engine-api.js';
import { confirm, onConnectionRequest, type Peer, startTcpPeer } from '../../integration/rdp/peers.js';
import { type ArmEmulator, installVmWorld, startArmEmulator, type VmWorld } from '../../support/arm-emulator/index.js';
import { probeRequest } from '../../support/probe-request.js';

// The desktop app's Azure choices through the engine API: each bad field is answered `invalid` naming it
// (so the form shows it next to that field) before any sign-in starts; a good request signs in through
// the engine's connection hook (the ARM emulator with a static credential here, never a real cloud) and
// the finished report, the progress events and the device-code event carry no token.

const SUB = '00000000-0000-0000-0000-0000000000aa';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-probe/providers/Microsoft.Compute/virtualMachines/vm1`;
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
/** The fake token the credential hands the SDK: it must reach ARM and nothing the renderer sees. */
const SECRET_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLWZvci10ZXN0cw.c2lnbmF0dXJl';
const DEVICE_MESSAGE =
  'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code F7QK2M9XT to authenticate.';

const byId = (overrides: Partial<AzureRequest> = {}): AzureRequest =>
  ({ vmId: VM_ID, signIn: 'cli', tenantId: null, clientId: null, cloud: 'public', ...overrides }) as AzureRequest;
const bySubscription = (fields: {
  resourceGroup?: string;
  vmName?: string;
  subscriptionId?: string;
}): AzureRequest => ({
  subscriptionId: SUB,
  ...fields,
  signIn: 'cli',
  tenantId: null,
  clientId: null,
  cloud: 'public',
});

/** A credential that, like device-code sign-in, shows instructions before it hands out a token. */
class DeviceCodeLike implements TokenCredential {
  calls = 0;
  constructor(private readonly show: ((message: string) => void) | undefined) {}
  async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    if (this.calls === 0) this.show?.(DEVICE_MESSAGE);
    this.calls += 1;
    return { token: SECRET_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' };
  }
}

describe('the engine API reading Azure', () => {
  let api: EngineApi | undefined;
  afterEach(() => api?.dispose());

  /** An engine whose connection hook records the choices and refuses to sign in (no cloud is ever reached). */
  function recordingEngine(): { engine: EngineApi; choices: ConnectionChoice[] } {
    const choices: ConnectionChoice[] = [];
    const engine = createEngineApi(undefined, {
      azureConnection: async (choice): Promise<Result<ArmConnection, InputError>> => {
        choices.push(choice);
        return err(inputError('--azure-client-id', 'refused by the test'));
      },
    });
    api = engine;
    return { engine, choices };
  }

  it.each<[string, Partial<ProbeStartRequest>, string, RegExp]>([
    ['a malformed resource ID', { azure: byId({ vmId: 'vm1' }) }, 'azure.vmId', /not a VM resource ID/],
    [
      'a resource ID with a bad subscription',
      { azure: byId({ vmId: VM_ID.replace(SUB, 'not-a-guid') }) },
      'azure.vmId',
      /not a subscription ID/,
    ],
    [
      'a bad subscription',
      { azure: bySubscription({ subscriptionId: 'my subscription' }) },
      'azure.subscriptionId',
      /not a subscription ID/,
    ],
    [
      'a VM name without its group',
      { azure: bySubscription({ vmName: 'vm1' }) },
      'azure.resourceGroup',
      /^The VM name needs the resource group/,
    ],
    [
      'a group without the VM name',
      { azure: bySubscription({ resourceGroup: 'rg-probe' }) },
      'azure.vmName',
      /^The resource group needs the VM name/,
    ],
    [
      'a bad resource group',
      { azure: bySubscription({ resourceGroup: 'rg.', vmName: 'vm1' }) },
      'azure.resourceGroup',
      /not a resource group name/,
    ],
    [
      'a bad VM name',
      { azure: bySubscription({ resourceGroup: 'rg-probe', vmName: 'vm 1' }) },
      'azure.vmName',
      /not a VM name/,
    ],
    ['a bad tenant', { azure: byId({ tenantId: 'not a tenant' }) }, 'azure.tenantId', /not a tenant/],
    [
      'a bad client id',
      { azure: byId({ signIn: 'browser', clientId: 'my-app' }) },
      'azure.clientId',
      /not a client id/,
    ],
    [
      'browser sign-in without a client id',
      { azure: byId({ signIn: 'browser' }) },
      'azure.clientId',
      /^Browser sign-in needs .*app registration/,
    ],
    [
      'device-code sign-in without a client id',
      { azure: byId({ signIn: 'device-code' }) },
      'azure.clientId',
      /^Device-code sign-in needs/,
    ],
    ['a source IP that is not an IP', { sourceIp: 'my-laptop' }, 'sourceIp', /is not an IP address/],
  ])('answers %s as invalid, naming %s, without signing in', async (_name, overrides, input, message) => {
    const { engine, choices } = recordingEngine();
    const answer = await engine.invoke('probe:start', probeRequest('127.0.0.1:1', overrides));
    expect(answer).toMatchObject({ kind: 'invalid', error: { kind: 'input-error', input } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(message);
    expect(choices).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a Resource Manager endpoint', { ...byId(), armEndpoint: 'https://evil.example' }],
    ['a CA file', { ...byId(), armCaFile: '/tmp/ca.pem' }],
    ['both a resource ID and a subscription', { ...byId(), subscriptionId: SUB }],
    ['an unknown sign-in method', byId({ signIn: 'password' as never })],
    ['an unknown cloud', byId({ cloud: 'mars' as never })],
    ['an overlong resource ID', byId({ vmId: `${VM_ID}${'x'.repeat(1024)}` })],
    ['an overlong tenant', byId({ tenantId: `${'a'.repeat(300)}.com` })],
  ])('refuses a request with %s as malformed', async (_name, azure) => {
    const { engine, choices } = recordingEngine();
    const answer = await engine.invoke('probe:start', { ...probeRequest('127.0.0.1:1'), azure } as ProbeStartRequest);
    expect(answer).toMatchObject({ kind: 'invalid', error: { input: 'probe:start' } });
    if (answer.kind === 'invalid') expect(answer.error.message).toMatch(/malformed request at azure/);
    expect(choices).toEqual([]);
  });

  it('hands the checked choices to the connection, never an endpoint, and names the field it refuses', async () => {
    const { engine, choices } = recordingEngine();
    const answer = await engine.invoke(
      'probe:start',
      probeRequest('127.0.0.1:1', {
        azure: byId({
          signIn: 'device-code',
          tenantId: ' contoso.onmicrosoft.com ',
          clientId: CLIENT_ID,
          cloud: 'usgov',
        }),
        sourceIp: '198.51.100.7',
      }),
    );
    expect(answer).toMatchObject({
      kind: 'invalid',
      error: { input: 'azure.clientId', message: 'refused by the test' },
    });
    expect(choices).toHaveLength(1);
    expect(choices[0]).toMatchObject({
      signIn: { kind: 'device-code', tenantId: 'contoso.onmicrosoft.com', clientId: CLIENT_ID },
      cloud: 'usgov',
      armEndpoint: null,
      armCaFile: null,
    });
    expect(typeof choices[0]?.signIn.onDeviceCode).toBe('function');
  });

  it('takes the app registration from RDP_PROBE_AZURE_CLIENT_ID when the form gives none', async () => {
    const saved = process.env.RDP_PROBE_AZURE_CLIENT_ID;
    process.env.RDP_PROBE_AZURE_CLIENT_ID = CLIENT_ID;
    try {
      const { engine, choices } = recordingEngine();
      await engine.invoke('probe:start', probeRequest('127.0.0.1:1', { azure: byId({ signIn: 'browser' }) }));
      expect(choices[0]?.signIn).toMatchObject({ kind: 'browser', clientId: CLIENT_ID });
    } finally {
      if (saved === undefined) delete process.env.RDP_PROBE_AZURE_CLIENT_ID;
      else process.env.RDP_PROBE_AZURE_CLIENT_ID = saved;
    }
  });
});

describe('the engine API reading Azure from the ARM emulator', () => {
  let emulator: ArmEmulator;
  let world: VmWorld;
  let rdp: Peer;
  let api: EngineApi | undefined;
  beforeAll(async () => {
    emulator = await startArmEmulator();
    world = installVmWorld(emulator, { subscriptionId: SUB });
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
  });
  afterAll(async () => {
    await rdp?.close();
    await emulator?.close();
  });
  afterEach(() => api?.dispose());

  it('collects as a device-code sign-in would, shows the code, and no token reaches the renderer', async () => {
    const credentials: DeviceCodeLike[] = [];
    const engine = createEngineApi(undefined, {
      azureConnection: async (choice) => {
        const credential = new DeviceCodeLike(choice.signIn.onDeviceCode);
        credentials.push(credential);
        return ok({
          cloud: withArmEndpoint(AZURE_CLOUDS.public, emulator.endpoint),
          signedIn: { credential, label: 'device code sign-in' },
          ca: emulator.ca,
          pollIntervalMs: 5,
        });
      },
    });
    api = engine;
    const events: { channel: keyof EventChannels; payload: unknown }[] = [];
    for (const channel of ['probe:progress', 'probe:finished', 'azure:device-code'] as const) {
      engine.on(channel, (payload) => events.push({ channel, payload }));
    }
    const finished = new Promise<EventChannels['probe:finished']>((resolve) => {
      engine.on('probe:finished', resolve);
    });
    const started = await engine.invoke(
      'probe:start',
      probeRequest(`127.0.0.1:${rdp.port}`, {
        azure: byId({ vmId: world.vmId, signIn: 'device-code', clientId: CLIENT_ID }),
        sourceIp: '198.51.100.7',
      }),
    );
    if (started.kind !== 'started') throw new Error(started.error.message);
    expect(started.plan.map((entry) => entry.id)).toContain('azure.collect');
    const { report } = await finished;

    expect(credentials[0]?.calls).toBeGreaterThan(0);
    expect(emulator.requests.some((request) => request.authorization)).toBe(true);
    expect(events.filter((e) => e.channel === 'azure:device-code').map((e) => e.payload)).toEqual([
      { runId: started.runId, message: DEVICE_MESSAGE },
    ]);
    const parsed = ReportSchema.parse(report);
    expect(parsed.azure?.collection).toMatchObject({ credential: 'device code sign-in', failure: null });
    expect(parsed.azure?.collection?.steps.length).toBeGreaterThan(3);
    expect(parsed.options.sourceIp).toBe('198.51.100.7');
    const collect = parsed.checks.find((c) => c.id === 'azure.collect');
    expect(collect?.evidence).toMatchObject({ kind: 'azure.collect', credential: 'device code sign-in' });

    // What crosses IPC is JSON: the report and every event, serialised, hold no token and no header.
    for (const text of [JSON.stringify(report), JSON.stringify(events)]) {
      expect(text).not.toContain(SECRET_TOKEN);
      expect(text).not.toMatch(/accessToken/i);
      expect(text).not.toMatch(/Bearer/i);
      expect(text).not.toMatch(/authorization/i);
    }
  });
});
