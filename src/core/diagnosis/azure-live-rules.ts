import { resourceName } from '../azure/resource-id.js';
import type { AzureChange, AzureSnapshot } from '../azure/snapshot-schema.js';
import { makeFinding } from '../findings/make-finding.js';
import { parseIp, parseIpRange, rangeContains } from '../nsg/ip-range.js';
import type { CheckResult, Finding } from '../report-schema.js';
import type { Source } from '../source.js';
import type { Target } from '../target.js';
import { fillAzurePlaceholders } from './azure-commands.js';
import { dialledAddresses, findReach, vmNics } from './azure-reach.js';

/** What the live-collection rules read. */
export interface AzureLiveRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
  readonly snapshot: AzureSnapshot;
  readonly clientIp: string | null;
}

const DAY_MS = 86_400_000;
/** Changes this close to the run are the first suspects when RDP fails. */
const RECENT_MS = DAY_MS;
const LISTED_CHANGES = 5;

function placeOfChange(change: AzureChange): Source {
  const id = change.resourceId.toLowerCase();
  if (id.includes('/networksecuritygroups/')) return 4;
  if (id.includes('/publicipaddresses/') || id.includes('/loadbalancers/')) return 3;
  if (id.includes('/virtualnetworks/') || id.includes('/routetables/')) return 4;
  return 5;
}

function describeChange(change: AzureChange): string {
  const what = change.operationName ?? change.operation;
  const when = `${change.at.slice(0, 16).replace('T', ' ')} UTC`;
  const status = change.status !== null && !/^succeeded$/i.test(change.status) ? ` (${change.status})` : '';
  return `${resourceName(change.resourceId)}: ${what}${status} by ${change.caller ?? 'an unknown caller'} at ${when}`;
}

function rdpWorked(checks: readonly CheckResult[]): boolean {
  return checks.some((c) => c.id === 'rdp.negotiate' && c.path === 'direct' && c.status === 'pass');
}

function recentChangeFindings(input: AzureLiveRulesInput): Finding[] {
  const { snapshot } = input;
  const changes = snapshot.changes ?? [];
  if (changes.length === 0 || snapshot.origin.kind !== 'arm') return [];
  const collectedAt = Date.parse(snapshot.origin.collectedAt);
  const recent = changes.filter((c) => collectedAt - Date.parse(c.at) <= RECENT_MS);
  const failing = !rdpWorked(input.checks);
  const shown = (recent.length > 0 ? recent : changes).slice(0, LISTED_CHANGES);
  const newest = shown[0];
  if (newest === undefined) return [];
  const window = recent.length > 0 ? 'in the 24 hours before this run' : 'in the last days (none in the last 24 hours)';
  const more = changes.length > shown.length ? ` (${changes.length - shown.length} more in the report)` : '';
  const finding = makeFinding('azure.recent-change', {
    detail: `${recent.length > 0 ? recent.length : changes.length} change(s) to the VM's resources ${window}: ${shown.map(describeChange).join('; ')}${more}.`,
    evidence: shown.map((c) => ({ check: 'azure.activity-log', says: describeChange(c) })),
    confidence: recent.length > 0 && failing ? 'medium' : 'low',
    values: {},
    source: placeOfChange(newest),
    // Only a fresh change while RDP fails is worth a warning; older ones, or a working RDP, are context.
    ...(recent.length > 0 && failing ? {} : { severity: 'info' as const }),
  });
  return [fillAzurePlaceholders(finding, { 'resource-group': snapshot.vm?.resourceGroup })];
}

function coversClient(prefixes: readonly string[], clientIp: string | null): boolean {
  if (clientIp === null) return false;
  const ip = parseIp(clientIp);
  if (ip === undefined) return false;
  return prefixes.some((prefix) => {
    const range = parseIpRange(prefix);
    return range !== undefined && !/\/0$/.test(prefix) && rangeContains(range, ip);
  });
}

