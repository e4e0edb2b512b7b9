import { forbiddenFromError } from '../../../core/azure/azure-error.js';
import { type AzureDocument, buildAzureSnapshot, emptyAzureSnapshot } from '../../../core/azure/build-snapshot.js';
import { readActivityLog } from '../../../core/azure/read-activity-log.js';
import { readEffectiveRoutes } from '../../../core/azure/read-effective-routes.js';
import { readNic } from '../../../core/azure/read-nic.js';
import { readSubnet } from '../../../core/azure/read-subnet.js';
import { readVm } from '../../../core/azure/read-vm.js';
import { parentResourceId, resourceGroupOf, resourceName, sameResourceId } from '../../../core/azure/resource-id.js';
import type {
  AzureCollectStep,
  AzureEffectiveRoutes,
  AzureForbidden,
  AzureNic,
  AzureSnapshot,
} from '../../../core/azure/snapshot-schema.js';
import type { AzureVmLocator } from '../../../core/azure/vm-locator.js';
import { parseEffectiveNsgList, parseIpFlowVerify } from '../../../core/nsg/index.js';
import { type ArmCallOptions, type ArmFailure, plainJson } from './arm-call.js';
import { type ArmClients, type ArmConnection, armClients } from './arm-clients.js';
import { CollectLog } from './collect-log.js';
import { type DialledEndpoint, findVm } from './find-vm.js';
import { readJit } from './read-jit.js';

