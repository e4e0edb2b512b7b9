import { arch, release } from 'node:os';
import type { AzureSnapshot } from '../core/azure/snapshot-schema.js';
import type { AzureVmLocator } from '../core/azure/vm-locator.js';
import { diagnose } from '../core/diagnosis.js';
import type { Report } from '../core/report-schema.js';
import { SCHEMA_VERSION } from '../core/schema-version.js';
import type { Target } from '../core/target.js';
import { TOOL_VERSION } from '../version.js';
import type { ArmConnection } from './azure/live/arm-clients.js';
import type { AzureLivePlan } from './checks/azure-collect-check.js';
import type { TlsInspectionPlan } from './checks/tls-inspection-check.js';
import type { DnsEndpoint } from './dns/endpoint.js';
import { buildPlan, planEntries } from './plan.js';
import { discoverProxies, type ProxyOptions, proxySources } from './proxy/discover-proxies.js';
import { CHECK_GRACE_MS, deriveDeadline, type RunProgress, runPlan } from './runner/runner.js';

/** Everything a probe run needs; validated before it gets here (CLI arguments, IPC messages). */
export interface ProbeRequest {
  readonly target: Target;
  /** Per-check timeout. */
  readonly timeoutMs: number;
  readonly quick: boolean;
  readonly expectIp: string | null;
  readonly nameservers: readonly DnsEndpoint[] | null;
  readonly hostsFile?: string;
  /** A load-balancer routing token to send instead of the neutral cookie (validated). */
  readonly routingToken: string | null;
  /** The computer name the user expects to reach; another name answering is `rdp.wrong-host`. */
  readonly expectName: string | null;
  /** The Azure side, read from files (`--azure-snapshot`); absent when not given. */
  readonly azureSnapshot?: AzureSnapshot | null;
  /** The Azure side, read live from Resource Manager while probing; absent: not read. */
  readonly azureLive?: AzureLiveRequest | null;
  /** The client's address as Azure sees it (`--source-ip`). */
  readonly sourceIp?: string | null;
  /** The error code the user's RDP client showed. */
  readonly clientErrorCode?: number | null;
  /** Proxy discovery and a tunnel per proxy found; absent: no proxy checks. */
  readonly proxy?: ProxyOptions | null;
  /** Ports `tcp.ports` tries beside the RDP port (`--ports`); absent: no port matrix. */
  readonly ports?: readonly number[] | null;
  /** `tls.inspection` (opt-in: `--tls-endpoint`, `--check-tls-inspection`); absent: not run. */
  readonly tls?: TlsInspectionPlan | null;
}

/** What a live Azure collection needs: where and as whom, which VM, and its budget. */
export interface AzureLiveRequest {
  readonly connection: ArmConnection;
  readonly locator: AzureVmLocator;
  readonly timeoutMs: number;
}

/** The live collection's plan entry; the snapshot it produces reaches `sink`. */
function azurePlan(request: ProbeRequest, sink: (snapshot: AzureSnapshot) => void): AzureLivePlan | null {
  const live = request.azureLive;
  if (!live) return null;
  return { ...live, sourceIp: request.sourceIp ?? null, onSnapshot: sink };
}

/** The default per-check timeout: long enough for a far region, short enough to wait for. */
export const DEFAULT_TIMEOUT_MS = 4000;

/** What the run's deadline will be for a request, so the CLI and UI can show it up front. */
export function deadlineFor(request: ProbeRequest): number {
  // One stand-in proxy: proxies are tunnelled in parallel, so their number does not change the deadline.
  const discovery = request.proxy ? STAND_IN_DISCOVERY : null;
  const plan = buildPlan({
    ...request,
    edge: { discovery, ports: request.ports ?? null, tls: request.tls ?? null },
    azure: azurePlan(request, () => {}),
  });
  return deriveDeadline(plan, request.timeoutMs) + discoveryBudget(request);
}

/** Proxy discovery runs before the plan (the plan needs its proxies), bounded by one check timeout. */
function discoveryBudget(request: ProbeRequest): number {
  return request.proxy ? request.timeoutMs + CHECK_GRACE_MS : 0;
}

const STAND_IN_DISCOVERY = {
  proxies: [{ proxy: { scheme: 'http', host: 'proxy', port: 8080, username: null, password: null }, source: 'option' }],
  evidence: {
    kind: 'proxy.discover',
    url: '',
    sources: [],
    proxies: [],
    decision: { via: 'direct', proxy: null, source: null, reason: '' },
    thirdParties: [],
    durationMs: 0,
  },
} as const satisfies NonNullable<Parameters<typeof buildPlan>[0]['edge']>['discovery'];

/**
 * Probes a target: plans the checks, runs them with progress, diagnoses, and returns the report. Never
 * throws for network outcomes; a cancelled run still returns a report of what finished.
 */
export async function runProbe(
  request: ProbeRequest,
  hooks: { readonly signal?: AbortSignal; readonly onProgress?: (event: RunProgress) => void } = {},
): Promise<Report> {
  const discovery = request.proxy
    ? await discoverProxies(proxySources(request.proxy), request.target, {
        timeoutMs: request.timeoutMs,
        signal: hooks.signal ?? new AbortController().signal,
        external: request.proxy.external,
      })
    : null;
  let liveSnapshot: AzureSnapshot | null = null;
  const plan = buildPlan({
    ...request,
    edge: { discovery, ports: request.ports ?? null, tls: request.tls ?? null },
    azure: azurePlan(request, (snapshot) => {
      liveSnapshot = snapshot;
    }),
  });
  const planDeadlineMs = deriveDeadline(plan, request.timeoutMs);
  const deadlineMs = planDeadlineMs + discoveryBudget(request);
  const outcome = await runPlan(plan, {
    target: request.target,
    timeoutMs: request.timeoutMs,
    deadlineMs: planDeadlineMs,
    ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
    ...(hooks.onProgress === undefined ? {} : { onProgress: hooks.onProgress }),
  });
  const azureSnapshot: AzureSnapshot | null = liveSnapshot ?? request.azureSnapshot ?? null;
  const { findings, verdict } = diagnose({
    target: request.target,
    checks: outcome.results,
    expectIp: request.expectIp,
    expectedHostName: request.expectName,
    azureSnapshot,
    sourceIp: request.sourceIp ?? null,
    clientErrorCode: request.clientErrorCode ?? null,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'rdp-probe', version: TOOL_VERSION },
    platform: { os: process.platform, release: release(), arch: arch(), node: process.versions.node },
    target: request.target,
    options: {
      timeoutMs: request.timeoutMs,
      deadlineMs,
      quick: request.quick,
      expectIp: request.expectIp,
      expectName: request.expectName,
      sourceIp: request.sourceIp ?? null,
      nameservers: request.nameservers?.map((n) => n.label) ?? [],
    },
    plan: planEntries(plan),
    ...(azureSnapshot ? { azure: azureSnapshot } : {}),
    checks: outcome.results,
    findings,
    verdict,
    run: {
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      durationMs: outcome.durationMs,
      ended: outcome.ended,
    },
  };
}
