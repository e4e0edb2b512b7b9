import { filterActivityLog } from './activity-log.js';
import {
  type ArmErrorAnswer,
  authorizationFailedError,
  badRequestError,
  defaultActionError,
  invalidResourceTypeError,
  invalidTokenError,
  methodNotAllowedError,
  missingApiVersionError,
  missingTokenError,
  resourceGroupNotFoundError,
  resourceNotFoundError,
  subscriptionNotFoundError,
} from './arm-errors.js';
import { isRecord } from './examples.js';
import type { LroTable } from './lro.js';
import { idKey, type ParsedPath, parsePath } from './resource-path.js';
import type { ResourceStore } from './store.js';
import type { ActionAnswer, ActionHandler } from './types.js';

/** What the router answers with. */
export interface RouteAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request as the router sees it. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly apiVersion: string | null;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** The emulator's mutable state the router reads. */
export interface EmulatorState {
  readonly store: ResourceStore;
  readonly lro: LroTable;
  readonly handlers: Map<string, ActionHandler>;
  readonly forbidden: { readonly match: string | RegExp; readonly action: string }[];
  activityLog: readonly unknown[];
}

/** Types whose lists answer `{ value: [] }` even when nothing of the type is stored (ARM knows them). */
const KNOWN_TYPES = new Set(
  [
    'Microsoft.Resources/subscriptions',
    'Microsoft.Resources/resourceGroups',
    'Microsoft.Resources/tenants',
    'Microsoft.Compute/virtualMachines',
    'Microsoft.Compute/virtualMachines/extensions',
    'Microsoft.Compute/virtualMachines/runCommands',
    'Microsoft.Network/networkInterfaces',
    'Microsoft.Network/networkInterfaces/ipConfigurations',
    'Microsoft.Network/networkSecurityGroups',
    'Microsoft.Network/networkSecurityGroups/securityRules',
    'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
    'Microsoft.Network/publicIPAddresses',
    'Microsoft.Network/loadBalancers',
    'Microsoft.Network/loadBalancers/inboundNatRules',
    'Microsoft.Network/loadBalancers/frontendIPConfigurations',
    'Microsoft.Network/loadBalancers/loadBalancingRules',
    'Microsoft.Network/loadBalancers/backendAddressPools',
    'Microsoft.Network/virtualNetworks',
    'Microsoft.Network/virtualNetworks/subnets',
    'Microsoft.Network/networkWatchers',
    'Microsoft.Network/applicationSecurityGroups',
    'Microsoft.Network/routeTables',
  ].map((type) => type.toLowerCase()),
);

/** Defender for Cloud's Just-In-Time policies of a resource group (`az security jit-policy list -g`). */
const JIT_POLICIES =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/microsoft\.security\/jitNetworkAccessPolicies$/i;
const ACTIVITY_LOG = /^\/subscriptions\/[^/]+\/providers\/microsoft\.insights\/eventtypes\/management\/values$/i;

function error(answer: ArmErrorAnswer): RouteAnswer {
  return answer;
}

function forbiddenAction(state: EmulatorState, path: string): string | undefined {
  for (const { match, action } of state.forbidden) {
    if (typeof match === 'string') {
      if (path.toLowerCase().includes(match.toLowerCase())) return action;
    } else {
      match.lastIndex = 0;
      if (match.test(path)) return action;
    }
  }
  return undefined;
}

function withInstanceView(
  state: EmulatorState,
  parsed: ParsedPath,
  body: unknown,
  expand: string | undefined,
): unknown {
  const copy = structuredClone(body);
  const isVm = parsed.type?.toLowerCase() === 'microsoft.compute/virtualmachines' && parsed.shape === 'resource';
  if (!isVm || !(expand ?? '').toLowerCase().includes('instanceview') || !isRecord(copy)) return copy;
  const view = state.store.find(`${parsed.key}/instanceView`);
  if (view !== undefined) {
    const properties = isRecord(copy.properties) ? copy.properties : {};
    copy.properties = { ...properties, instanceView: structuredClone(view) };
  }
  return copy;
}

