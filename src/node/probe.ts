import { arch, release } from 'node:os';
import type { AzureSnapshot } from '../core/azure/snapshot-schema.js';
import type { AzureVmLocator } from '../core/azure/vm-locator.js';
import { diagnose } from '../core/diagnosis.js';
import { clientIpOf } from '../core/egress/egress-answer.js';
import { DIRECT_PATH } from '../core/ids.js';
import type { BindPath } from '../core/paths/bind-paths.js';
import type { PlanEntry, Report } from '../core/report-schema.js';
import { SCHEMA_VERSION } from '../core/schema-version.js';
import type { Target } from '../core/target.js';
import type { VmChecks } from '../core/vm-checks/vm-check-schema.js';
import { TOOL_VERSION } from '../version.js';
import type { ArmConnection } from './azure/live/arm-clients.js';
import type { VmChecksConsent } from './azure/live/run-vm-checks.js';
import type { AzureLivePlan } from './checks/azure-collect-check.js';
import type { EgressOptions } from './checks/egress-ip-check.js';
import type { TlsInspectionPlan } from './checks/tls-inspection-check.js';
import type { VmChecksPlan } from './checks/vm-checks-check.js';
import type { DnsEndpoint } from './dns/endpoint.js';
import { buildPlan, planEntries } from './plan.js';
import { discoverProxies, type ProxyOptions, proxySources } from './proxy/discover-proxies.js';
import { CHECK_GRACE_MS, deriveDeadline, type RunProgress, runPlan } from './runner/runner.js';
import type { CheckScript } from './vm-checks/check-script.js';

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
  /** check-rdp.ps1 run on the VM with Run Command, with the user's consent; needs `azureLive`. */
  readonly vmChecksLive?: VmChecksLiveRequest | null;
  /** check-rdp.ps1's output an admin ran by hand and sent back (`--vm-checks-output`). */
  readonly vmChecks?: VmChecks | null;
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
  /**
   * `egress.ip`: how to find the address Azure sees (third parties, off with `external: false`); absent:
   * not planned. With `quick` it runs only when an Azure side is read, which needs the address.
   */
  readonly egress?: EgressOptions | null;
  /** Local addresses to probe from besides the default route (`--bind`, `--interface`), validated. */
  readonly binds?: readonly BindPath[] | null;
}

/** What a live Azure collection needs: where and as whom, which VM, and its budget. */
export interface AzureLiveRequest {
  readonly connection: ArmConnection;
  readonly locator: AzureVmLocator;
  readonly timeoutMs: number;
}

/** Running the check script on the VM: the script as shown, the user's consent to it, and the wait. */
export interface VmChecksLiveRequest {
  readonly script: CheckScript;
  readonly consent: VmChecksConsent;
  readonly timeoutMs: number;
}

/** The VM checks' plan entry (after the live collection, which finds the VM); the result reaches `sink`. */
function vmChecksPlan(
  request: ProbeRequest,
  snapshot: () => AzureSnapshot | null,
  sink: (checks: VmChecks) => void,
): VmChecksPlan | null {
  const live = request.vmChecksLive;
  if (!live || !request.azureLive) return null;
  return { ...live, connection: request.azureLive.connection, snapshot, onChecks: sink };
}

/** The live collection's plan entry; the snapshot it produces reaches `sink`. */
function azurePlan(request: ProbeRequest, sink: (snapshot: AzureSnapshot) => void): AzureLivePlan | null {
  const live = request.azureLive;
  if (!live) return null;
  return { ...live, sourceIp: request.sourceIp ?? null, onSnapshot: sink };
}

/** The egress check's plan entry: none without options, nor in a quick run that reads no Azure side. */
function egressPlan(request: ProbeRequest): (EgressOptions & { readonly sourceIp: string | null }) | null {
  const egress = request.egress;
  if (!egress) return null;
  if (request.quick && !request.azureSnapshot && !request.azureLive) return null;
  return { ...egress, sourceIp: request.sourceIp ?? null };
}

/** The default per-check timeout: long enough for a far region, short enough to wait for. */
export const DEFAULT_TIMEOUT_MS = 4000;

/** What the run's deadline will be for a request, so the CLI and UI can show it up front. */
export function deadlineFor(request: ProbeRequest): number {
  // One stand-in proxy: proxies are tunnelled in parallel, so their number does not change the deadline.
  const discovery = request.proxy ? STAND_IN_DISCOVERY : null;
  const plan = planBeforeRun(request, { discovery, ports: request.ports ?? null, tls: request.tls ?? null });
  return deriveDeadline(plan, request.timeoutMs) + discoveryBudget(request);
}

/**
 * The checks a run will make as far as they are known before it starts, for the UI's live list: every
 * check including `azure.collect`; the proxy paths are added once discovery has found them.
 */
export function plannedChecks(request: ProbeRequest): PlanEntry[] {
  // Proxy paths are not known yet (discovery finds them), the port matrix and TLS inspection are.
  return planEntries(
    planBeforeRun(request, { discovery: null, ports: request.ports ?? null, tls: request.tls ?? null }),
  );
}

/** The plan as far as it is known before a run: nothing collected yet, so the Azure sinks go nowhere. */
function planBeforeRun(request: ProbeRequest, edge: NonNullable<Parameters<typeof buildPlan>[0]['edge']>) {
  return buildPlan({
    ...request,
    edge,
    azure: azurePlan(request, () => {}),
    egress: egressPlan(request),
    vmChecks: vmChecksPlan(
      request,
      () => null,
      () => {},
    ),
  });
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
  let liveVmChecks: VmChecks | null = null;
  const plan = buildPlan({
    ...request,
    edge: { discovery, ports: request.ports ?? null, tls: request.tls ?? null },
    azure: azurePlan(request, (snapshot) => {
      liveSnapshot = snapshot;
    }),
    egress: egressPlan(request),
    vmChecks: vmChecksPlan(
      request,
      () => liveSnapshot,
      (checks) => {
        liveVmChecks = checks;
      },
    ),
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
  const vmChecks: VmChecks | null = liveVmChecks ?? request.vmChecks ?? null;
  // The client address the NSGs are evaluated for: --source-ip, else what egress.ip found.
  const egress = outcome.results.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === 'egress.ip')?.evidence;
  const found = request.sourceIp ? null : clientIpOf(egress?.kind === 'egress.ip' ? egress : undefined);
  const sourceIp = request.sourceIp ?? found?.address ?? null;
  const sourceIpFrom = request.sourceIp ? ('option' as const) : found?.from;
  const { findings, verdict } = diagnose({
    target: request.target,
    checks: outcome.results,
    expectIp: request.expectIp,
    expectedHostName: request.expectName,
    azureSnapshot,
    sourceIp,
    clientErrorCode: request.clientErrorCode ?? null,
    vmChecks,
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
      sourceIp,
      ...(sourceIpFrom === undefined ? {} : { sourceIpFrom }),
      nameservers: request.nameservers?.map((n) => n.label) ?? [],
    },
    plan: planEntries(plan),
    ...(azureSnapshot ? { azure: azureSnapshot } : {}),
    ...(vmChecks ? { vmChecks } : {}),
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