function asymmetricRouteFindings(input: AzureLiveRulesInput): Finding[] {
  const { snapshot } = input;
  const reach = findReach(snapshot, dialledAddresses(input.target, input.checks), input.target.port);
  if (reach.kind !== 'public-ip' && reach.kind !== 'load-balancer') return [];
  const nicIds = new Set(vmNics(snapshot).map((nic) => nic.id.toLowerCase()));
  for (const table of snapshot.effectiveRoutes ?? []) {
    if (table.nicId !== null && nicIds.size > 0 && !nicIds.has(table.nicId.toLowerCase())) continue;
    const active = table.routes.filter((r) => r.state === null || /^active$/i.test(r.state));
    const defaultRoute = active.find(
      (r) => r.addressPrefixes.some((p) => p === '0.0.0.0/0') && /^virtualappliance$/i.test(r.nextHopType ?? ''),
    );
    if (defaultRoute === undefined) continue;
    const back = active.find(
      (r) => /^internet$/i.test(r.nextHopType ?? '') && coversClient(r.addressPrefixes, input.clientIp),
    );
    if (back !== undefined) continue;
    const appliance = defaultRoute.nextHopIpAddresses.join(', ') || 'a virtual appliance';
    const nicName = table.nicId === null ? null : resourceName(table.nicId);
    const finding = makeFinding('route.asymmetric', {
      detail: `You reach the VM on its public IP ${reach.dialled}, but its ${defaultRoute.source === 'User' ? 'route table' : 'effective routes'} send 0.0.0.0/0 to ${appliance}: the VM's replies to you take that way, not the way your connection came.`,
      evidence: [
        {
          check: 'azure.routes',
          says: `0.0.0.0/0 → VirtualAppliance ${appliance} (${defaultRoute.source ?? 'unknown source'}, ${table.input})`,
        },
      ],
      confidence: 'medium',
      values: {},
    });
    return [
      fillAzurePlaceholders(finding, {
        'resource-group': snapshot.vm?.resourceGroup,
        'nic-name': nicName,
        'client-ip': input.clientIp,
      }),
    ];
  }
  return [];
}

function networkWatcherFindings(snapshot: AzureSnapshot): Finding[] {
  const watcher = snapshot.networkWatcher;
  if (watcher === undefined || watcher.id !== null) return [];
  const finding = makeFinding('nw.unavailable', {
    detail: `The subscription has no Network Watcher in ${watcher.location}, so IP flow verify could not be asked.`,
    evidence: [{ check: 'azure.network-watcher', says: `none in ${watcher.location}` }],
    confidence: 'high',
    values: {},
  });
  return [fillAzurePlaceholders(finding, { region: watcher.location })];
}

function notReadFindings(snapshot: AzureSnapshot): Finding[] {
  const failure = snapshot.collection?.failure ?? null;
  if (failure === null) return [];
  const failed = (snapshot.collection?.steps ?? []).filter((s) => s.status === 'failed' || s.status === 'forbidden');
  return [
    makeFinding('azure.not-read', {
      detail: failure,
      evidence: failed.map((s) => ({
        check: 'azure.collect',
        says: `${s.operation}: ${s.code ?? 'failed'}${s.httpStatus === null ? '' : ` (HTTP ${s.httpStatus})`}${s.detail === null ? '' : `: ${s.detail}`}`,
      })),
      confidence: 'high',
      values: {},
    }),
  ];
}

/**
 * Findings only a live read of Azure can give: the collection failed (`azure.not-read`), something changed in
 * the Activity Log (`azure.recent-change`), replies routed through an appliance (`route.asymmetric`), no
 * Network Watcher in the region (`nw.unavailable`).
 */
export function azureLiveFindings(input: AzureLiveRulesInput): Finding[] {
  return [
    ...notReadFindings(input.snapshot),
    ...recentChangeFindings(input),
    ...asymmetricRouteFindings(input),
    ...networkWatcherFindings(input.snapshot),
  ];
}