function tenants(state: EmulatorState): RouteAnswer {
  const ids = new Set<string>();
  for (const subscription of state.store.children('/subscriptions') ?? []) {
    if (isRecord(subscription) && typeof subscription.tenantId === 'string') ids.add(subscription.tenantId);
  }
  const value = [...ids].map((tenantId) => ({ id: `/tenants/${tenantId}`, tenantId, tenantCategory: 'Home' }));
  return { status: 200, body: { value } };
}

function notFound(parsed: ParsedPath, apiVersion: string): RouteAnswer {
  if (parsed.shape === 'resource') {
    if (parsed.type === 'Microsoft.Resources/subscriptions')
      return error(subscriptionNotFoundError(parsed.typeAndName ?? ''));
    if (parsed.type === 'Microsoft.Resources/resourceGroups')
      return error(resourceGroupNotFoundError(parsed.typeAndName ?? ''));
    return error(resourceNotFoundError(parsed.typeAndName ?? parsed.key, parsed.resourceGroup));
  }
  if (parsed.type !== undefined && parsed.namespace !== undefined) {
    return error(
      invalidResourceTypeError(parsed.type.slice(parsed.namespace.length + 1), parsed.namespace, apiVersion),
    );
  }
  return error(invalidResourceTypeError(parsed.segments.join('/'), parsed.segments[0] ?? '', apiVersion));
}

function get(state: EmulatorState, request: RouteRequest, apiVersion: string): RouteAnswer {
  const { path } = request;
  const operation = state.lro.answer(path);
  if (operation !== undefined) return operation;
  if (ACTIVITY_LOG.test(path)) {
    const result = filterActivityLog(state.activityLog, request.query.$filter);
    if (result.kind === 'bad-filter') return error(badRequestError(result.message));
    return { status: 200, body: { value: result.events } };
  }
  const jit = JIT_POLICIES.exec(path);
  if (jit !== null) {
    // Policies live under locations/<region>/; the resource-group list gathers every region's.
    const [, subscription = '', group = ''] = jit;
    const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const member = new RegExp(
      `^/subscriptions/${escapeRegExp(subscription)}/resourceGroups/${escapeRegExp(group)}/providers/Microsoft\\.Security/locations/[^/]+/jitNetworkAccessPolicies/[^/]+$`,
      'i',
    );
    return { status: 200, body: { value: state.store.matching(member) } };
  }
  const parsed = parsePath(path);
  if (parsed.type === 'Microsoft.Resources/tenants') return tenants(state);
  const found = state.store.find(path);
  if (found !== undefined) return { status: 200, body: withInstanceView(state, parsed, found, request.query.$expand) };
  if (parsed.shape === 'collection' && parsed.type !== undefined) {
    const acrossSubscription =
      parsed.subscriptionId !== undefined && parsed.resourceGroup === undefined && parsed.segments.length === 5;
    const members = acrossSubscription
      ? state.store.ofTypeInSubscription(parsed.subscriptionId ?? '', parsed.type)
      : state.store.children(path);
    const known = KNOWN_TYPES.has(parsed.type.toLowerCase()) || state.store.hasType(parsed.type);
    if ((members !== undefined && members.length > 0) || known) {
      return { status: 200, body: { value: structuredClone(members ?? []) } };
    }
  }
  return notFound(parsed, apiVersion);
}

