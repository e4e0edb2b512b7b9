import { request as httpsRequest } from 'node:https';
import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import { NetworkManagementClient } from '@azure/arm-network';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFlow, parseEffectiveNsgList } from '../../src/core/nsg/index.js';
import {
  type ArmEmulator,
  armClientOptions,
  armRuleName,
  effectiveNsgList,
  FAST_POLLING,
  installVmWorld,
  startArmEmulator,
  type VmWorld,
} from '../support/arm-emulator/index.js';
import { StaticTokenCredential } from '../support/static-credential.js';

// The ARM emulator driven by the real SDK clients (@azure/arm-network 39, arm-compute 25, arm-monitor 8,
// arm-resources-subscriptions 3) over HTTPS with a test CA, on 127.0.0.1 only.

const OFFICE_RDP = {
  name: 'AllowRdpFromOffice',
  properties: {
    priority: 300,
    protocol: 'Tcp',
    access: 'Allow',
    direction: 'Inbound',
    sourceAddressPrefix: '203.0.113.0/24',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    destinationPortRange: '3389',
  },
};
const SUB_B = '00000000-0000-0000-0000-0000000000bb';

interface RawAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A plain HTTPS GET trusting only the test CA (no SDK), bounded by a 5 s timeout. */
function rawGet(emulator: ArmEmulator, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(`${emulator.endpoint}${path}`, { ca: emulator.ca, headers, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : (JSON.parse(text) as unknown) });
      });
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end();
  });
}

async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

function last(id: string | null): string {
  return (id ?? '').split('/').pop() ?? '';
}

