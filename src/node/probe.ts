import { arch, release } from 'node:os';
import type { AzureSnapshot } from '../core/azure/snapshot-schema.js';
import { diagnose } from '../core/diagnosis.js';
import type { Report } from '../core/report-schema.js';
import { SCHEMA_VERSION } from '../core/schema-version.js';
import type { Target } from '../core/target.js';
import { TOOL_VERSION } from '../version.js';
import type { DnsEndpoint } from './dns/endpoint.js';
import { buildPlan } from './plan.js';
import { deriveDeadline, type RunProgress, runPlan } from './runner/runner.js';

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
  /** The client's address as Azure sees it (`--source-ip`). */
  readonly sourceIp?: string | null;
}

/** The default per-check timeout: long enough for a far region, short enough to wait for. */
export const DEFAULT_TIMEOUT_MS = 4000;

/** What the run's deadline will be for a request, so the CLI and UI can show it up front. */
export function deadlineFor(request: ProbeRequest): number {
  return deriveDeadline(buildPlan(request), request.timeoutMs);
}

/**
 * Probes a target: plans the checks, runs them with progress, diagnoses, and returns the report. Never
 * throws for network outcomes; a cancelled run still returns a report of what finished.
 */
export async function runProbe(
  request: ProbeRequest,
  hooks: { readonly signal?: AbortSignal; readonly onProgress?: (event: RunProgress) => void } = {},
): Promise<Report> {
  const plan = buildPlan(request);
  const deadlineMs = deriveDeadline(plan, request.timeoutMs);
  const outcome = await runPlan(plan, {
    target: request.target,
    timeoutMs: request.timeoutMs,
    deadlineMs,
    ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
    ...(hooks.onProgress === undefined ? {} : { onProgress: hooks.onProgress }),
  });
  const { findings, verdict } = diagnose({
    target: request.target,
    checks: outcome.results,
    expectIp: request.expectIp,
    expectedHostName: request.expectName,
    azureSnapshot: request.azureSnapshot ?? null,
    sourceIp: request.sourceIp ?? null,
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
    plan: plan.map((c) => ({ id: c.id, path: c.path, title: c.title, needs: [...c.needs] })),
    ...(request.azureSnapshot ? { azure: request.azureSnapshot } : {}),
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