function actionAnswer(
  state: EmulatorState,
  answer: ActionAnswer,
  resourceId: string,
  operation: string,
  apiVersion: string,
): RouteAnswer {
  const location = (() => {
    const resource = state.store.find(resourceId);
    return isRecord(resource) ? resource.location : undefined;
  })();
  switch (answer.status) {
    case 200:
      return { status: 200, body: answer.body };
    case 'lro':
      return state.lro.start(resourceId, location, apiVersion, answer.polls ?? 1, {
        kind: 'succeeded',
        body: answer.body,
      });
    case 'lro-failed':
      return state.lro.start(resourceId, location, apiVersion, answer.polls ?? 1, {
        kind: 'failed',
        error: answer.error,
      });
    default:
      return answer.body !== undefined
        ? { status: answer.status, body: answer.body }
        : error(defaultActionError(answer.status, operation, resourceId));
  }
}

async function post(state: EmulatorState, request: RouteRequest, apiVersion: string): Promise<RouteAnswer> {
  const slash = request.path.lastIndexOf('/');
  const resourceId = request.path.slice(0, slash);
  const action = request.path.slice(slash + 1);
  const parsed = parsePath(resourceId);
  const operation = `${parsed.type ?? 'Microsoft.Resources'}/${action}/action`;
  const handler = state.handlers.get(actionKey(resourceId, action));
  if (handler !== undefined) {
    try {
      return actionAnswer(state, await handler(request.body), resourceId, operation, apiVersion);
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      return {
        status: 500,
        body: { error: { code: 'InternalServerError', message: `Action handler failed: ${message}` } },
      };
    }
  }
  if (state.store.find(resourceId) === undefined) return notFound(parsed, apiVersion);
  const namespace = parsed.namespace ?? 'Microsoft.Resources';
  const type = `${(parsed.type ?? namespace).slice(namespace.length + 1)}/${action}`;
  return error(invalidResourceTypeError(type, namespace, apiVersion));
}

/** The handler key for an action on a resource (case-insensitive). */
export function actionKey(resourceId: string, action: string): string {
  return `${idKey(resourceId)}|${action.toLowerCase()}`;
}

/** The one write the emulator accepts: a VM extension (VMAccess's Remote Desktop reset), on a stored VM. */
const VM_EXTENSION =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+)\/extensions\/[^/]+$/i;

function put(state: EmulatorState, request: RouteRequest): RouteAnswer {
  const extension = VM_EXTENSION.exec(request.path);
  if (extension === null) return error(methodNotAllowedError(request.method, request.path));
  if (state.store.find(extension[1] ?? '') === undefined)
    return notFound(parsePath(extension[1] ?? ''), request.apiVersion ?? '');
  const body = isRecord(request.body) ? request.body : {};
  const properties = isRecord(body.properties) ? body.properties : {};
  const stored = {
    ...body,
    id: request.path,
    name: request.path.slice(request.path.lastIndexOf('/') + 1),
    type: 'Microsoft.Compute/virtualMachines/extensions',
    properties: { ...properties, provisioningState: 'Succeeded' },
  };
  state.store.put(request.path, stored);
  return { status: 200, body: stored };
}

/**
 * Answers one request the way ARM would: authentication (401), api-version (400), forbidden paths (403),
 * LRO polling URLs, the activity log, stored resources and lists (GET), actions (POST); 404 otherwise.
 */
export async function route(state: EmulatorState, request: RouteRequest): Promise<RouteAnswer> {
  if (request.authorization === undefined || request.authorization === '') return error(missingTokenError());
  if (!/^Bearer\s+\S+/i.test(request.authorization)) return error(invalidTokenError());
  if (request.apiVersion === null || request.apiVersion === '') return error(missingApiVersionError());
  const forbidden = forbiddenAction(state, request.path);
  if (forbidden !== undefined) {
    const scope = request.method === 'POST' ? request.path.slice(0, request.path.lastIndexOf('/')) : request.path;
    return error(authorizationFailedError(forbidden, scope));
  }
  switch (request.method) {
    case 'GET':
      return get(state, request, request.apiVersion);
    case 'POST':
      return post(state, request, request.apiVersion);
    case 'PUT':
      return put(state, request);
    default:
      return error(methodNotAllowedError(request.method, request.path));
  }
}
