import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AzureSnapshot } from '../../../src/core/azure/snapshot-schema.js';
import { AzureSnapshotSchema } from '../../../src/core/azure/snapshot-schema.js';
import type { AzureVmLocator } from '../../../src/core/azure/vm-locator.js';
import { diagnose } from '../../../src/core/diagnosis.js';
import type { Target } from '../../../src/core/target.js';
import type { ArmConnection } from '../../../src/node/azure/live/arm-clients.js';
import { collectAzureSnapshot } from '../../../src/node/azure/live/collect-snapshot.js';
import {
  type ArmEmulator,
  installVmWorld,
  startArmEmulator,
  type VmWorld,
  type VmWorldOptions,
} from '../../support/arm-emulator/index.js';
import { emulatorConnection, officeOnlyRdpRule } from '../../support/azure-live.js';
import { result, tcp } from '../../support/checks.js';
import { StaticTokenCredential } from '../../support/static-credential.js';

// The live collector with the real SDK clients against the local ARM emulator (HTTPS, test CA), which
// serves the official example bodies made into one coherent VM.

const CLIENT = '198.51.100.7';
const VIP = '203.0.113.10';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const OFFICE_ONLY = officeOnlyRdpRule();

let emulator: ArmEmulator;
beforeAll(async () => {
  emulator = await startArmEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function connection(credential = new StaticTokenCredential()): ArmConnection {
  return emulatorConnection(emulator, credential);
}

function target(host = VIP, port = 3389): Target {
  return { input: `${host}:${port}`, host, hostKind: 'ipv4', port, portSource: port === 3389 ? 'default' : 'target' };
}

function byId(world: VmWorld): AzureVmLocator {
  return {
    kind: 'resource-id',
    subscriptionId: world.subscriptionId,
    resourceGroup: world.resourceGroup,
    vmName: 'vm1',
  };
}

async function collect(
  locator: AzureVmLocator,
  options: { dialled?: Target; sourceIp?: string | null; credential?: StaticTokenCredential } = {},
): Promise<AzureSnapshot> {
  const dialled = options.dialled ?? target();
  const snapshot = await collectAzureSnapshot({
    connection: connection(options.credential),
    locator,
    dialled: { host: dialled.host, addresses: [dialled.host], port: dialled.port },
    sourceIp: options.sourceIp === undefined ? CLIENT : options.sourceIp,
    signal: AbortSignal.timeout(20_000),
    now: () => NOW,
  });
  // Whatever the collector gathered must fit the report's schema as it is.
  return AzureSnapshotSchema.parse(snapshot);
}

function diagnosisOf(snapshot: AzureSnapshot, dialled = target()) {
  return diagnose({
    target: dialled,
    checks: [result(tcp(dialled.port, [{ address: dialled.host, via: 'literal', outcome: 'filtered' }]), 'fail')],
    expectIp: null,
    expectedHostName: null,
    azureSnapshot: snapshot,
    sourceIp: CLIENT,
  });
}

let counter = 0;
/** A world of its own per test, in a subscription of its own, so tests do not see each other's resources. */
function world(options: VmWorldOptions = {}): VmWorld {
  counter += 1;
  const subscriptionId = `00000000-0000-0000-0000-${String(counter).padStart(12, '0')}`;
  return installVmWorld(emulator, { subscriptionId, ...options });
}

const WRITES = /^(PUT|PATCH|DELETE)$/;

describe('collectAzureSnapshot against the ARM emulator', () => {
  let before = 0;
  beforeEach(() => {
    before = emulator.requests.length;
  });
  const requestsOfTest = () => emulator.requests.slice(before);

  it('gives nsg.allowed-other-source naming the rule when RDP is allowed only from 203.0.113.0/24, as IP flow verify says', async () => {
    const w = world({ nicNsgRules: [OFFICE_ONLY] });
    const snapshot = await collect(byId(w));
    expect(snapshot.collection?.failure).toBeNull();
    expect(snapshot.vm).toMatchObject({ id: w.vmId, powerState: { code: 'running' } });
    expect(snapshot.nics.map((n) => n.id)).toEqual([w.nicId]);
    expect(snapshot.nsgs.map((n) => n.id)).toEqual([w.nicNsgId]);
    expect(snapshot.publicIps[0]?.address).toBe(VIP);
    expect(snapshot.effectiveNsgs[0]?.nicId).toBe(w.nicId);
    expect(snapshot.ipFlowVerify).toEqual([
      expect.objectContaining({
        result: expect.objectContaining({ access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' }),
        flow: { direction: 'Inbound', protocol: 'TCP', local: '198.18.0.4:3389', remote: `${CLIENT}:50000` },
      }),
    ]);
    const { findings } = diagnosisOf(snapshot);
    const codes = findings.map((f) => f.code);
    expect(codes).toContain('nsg.allowed-other-source');
    expect(codes).not.toContain('nsg.flow-verify-disagrees');
    expect(findings.find((f) => f.code === 'nsg.allowed-other-source')?.detail).toContain('Allow-RDP-Office');
    // The IP flow verify request asked about this client and the VM's private IP and RDP port.
    const flow = requestsOfTest().find((r) => r.method === 'POST' && r.path.endsWith('/ipFlowVerify'));
    expect(flow?.body).toMatchObject({
      direction: 'Inbound',
      protocol: 'TCP',
      remoteIPAddress: CLIENT,
      localPort: '3389',
    });
    // Read-only: nothing but GETs and the three read-only POST actions, always with a token.
    const posts = requestsOfTest()
      .filter((r) => r.method === 'POST')
      .map((r) => r.path.split('/').at(-1));
    expect(new Set(posts)).toEqual(new Set(['effectiveNetworkSecurityGroups', 'effectiveRouteTable', 'ipFlowVerify']));
    expect(requestsOfTest().some((r) => WRITES.test(r.method) || !r.authorization)).toBe(false);
  });

  it('finds the VM from the dialled public IP, and through a load balancer NAT rule to its backend port', async () => {
    const w = world();
    const direct = await collect({ kind: 'address', subscriptionId: w.subscriptionId });
    expect(direct.vm?.id).toBe(w.vmId);
    expect(direct.collection?.locatedBy).toMatch(/^public IP .* \(203\.0\.113\.10\) → NIC vm1-nic$/);

    const lb = world({
      publicIp: null,
      loadBalancer: {
        frontendIp: '203.0.113.20',
        natRules: [{ name: 'rdp-vm1', frontendPort: 50001, backendPort: 3390 }],
      },
    });
    const dialled = target('203.0.113.20', 50001);
    const viaLb = await collect({ kind: 'address', subscriptionId: lb.subscriptionId }, { dialled });
    expect(viaLb.vm?.id).toBe(lb.vmId);
    expect(viaLb.collection?.locatedBy).toContain('NAT rule rdp-vm1 → NIC vm1-nic');
    // IP flow verify asks about the port the VM sees, the NAT rule's backend port.
    expect(viaLb.ipFlowVerify[0]?.flow?.local).toBe('198.18.0.4:3390');

    const nowhere = await collect(
      { kind: 'address', subscriptionId: w.subscriptionId },
      { dialled: target('198.51.100.200') },
    );
    expect(nowhere.vm).toBeNull();
    expect(nowhere.collection?.failure).toMatch(
      /no public IP in subscription .* has the address or DNS name you dialled \(198\.51\.100\.200\)/,
    );
    expect(diagnosisOf(nowhere, target('198.51.100.200')).findings.map((f) => f.code)).toContain('azure.not-read');
  });

  it('as a Reader: records what was refused and still evaluates the NSGs locally', async () => {
    const w = world({ nicNsgRules: [OFFICE_ONLY] });
    emulator.forbid(
      `${w.nicId}/effectiveNetworkSecurityGroups`,
      'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action',
    );
    emulator.forbid(`${w.nicId}/effectiveRouteTable`, 'Microsoft.Network/networkInterfaces/effectiveRouteTable/action');
    emulator.forbid(
      /\/networkWatchers\/[^/]+\/ipFlowVerify$/i,
      'Microsoft.Network/networkWatchers/ipFlowVerify/action',
    );
    const snapshot = await collect(byId(w));
    expect(snapshot.forbidden.map((f) => f.operation).sort()).toEqual([
      'effective-nsg',
      'effective-routes',
      'ip-flow-verify',
    ]);
    expect(snapshot.collection?.steps.filter((s) => s.status === 'forbidden')).toHaveLength(3);
    const codes = diagnosisOf(snapshot).findings.map((f) => f.code);
    expect(codes).toContain('nsg.allowed-other-source');
    expect(codes).toContain('azure.permission-denied');
  });

  it('reads the Activity Log of the last 7 days: a rule changed 2 hours ago is azure.recent-change', async () => {
    const w = world({ nicNsgRules: [OFFICE_ONLY] });
    const nsgId = w.nicNsgId ?? '';
    emulator.setActivityLog([
      {
        resourceId: `${nsgId}/securityRules/Allow-RDP-Office`,
        resourceGroupName: w.resourceGroup,
        operationName: {
          value: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
          localizedValue: 'Create or Update Security Rule',
        },
        status: { value: 'Succeeded', localizedValue: 'Succeeded' },
        caller: 'bob@contoso.example',
        eventTimestamp: '2026-11-25T10:00:00.000Z',
        correlationId: 'c-1',
        subscriptionId: w.subscriptionId,
      },
    ]);
    const snapshot = await collect(byId(w));
    expect(snapshot.changes).toEqual([
      expect.objectContaining({ caller: 'bob@contoso.example', at: '2026-11-25T10:00:00.000Z' }),
    ]);
    expect(snapshot.changesSince).toBe('2026-11-18T12:00:00.000Z');
    const recent = diagnosisOf(snapshot).findings.find((f) => f.code === 'azure.recent-change');
    expect(recent).toMatchObject({ severity: 'warning', source: 4 });
    emulator.setActivityLog([]);
  });

  it('reads the Just-In-Time policy: a grant for another IP names when it ends, and the request command is filled in', async () => {
    const jitRule = (name: string, priority: number, access: string, source: string) => ({
      name,
      properties: {
        priority,
        protocol: '*',
        access,
        direction: 'Inbound',
        sourceAddressPrefix: source,
        sourcePortRange: '*',
        destinationAddressPrefix: '198.18.0.4',
        destinationPortRange: '3389',
      },
    });
    const w = world({
      nicNsgRules: [
        jitRule('SecurityCenter-JITRule-1234-a1b2c3', 100, 'Allow', '198.51.100.99'),
        jitRule('SecurityCenter-JITRule_-1234_a1b2c3', 101, 'Deny', '*'),
      ],
    });
    const policyId = `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default`;
    emulator.put(policyId, {
      id: policyId,
      name: 'default',
      kind: 'Basic',
      location: 'westeurope',
      properties: {
        virtualMachines: [
          {
            id: w.vmId,
            ports: [{ number: 3389, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }],
          },
        ],
        requests: [
          {
            virtualMachines: [
              {
                id: w.vmId,
                ports: [
                  {
                    number: 3389,
                    allowedSourceAddressPrefix: '198.51.100.99',
                    endTimeUtc: '2026-11-25T14:00:00Z',
                    status: 'Initiated',
                    statusReason: 'UserRequested',
                  },
                ],
              },
            ],
            startTimeUtc: '2026-11-25T11:00:00Z',
            requestor: 'carol@contoso.example',
          },
        ],
        provisioningState: 'Succeeded',
      },
    });
    const snapshot = await collect(byId(w));
    expect(snapshot.jit).toMatchObject({ policyId, ports: [{ number: 3389, maxRequestAccessDuration: 'PT3H' }] });
    const finding = diagnosisOf(snapshot).findings.find((f) => f.code === 'nsg.jit-other-ip');
    expect(finding?.detail).toContain('198.51.100.99 until 2026-11-25T14:00:00Z (requested by carol@contoso.example)');
    const request = finding?.remedy.steps.map((step) => step.command).find((command) => command.includes('/initiate'));
    expect(request).toContain(`${policyId}/initiate`);
    expect(request).toContain('"allowedSourceAddressPrefix":"198.51.100.7","endTimeUtc":"2026-11-25T15:00:00Z"');
    // A resource group without a policy gives null, not an error.
    expect((await collect(byId(world()))).jit).toBeNull();
  });

  it('says so when the VM does not exist, the region has no Network Watcher, or the client IP is unknown', async () => {
    const w = world();
    const missing = await collect({ ...byId(w), kind: 'name', vmName: 'vm-gone' } as AzureVmLocator);
    expect(missing.collection?.failure).toMatch(/there is no VM vm-gone in resource group rg-probe/);

    const noWatcher = await collect(byId(world({ networkWatcher: false })));
    expect(noWatcher.networkWatcher).toEqual({ location: 'westeurope', id: null });
    expect(noWatcher.ipFlowVerify).toEqual([]);
    expect(diagnosisOf(noWatcher).findings.map((f) => f.code)).toContain('nw.unavailable');

    const noClient = await collect(byId(w), { sourceIp: null });
    const skipped = noClient.collection?.steps.find((s) => s.operation.startsWith('IP flow verify'));
    expect(skipped).toMatchObject({ status: 'skipped', detail: expect.stringContaining('--source-ip') });
  });

  it('keeps going when Azure returns a resource it cannot read, naming it in the problems', async () => {
    const w = world({ nicNsgRules: [OFFICE_ONLY] });
    const nsgId = w.nicNsgId ?? '';
    emulator.put(nsgId, { id: nsgId, name: 'broken', properties: { securityRules: 'not a list' } });
    const snapshot = await collect(byId(w));
    expect(snapshot.collection?.failure).toBeNull();
    expect(snapshot.vm?.id).toBe(w.vmId);
    expect(snapshot.problems.map((p) => p.message).join('\n')).toMatch(/ARM networkSecurityGroups\/.* is not/);
    expect(snapshot.collection?.steps.find((s) => s.operation.startsWith('read NSG'))).toMatchObject({
      status: 'failed',
      code: 'UnreadableResponse',
    });
    expect(() => diagnosisOf(snapshot)).not.toThrow();
  });

  it('reports a sign-in that fails without calling Azure', async () => {
    const w = world();
    const failing = new StaticTokenCredential();
    failing.getToken = async () => {
      const error = new Error(
        'Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.',
      );
      error.name = 'CredentialUnavailableError';
      throw error;
    };
    const snapshot = await collect(byId(w), { credential: failing });
    expect(snapshot.collection?.failure).toBe(
      'Signing in to Azure failed: Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.',
    );
    expect(requestsOfTest().some((r) => r.authorization)).toBe(false);
  });
});