/** What a live collection needs. */
export interface CollectRequest {
  readonly connection: ArmConnection;
  readonly locator: AzureVmLocator;
  readonly dialled: DialledEndpoint;
  /** The client's address as Azure sees it, for IP flow verify; null: IP flow verify is skipped. */
  readonly sourceIp: string | null;
  /** How far back the Activity Log is read (the seed's first question: what changed?). */
  readonly changesWindowDays?: number;
  readonly signal: AbortSignal;
  readonly onStep?: (step: AzureCollectStep) => void;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** The ephemeral port IP flow verify uses for the client's side of the flow. */
const CLIENT_PORT = '50000';

/** Which call failed with 403, as the offline reader would record it. */
function forbiddenOf(input: string, failure: ArmFailure): AzureForbidden | null {
  if (failure.status !== 403) return null;
  return forbiddenFromError({ code: failure.code, message: failure.message }, input);
}

function idsOf(values: Iterable<string | null>): string[] {
  const out = new Map<string, string>();
  for (const value of values) if (value !== null) out.set(value.toLowerCase(), value);
  return [...out.values()];
}

/**
 * Collects the Azure side of one VM, read-only, through the SDK clients: the VM and its instance view, NICs,
 * subnets, NSGs, public IPs, load balancers, effective NSGs and routes, the region's Network Watcher, IP flow
 * verify for the client's address, and the Activity Log's changes. Never throws for Azure's answers: each
 * call is a step of `collection`; a refused POST action becomes `forbidden` and the local evaluator stands in.
 */
export async function collectAzureSnapshot(request: CollectRequest): Promise<AzureSnapshot> {
  const now = request.now?.() ?? new Date();
  const { connection, locator } = request;
  const log = new CollectLog(request.signal, request.onStep);
  const clients = armClients(connection, locator.subscriptionId);
  const origin = { kind: 'arm', subscriptionId: locator.subscriptionId, collectedAt: now.toISOString() } as const;
  const collection = (failure: string | null, locatedBy: string | null) => ({
    credential: connection.signedIn.label,
    cloud: connection.cloud.name === 'custom' ? connection.cloud.armEndpoint : connection.cloud.name,
    locatedBy,
    steps: log.steps,
    failure,
  });
  const stopped = (failure: string, locatedBy: string | null = null): AzureSnapshot => ({
    ...emptyAzureSnapshot(origin),
    collection: collection(failure, locatedBy),
  });

  const found = await findVm(clients, locator, request.dialled, log);
  if ('message' in found) return stopped(`The VM was not found: ${found.message}`);
  const documents: AzureDocument[] = [...found.documents];
  const forbidden: AzureForbidden[] = [];
  const group = resourceGroupOf(found.vmId) ?? '';
  const vmName = resourceName(found.vmId);

  const vmCall = await log.call(`read VM ${vmName} with its instance view`, (options) =>
    clients.compute.virtualMachines.get(group, vmName, { ...options, expand: 'instanceView' }),
  );
  if (vmCall.kind === 'err') return stopped(vmFailure(vmName, group, vmCall.failure), found.locatedBy);
  documents.push({ input: `ARM virtualMachines/${vmName}`, value: vmCall.raw });
  const vm = readVm(vmCall.raw, `ARM virtualMachines/${vmName}`);
  if (vm.kind === 'err') return stopped(vm.error.message, found.locatedBy);

  // NICs (some were read while finding the VM).
  const nics: AzureNic[] = [];
  await Promise.all(
    vm.value.nics.map(async ({ id }) => {
      const known = documents.find((doc) => doc.input === `ARM networkInterfaces/${resourceName(id)}`);
      const raw =
        known?.value ??
        (await readRaw(log, `read NIC ${resourceName(id)}`, (o) =>
          clients.network.networkInterfaces.get(resourceGroupOf(id) ?? '', resourceName(id), o),
        ));
      if (raw === undefined) return;
      if (known === undefined) documents.push({ input: `ARM networkInterfaces/${resourceName(id)}`, value: raw });
      const nic = readNic(raw, `ARM networkInterfaces/${resourceName(id)}`);
      if (nic.kind === 'ok') nics.push(nic.value);
    }),
  );
  const primaryNic = nics.find((nic) => nic.primary === true) ?? nics[0] ?? null;
  const configs = nics.flatMap((nic) => nic.ipConfigurations);
  const subnetIds = idsOf(configs.map((c) => c.subnetId));
  const publicIpIds = idsOf(configs.map((c) => c.publicIpId)).filter(
    (id) => !documents.some((doc) => doc.input === `ARM publicIPAddresses/${resourceName(id)}`),
  );
  const lbIds = idsOf([...configs.flatMap((c) => [...c.natRuleIds, ...c.backendPoolIds]).map(parentResourceId)]).filter(
    (id) => !documents.some((doc) => doc.input === `ARM loadBalancers/${resourceName(id)}`),
  );

  const readSubnets = Promise.all(
    subnetIds.map(async (id) => {
      const vnetId = parentResourceId(id);
      const raw = await readRaw(log, `read subnet ${resourceName(vnetId)}/${resourceName(id)}`, (o) =>
        clients.network.subnets.get(resourceGroupOf(id) ?? '', resourceName(vnetId), resourceName(id), o),
      );
      if (raw === undefined) return null;
      documents.push({ input: `ARM subnets/${resourceName(id)}`, value: raw });
      const subnet = readSubnet(raw, `ARM subnets/${resourceName(id)}`);
      return subnet.kind === 'ok' && subnet.value.nsg.kind === 'nsg' ? subnet.value.nsg.id : null;
    }),
  ).then(async (subnetNsgIds) => {
    const nsgIds = idsOf([...nics.map((nic) => (nic.nsg.kind === 'nsg' ? nic.nsg.id : null)), ...subnetNsgIds]);
    await Promise.all(
      nsgIds.map(async (id) => {
        const raw = await readRaw(log, `read NSG ${resourceName(id)}`, (o) =>
          clients.network.networkSecurityGroups.get(resourceGroupOf(id) ?? '', resourceName(id), o),
        );
        if (raw !== undefined) documents.push({ input: `ARM networkSecurityGroups/${resourceName(id)}`, value: raw });
      }),
    );
    return nsgIds;
  });
  const readPublicIps = Promise.all(
    publicIpIds.map(async (id) => {
      const raw = await readRaw(log, `read public IP ${resourceName(id)}`, (o) =>
        clients.network.publicIPAddresses.get(resourceGroupOf(id) ?? '', resourceName(id), o),
      );
      if (raw !== undefined) documents.push({ input: `ARM publicIPAddresses/${resourceName(id)}`, value: raw });
    }),
  );
  const readLoadBalancers = Promise.all(
    lbIds.map(async (id) => {
      const raw = await readRaw(log, `read load balancer ${resourceName(id)}`, (o) =>
        clients.network.loadBalancers.get(resourceGroupOf(id) ?? '', resourceName(id), o),
      );
      if (raw !== undefined) documents.push({ input: `ARM loadBalancers/${resourceName(id)}`, value: raw });
    }),
  );
  const effective = primaryNic === null ? Promise.resolve(null) : effectiveOf(clients, primaryNic, log, forbidden);
  const watcher = findNetworkWatcher(clients, vm.value.location, log);
  const jit = readJit(clients, connection.cloud.armEndpoint, locator.subscriptionId, group, found.vmId, log);

  const [nsgIds] = await Promise.all([readSubnets, readPublicIps, readLoadBalancers]);
  const built = buildAzureSnapshot(documents, origin);
  const snapshot: AzureSnapshot = built.snapshot;

  const [effectiveResult, networkWatcher, jitPolicy] = await Promise.all([effective, watcher, jit]);
  const flow = await ipFlowVerify(clients, snapshot, networkWatcher, request, log, forbidden);
  const relevant = idsOf([
    found.vmId,
    ...nics.map((nic) => nic.id),
    ...nsgIds,
    ...snapshot.publicIps.map((ip) => ip.id),
    ...snapshot.loadBalancers.map((lb) => lb.id),
    ...subnetIds,
  ]);
  const days = request.changesWindowDays ?? 7;
  const since = new Date(now.getTime() - days * 86_400_000);
  const changes = await readChanges(clients, relevant, since, now, log);

  return {
    ...snapshot,
    effectiveNsgs: effectiveResult?.nsgs ?? [],
    ipFlowVerify: flow === null ? [] : [flow],
    forbidden: [...snapshot.forbidden, ...forbidden],
    ...(changes === null ? {} : { changes, changesSince: since.toISOString() }),
    ...(effectiveResult?.routes ? { effectiveRoutes: [effectiveResult.routes] } : {}),
    ...(networkWatcher === undefined ? {} : { networkWatcher }),
    ...(jitPolicy === undefined ? {} : { jit: jitPolicy }),
    collection: collection(null, found.locatedBy),
  };
}

function vmFailure(vmName: string, group: string, failure: ArmFailure): string {
  if (failure.code === 'CredentialUnavailable') return `Signing in to Azure failed: ${failure.message}`;
  if (failure.status === 404) {
    return `The VM was not found: there is no VM ${vmName} in resource group ${group} (${failure.code}); check the name and the subscription.`;
  }
  if (failure.status === 403) {
    return `Azure refused to show VM ${vmName} (${failure.code}): your account needs at least the Reader role on it. ${failure.message}`;
  }
  return `Reading VM ${vmName} failed (${failure.code}${failure.status === null ? '' : `, HTTP ${failure.status}`}): ${failure.message}`;
}

/** Runs a read and returns its raw body, or undefined when it failed (the step records why). */
async function readRaw<T>(
  log: CollectLog,
  operation: string,
  run: (options: ArmCallOptions) => Promise<T>,
): Promise<unknown> {
  return (await log.call(operation, run)).raw;
}

async function effectiveOf(
  clients: ArmClients,
  nic: AzureNic,
  log: CollectLog,
  forbidden: AzureForbidden[],
): Promise<{ nsgs: AzureSnapshot['effectiveNsgs']; routes: AzureEffectiveRoutes | null }> {
  const group = resourceGroupOf(nic.id) ?? '';
  const input = `ARM effective NSGs of NIC ${nic.name}`;
  const routesInput = `ARM effective routes of NIC ${nic.name}`;
  const [nsgCall, routeCall] = await Promise.all([
    log.call(`list effective NSGs of NIC ${nic.name}`, (options) =>
      clients.network.networkInterfaces
        .listEffectiveNetworkSecurityGroups(group, nic.name, { ...options, updateIntervalInMs: pollMs(clients) })
        .pollUntilDone({ abortSignal: options.abortSignal }),
    ),
    log.call(`get effective routes of NIC ${nic.name}`, (options) =>
      clients.network.networkInterfaces
        .getEffectiveRouteTable(group, nic.name, { ...options, updateIntervalInMs: pollMs(clients) })
        .pollUntilDone({ abortSignal: options.abortSignal }),
    ),
  ]);
  let nsgs: AzureSnapshot['effectiveNsgs'] = [];
  if (nsgCall.kind === 'ok') {
    const entries = parseEffectiveNsgList(plainJson(nsgCall.value), input);
    if (entries.kind === 'ok') nsgs = [{ input, nicId: nic.id, entries: entries.value }];
  } else {
    const refused = forbiddenOf(input, nsgCall.failure);
    if (refused !== null) forbidden.push({ ...refused, operation: 'effective-nsg' });
  }
  let routes: AzureEffectiveRoutes | null = null;
  if (routeCall.kind === 'ok') {
    const read = readEffectiveRoutes(plainJson(routeCall.value), routesInput);
    if (read.kind === 'ok') routes = { input: routesInput, nicId: nic.id, routes: read.value };
  } else {
    const refused = forbiddenOf(routesInput, routeCall.failure);
    if (refused !== null) forbidden.push({ ...refused, operation: 'effective-routes' });
  }
  return { nsgs, routes };
}

/** How often long-running operations are polled: Azure answers these in seconds, and a user is waiting. */
const DEFAULT_POLL_MS = 1000;

function pollMs(clients: ArmClients): number {
  return clients.pollIntervalMs ?? DEFAULT_POLL_MS;
}

function sameLocation(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return false;
  return a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
}

async function findNetworkWatcher(
  clients: ArmClients,
  location: string | null,
  log: CollectLog,
): Promise<AzureSnapshot['networkWatcher']> {
  if (location === null) return undefined;
  const listed = await log.call('list Network Watchers in the subscription', async (options) => {
    const found: { id?: string; location?: string }[] = [];
    for await (const item of clients.network.networkWatchers.listAll(options)) found.push(item);
    return found;
  });
  if (listed.kind === 'err') return undefined;
  const watcher = listed.value.find((item) => sameLocation(item.location, location));
  return { location, id: watcher?.id ?? null };
}

async function ipFlowVerify(
  clients: ArmClients,
  snapshot: AzureSnapshot,
  watcher: AzureSnapshot['networkWatcher'],
  request: CollectRequest,
  log: CollectLog,
  forbidden: AzureForbidden[],
): Promise<AzureSnapshot['ipFlowVerify'][number] | null> {
  const operation = 'IP flow verify (Network Watcher)';
  const vm = snapshot.vm;
  const nic = snapshot.nics.find((n) => n.primary === true) ?? snapshot.nics[0];
  const config = nic?.ipConfigurations.find((c) => c.primary === true) ?? nic?.ipConfigurations[0];
  if (vm === null || vm.id === null || nic === undefined || config?.privateIp == null) {
    log.skip(operation, 'the VM has no NIC with a private IP in the data read.');
    return null;
  }
  if (request.sourceIp === null) {
    log.skip(operation, 'your public IP is not known: give --source-ip (the address Azure sees you come from).');
    return null;
  }
  if (watcher === undefined || watcher.id === null) {
    log.skip(operation, `there is no Network Watcher in ${vm.location ?? "the VM's region"}.`);
    return null;
  }
  const port = backendPortFor(snapshot, nic.id, request.dialled.port);
  const local = `${config.privateIp}:${port}`;
  const remote = `${request.sourceIp}:${CLIENT_PORT}`;
  const input = `ARM IP flow verify ${remote} → ${local}`;
  const called = await log.call(operation, (options) =>
    clients.network.networkWatchers
      .verifyIPFlow(
        resourceGroupOf(watcher.id ?? '') ?? '',
        resourceName(watcher.id ?? ''),
        {
          targetResourceId: vm.id ?? '',
          targetNicResourceId: nic.id,
          direction: 'Inbound',
          protocol: 'TCP',
          localIPAddress: config.privateIp ?? '',
          localPort: String(port),
          remoteIPAddress: request.sourceIp ?? '',
          remotePort: CLIENT_PORT,
        },
        { ...options, updateIntervalInMs: pollMs(clients) },
      )
      .pollUntilDone({ abortSignal: options.abortSignal }),
  );
  if (called.kind === 'err') {
    const refused = forbiddenOf(input, called.failure);
    if (refused !== null) forbidden.push({ ...refused, operation: 'ip-flow-verify' });
    return null;
  }
  const result = parseIpFlowVerify(plainJson(called.value), input);
  if (result.kind === 'err') return null;
  return { input, result: result.value, flow: { direction: 'Inbound', protocol: 'TCP', local, remote } };
}

/** The VM-side port of the dialled port: a NAT rule's backend port when one maps it, else the port itself. */
function backendPortFor(snapshot: AzureSnapshot, nicId: string, port: number): number {
  for (const lb of snapshot.loadBalancers) {
    for (const rule of lb.inboundNatRules) {
      const toNic =
        rule.backendIpConfigurationId !== null &&
        sameResourceId(parentResourceId(rule.backendIpConfigurationId), nicId);
      if (toNic && rule.frontendPort === port && rule.backendPort !== null) return rule.backendPort;
    }
  }
  return port;
}

async function readChanges(
  clients: ArmClients,
  resources: readonly string[],
  since: Date,
  until: Date,
  log: CollectLog,
): Promise<AzureSnapshot['changes'] | null> {
  const groups = idsOf(resources.map(resourceGroupOf));
  const events: unknown[] = [];
  let anyRead = false;
  for (const group of groups) {
    const filter = `eventTimestamp ge '${since.toISOString()}' and eventTimestamp le '${until.toISOString()}' and resourceGroupName eq '${group}'`;
    const listed = await log.call(`read the Activity Log of resource group ${group}`, async (options) => {
      const found: unknown[] = [];
      const select = 'eventTimestamp,operationName,status,caller,resourceId,correlationId';
      for await (const event of clients.monitor.activityLogs.list(filter, { ...options, select })) {
        found.push(event);
        if (found.length >= 2000) break;
      }
      return found;
    });
    if (listed.kind === 'ok') {
      anyRead = true;
      events.push(...listed.value);
    }
  }
  return anyRead ? readActivityLog(events, resources) : null;
}