describe('ARM emulator with the real SDK clients', () => {
  let emulator: ArmEmulator;
  let world: VmWorld;
  let parked: VmWorld;
  const credential = new StaticTokenCredential();
  let network: NetworkManagementClient;
  let compute: ComputeManagementClient;

  beforeAll(async () => {
    emulator = await startArmEmulator();
    world = installVmWorld(emulator, {
      nicNsgRules: [OFFICE_RDP],
      fqdn: 'vm1-probe.westeurope.cloudapp.azure.com',
      loadBalancer: {
        frontendIp: '203.0.113.20',
        natRules: [{ name: 'rdp-vm1', frontendPort: 50001, backendPort: 3389 }],
      },
    });
    parked = installVmWorld(emulator, {
      subscriptionId: SUB_B,
      resourceGroup: 'rg-parked',
      vmName: 'vm2',
      publicIp: null,
      nicNsgRules: null,
      subnetNsgRules: [
        {
          ...OFFICE_RDP,
          name: 'AllowRdpFromVnet',
          properties: { ...OFFICE_RDP.properties, sourceAddressPrefix: 'VirtualNetwork' },
        },
      ],
      powerState: 'deallocated',
    });
    network = new NetworkManagementClient(credential, world.subscriptionId, armClientOptions(emulator));
    compute = new ComputeManagementClient(credential, world.subscriptionId, armClientOptions(emulator));
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('is real HTTPS: a client that does not trust the test CA fails the TLS handshake', async () => {
    const before = emulator.requests.length;
    const untrusting = new NetworkManagementClient(credential, world.subscriptionId, { endpoint: emulator.endpoint });
    const error = await untrusting.networkInterfaces
      .get(world.resourceGroup, last(world.nicId))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) });
    expect(emulator.requests.length).toBe(before);
  });

  it('serves a coherent world: VM → NIC → subnet, NSG, public IP, load balancer', async () => {
    const vm = await compute.virtualMachines.get(world.resourceGroup, 'vm1');
    expect(vm.id).toBe(world.vmId);
    expect(vm.networkProfile?.networkInterfaces?.map((nic) => nic.id)).toEqual([world.nicId]);

    const nic = await network.networkInterfaces.get(world.resourceGroup, last(world.nicId));
    expect(nic.id).toBe(world.nicId);
    expect(nic.networkSecurityGroup?.id).toBe(world.nicNsgId);
    expect(nic.virtualMachine?.id).toBe(world.vmId);
    const ipConfig = nic.ipConfigurations?.[0];
    expect(ipConfig?.privateIPAddress).toBe('198.18.0.4');
    expect(ipConfig?.subnet?.id).toBe(world.subnetId);
    expect(ipConfig?.publicIPAddress?.id).toBe(world.publicIpId);
    expect(ipConfig?.loadBalancerInboundNatRules?.map((rule) => rule.id)).toEqual([
      `${world.loadBalancerId}/inboundNatRules/rdp-vm1`,
    ]);

    const nsg = await network.networkSecurityGroups.get(world.resourceGroup, last(world.nicNsgId));
    expect(nsg.securityRules?.map((rule) => [rule.name, rule.id])).toEqual([
      ['AllowRdpFromOffice', `${world.nicNsgId}/securityRules/AllowRdpFromOffice`],
    ]);
    expect(nsg.defaultSecurityRules?.map((rule) => rule.id)).toHaveLength(6);
    expect(
      nsg.defaultSecurityRules?.every((rule) => rule.id?.startsWith(`${world.nicNsgId}/defaultSecurityRules/`)),
    ).toBe(true);
    expect(nsg.networkInterfaces?.map((n) => n.id)).toEqual([world.nicId]);

    const ip = await network.publicIPAddresses.get(world.resourceGroup, last(world.publicIpId));
    expect(ip).toMatchObject({ ipAddress: '203.0.113.10', sku: { name: 'Standard' } });
    expect(ip.dnsSettings?.fqdn).toBe('vm1-probe.westeurope.cloudapp.azure.com');
    expect(ip.ipConfiguration?.id).toBe(ipConfig?.id);

    const subnet = await network.subnets.get(world.resourceGroup, last(world.vnetId), 'default');
    expect(subnet.addressPrefix).toBe('198.18.0.0/24');
    expect(subnet.networkSecurityGroup).toBeUndefined();

    const lb = await network.loadBalancers.get(world.resourceGroup, last(world.loadBalancerId));
    expect(lb.frontendIPConfigurations?.[0]?.publicIPAddress?.id).toBe(world.loadBalancerPublicIpId);
    // Child resources ARM nests in their parent are served on their own ids and lists too.
    const nat = await network.inboundNatRules.get(world.resourceGroup, last(world.loadBalancerId), 'rdp-vm1');
    expect(nat).toMatchObject({ frontendPort: 50001, backendPort: 3389, backendIPConfiguration: { id: ipConfig?.id } });
    const rules = await all(network.securityRules.list(world.resourceGroup, last(world.nicNsgId)));
    expect(rules.map((rule) => rule.name)).toEqual(['AllowRdpFromOffice']);
    const ruleGet = await network.securityRules.get(world.resourceGroup, last(world.nicNsgId), 'AllowRdpFromOffice');
    expect(ruleGet.sourceAddressPrefix).toBe('203.0.113.0/24');
  });

  it('lists by type across the subscription and in a resource group, and lists subscriptions', async () => {
    const ips = await all(network.publicIPAddresses.listAll());
    expect(ips.map((ip) => ip.id).sort()).toEqual([world.loadBalancerPublicIpId, world.publicIpId].sort());
    const inGroup = await all(network.networkInterfaces.list(world.resourceGroup));
    expect(inGroup.map((nic) => nic.id)).toEqual([world.nicId]);
    const watchers = await all(network.networkWatchers.listAll());
    expect(watchers.map((w) => w.id)).toEqual([world.networkWatcherId]);
    const subscriptions = await all(
      new SubscriptionClient(credential, armClientOptions(emulator)).subscriptions.list(),
    );
    expect(subscriptions.map((s) => [s.subscriptionId, s.state])).toEqual([
      [world.subscriptionId, 'Enabled'],
      [SUB_B, 'Enabled'],
    ]);
  });

  it('runs effectiveNetworkSecurityGroups as an LRO through the SDK poller (2 InProgress polls)', async () => {
    const read = (id: string) => emulator.get(id);
    emulator.onAction(world.nicId, 'effectiveNetworkSecurityGroups', () => ({
      status: 'lro',
      body: effectiveNsgList(read, world.nicId),
      polls: 2,
    }));
    const start = emulator.requests.length;
    const result = await network.networkInterfaces.listEffectiveNetworkSecurityGroups(
      world.resourceGroup,
      last(world.nicId),
      FAST_POLLING,
    );
    const calls = emulator.requests.slice(start).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}$/, 'ID')}`);
    expect(calls).toEqual([
      `POST ${world.nicId}/effectiveNetworkSecurityGroups`,
      `GET /subscriptions/${world.subscriptionId}/providers/Microsoft.Network/locations/westeurope/operations/ID`,
      `GET /subscriptions/${world.subscriptionId}/providers/Microsoft.Network/locations/westeurope/operations/ID`,
      `GET /subscriptions/${world.subscriptionId}/providers/Microsoft.Network/locations/westeurope/operations/ID`,
      `GET /subscriptions/${world.subscriptionId}/providers/Microsoft.Network/locations/westeurope/operationResults/ID`,
    ]);
    expect(result.value?.map((entry) => entry.association?.networkInterface?.id)).toEqual([world.nicId]);
    const names = result.value?.[0]?.effectiveSecurityRules?.map((rule) => `${rule.name} ${rule.protocol}`);
    expect(names).toContain('securityRules/AllowRdpFromOffice Tcp');
    expect(names).toContain('defaultSecurityRules/DenyAllInBound All');
    const vnetRule = result.value?.[0]?.effectiveSecurityRules?.find((r) => r.name?.endsWith('/AllowVnetInBound'));
    expect(vnetRule?.expandedSourceAddressPrefix).toEqual(['198.18.0.0/16', '168.63.129.16/32']);
  });

  it('answers ipFlowVerify with the project evaluator, naming the deciding rule as ARM does', async () => {
    const watcher = last(world.networkWatcherId);
    const verify = (remoteIPAddress: string) =>
      network.networkWatchers.verifyIPFlow(
        'NetworkWatcherRG',
        watcher,
        {
          targetResourceId: world.vmId,
          direction: 'Inbound',
          protocol: 'TCP',
          localIPAddress: '198.18.0.4',
          localPort: '3389',
          remoteIPAddress,
          remotePort: '50123',
        },
        FAST_POLLING,
      );
    expect(await verify('198.51.100.7')).toEqual({ access: 'Deny', ruleName: 'defaultSecurityRules/DenyAllInBound' });
    expect(await verify('203.0.113.5')).toEqual({ access: 'Allow', ruleName: 'securityRules/AllowRdpFromOffice' });

    // The effective NSGs the emulator serves lead the evaluator to the same answer.
    const effective = await network.networkInterfaces.listEffectiveNetworkSecurityGroups(
      world.resourceGroup,
      last(world.nicId),
      FAST_POLLING,
    );
    const parsed = parseEffectiveNsgList(effective, 'effective NSGs');
    if (parsed.kind === 'err') throw new Error(parsed.error.message);
    const verdict = evaluateFlow({
      flow: {
        direction: 'Inbound',
        protocol: 'Tcp',
        sourceIp: '198.51.100.7',
        sourcePort: 50123,
        destinationIp: '198.18.0.4',
        destinationPort: 3389,
      },
      subnetNsg: null,
      nicNsg: parsed.value[0]?.nsg ?? null,
      context: { vmIps: ['198.18.0.4'] },
    });
    if (verdict.kind === 'err') throw new Error(verdict.error.message);
    const decider = verdict.value.decidedBy;
    expect(decider.kind === 'rule' && armRuleName(decider.located.rule)).toBe('defaultSecurityRules/DenyAllInBound');
  });

  it('serves the VM instance view, on its own and through $expand=instanceView', async () => {
    const view = await compute.virtualMachines.instanceView(world.resourceGroup, 'vm1');
    expect(view.statuses?.map((s) => s.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect(view.vmAgent?.statuses?.[0]?.displayStatus).toBe('Ready');
    const expanded = await compute.virtualMachines.get(world.resourceGroup, 'vm1', { expand: 'instanceView' });
    expect(expanded.instanceView?.statuses?.[1]?.displayStatus).toBe('VM running');
    const plain = await compute.virtualMachines.get(world.resourceGroup, 'vm1');
    expect(plain.instanceView).toBeUndefined();

    const parkedCompute = new ComputeManagementClient(credential, SUB_B, armClientOptions(emulator));
    const parkedView = await parkedCompute.virtualMachines.instanceView(parked.resourceGroup, 'vm2');
    expect(parkedView.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
    expect(parkedView.vmAgent).toBeUndefined();
  });

  it('runs runCommand as an LRO whose result is a RunCommandResult', async () => {
    const byDefault = await compute.virtualMachines.runCommand(
      world.resourceGroup,
      'vm1',
      { commandId: 'RunPowerShellScript', script: ['hostname'] },
      FAST_POLLING,
    );
    expect(byDefault.value?.[0]?.code).toBe('ComponentStatus/StdOut/succeeded');

    emulator.onAction(world.vmId, 'runCommand', (body) => {
      const script = (body as { script?: string[] }).script ?? [];
      return {
        status: 'lro',
        polls: 0,
        body: {
          value: [{ code: 'ComponentStatus/StdOut/succeeded', level: 'Info', message: `ran ${script.join(';')}` }],
        },
      };
    });
    const result = await compute.virtualMachines.runCommand(
      world.resourceGroup,
      'vm1',
      { commandId: 'RunPowerShellScript', script: ['Get-Service TermService'] },
      FAST_POLLING,
    );
    expect(result.value?.[0]?.message).toBe('ran Get-Service TermService');
    const posted = emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/runCommand')).at(-1);
    expect(posted).toMatchObject({
      apiVersion: '2026-04-01',
      authorization: true,
      body: { commandId: 'RunPowerShellScript', script: ['Get-Service TermService'] },
    });
  });

  it('reports a failed LRO through the SDK', async () => {
    emulator.onAction(world.nicId, 'effectiveRouteTable', () => ({
      status: 'lro-failed',
      error: { code: 'VmNotRunning', message: 'The virtual machine is not running.' },
    }));
    const error = await network.networkInterfaces
      .getEffectiveRouteTable(world.resourceGroup, last(world.nicId), FAST_POLLING)
      .catch((e: unknown) => e);
    // core-lro 3 turns a Failed status into a plain Error: the code survives only inside the message.
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('statusCode');
    expect((error as Error).message).toBe(
      'The long-running operation has failed. VmNotRunning. The virtual machine is not running.',
    );
  });

  it('filters the activity log by time range and resource', async () => {
    const event = (minutes: number, resourceId: string, operation: string) => ({
      eventTimestamp: new Date(Date.UTC(2026, 0, 10, 12, minutes)).toISOString(),
      resourceId,
      resourceGroupName: world.resourceGroup,
      operationName: { value: operation, localizedValue: operation },
      status: { value: 'Succeeded', localizedValue: 'Succeeded' },
      correlationId: `c-${minutes}`,
    });
    emulator.setActivityLog([
      event(0, world.vmId, 'Microsoft.Compute/virtualMachines/deallocate/action'),
      event(10, world.nicNsgId ?? '', 'Microsoft.Network/networkSecurityGroups/securityRules/write'),
      event(20, world.vmId, 'Microsoft.Compute/virtualMachines/start/action'),
      event(90, world.vmId, 'Microsoft.Compute/virtualMachines/restart/action'),
    ]);
    const monitor = new MonitorClient(credential, world.subscriptionId, armClientOptions(emulator));
    const events = await all(
      monitor.activityLogs.list(
        `eventTimestamp ge '2026-01-10T11:59:00Z' and eventTimestamp le '2026-01-10T13:00:00Z' and resourceUri eq '${world.vmId}'`,
      ),
    );
    expect(events.map((e) => e.operationName?.value)).toEqual([
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/deallocate/action',
    ]);
    const inGroup = await all(
      monitor.activityLogs.list(
        `eventTimestamp ge '2026-01-10T12:05:00Z' and resourceGroupName eq '${world.resourceGroup.toUpperCase()}'`,
      ),
    );
    expect(inGroup.map((e) => e.correlationId)).toEqual(['c-90', 'c-20', 'c-10']);
    const refused = await all(monitor.activityLogs.list(`resourceGroupName eq '${world.resourceGroup}'`)).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ statusCode: 400 });
  });

  it('answers from the state at the time of the call: a changed NSG changes ipFlowVerify', async () => {
    const nsg = emulator.get(world.nicNsgId ?? '') as { properties: { securityRules: unknown[] } };
    nsg.properties.securityRules.push({
      name: 'AllowRdpFromHome',
      properties: { ...OFFICE_RDP.properties, priority: 310, sourceAddressPrefix: '198.51.100.7' },
    });
    emulator.put(world.nicNsgId ?? '', nsg);
    const answer = await network.networkWatchers.verifyIPFlow(
      'NetworkWatcherRG',
      last(world.networkWatcherId),
      {
        targetResourceId: world.vmId,
        direction: 'Inbound',
        protocol: 'TCP',
        localIPAddress: '198.18.0.4',
        localPort: '3389',
        remoteIPAddress: '198.51.100.7',
        remotePort: '50123',
      },
      FAST_POLLING,
    );
    expect(answer).toEqual({ access: 'Allow', ruleName: 'securityRules/AllowRdpFromHome' });
  });

  it('got a token from the credential and sent it on every SDK request', () => {
    expect(credential.calls).toBeGreaterThan(0);
    const sdk = emulator.requests.filter((r) => r.apiVersion !== null);
    expect(sdk.length).toBeGreaterThan(10);
    expect(sdk.every((r) => r.authorization)).toBe(true);
    // Each SDK pins its api-version; the emulator accepts any and records it.
    const versions = new Set(emulator.requests.map((r) => r.apiVersion));
    expect([...versions]).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-01', '2015-04-01']));
  });
});

describe('ARM emulator errors, authorization and latency', () => {
  let emulator: ArmEmulator;
  let world: VmWorld;
  const credential = new StaticTokenCredential();
  let network: NetworkManagementClient;

  beforeAll(async () => {
    emulator = await startArmEmulator({ latencyMs: 120 });
    world = installVmWorld(emulator);
    network = new NetworkManagementClient(credential, world.subscriptionId, armClientOptions(emulator));
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('answers 401 with ARM’s error body to a request without a bearer token', async () => {
    const answer = await rawGet(emulator, `${world.nicId}?api-version=2026-01-01`);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: world.nicId, authorization: false });
  });

  it('accepts any api-version, records it, and refuses a request without one', async () => {
    const auth = { authorization: 'Bearer x' };
    const any = await rawGet(emulator, `${world.nicId}?api-version=1999-12-31-preview`, auth);
    expect(any.status).toBe(200);
    expect(any.body).toMatchObject({ id: world.nicId });
    expect(emulator.requests.at(-1)).toMatchObject({
      apiVersion: '1999-12-31-preview',
      query: { 'api-version': '1999-12-31-preview' },
    });
    const missing = await rawGet(emulator, world.nicId, auth);
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } });
    // Ids compare case-insensitively, as in ARM.
    const shouting = await rawGet(emulator, `${world.nicId.toUpperCase()}?api-version=1`, auth);
    expect(shouting.status).toBe(200);
  });

  it('answers 404 with ARM’s error bodies: removed resources, unknown types', async () => {
    emulator.remove(world.publicIpId ?? '');
    const error = await network.publicIPAddresses
      .get(world.resourceGroup, last(world.publicIpId))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', statusCode: 404, code: 'ResourceNotFound' });
    // A child ARM nests in its parent (the subnet in the VNet) is gone too once removed.
    emulator.remove(world.subnetId);
    const subnet = await network.subnets
      .get(world.resourceGroup, last(world.vnetId), 'default')
      .catch((e: unknown) => e);
    expect(subnet).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    const auth = { authorization: 'Bearer x' };
    const unknownType = await rawGet(
      emulator,
      `/subscriptions/${world.subscriptionId}/providers/Microsoft.Network/networkInterfacez?api-version=1`,
      auth,
    );
    expect(unknownType).toMatchObject({ status: 404, body: { error: { code: 'InvalidResourceType' } } });
    const elsewhere = await rawGet(emulator, '/nowhere/at/all?api-version=1', auth);
    expect(elsewhere.status).toBe(404);
    expect(emulator.requests.at(-1)?.path).toBe('/nowhere/at/all');
  });

  it('forbids a path with 403 AuthorizationFailed naming the action, as a Reader gets it', async () => {
    const action = 'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action';
    emulator.forbid('/effectiveNetworkSecurityGroups', action);
    const error = await network.networkInterfaces
      .listEffectiveNetworkSecurityGroups(world.resourceGroup, last(world.nicId), FAST_POLLING)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', statusCode: 403, code: 'AuthorizationFailed' });
    expect((error as Error).message).toContain(`perform action '${action}' over scope '${world.nicId}'`);
  });

  it('delays each answer by latencyMs', async () => {
    const started = performance.now();
    await network.networkInterfaces.get(world.resourceGroup, last(world.nicId));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('without updateIntervalInMs the SDK waits its 2 s default between polls (Retry-After: 0 is ignored)', async () => {
    const started = performance.now();
    const routes = await network.networkInterfaces.getEffectiveRouteTable(world.resourceGroup, last(world.nicId));
    const elapsed = performance.now() - started;
    expect(routes.value?.find((route) => route.nextHopType === 'VnetLocal')?.addressPrefix).toEqual(['198.18.0.0/16']);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
  });
});
