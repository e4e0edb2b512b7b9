import { randomUUID } from 'node:crypto';
import {
  type EventChannels,
  INVOKE_REQUEST_SCHEMAS,
  type InvokeChannels,
  type ProbeStartRequest,
  type ProbeStartResponse,
  type RdpProbeApi,
} from '../api.js';
import { ipFamily, isHostname } from '../core/address.js';
import { parseClientErrorCode } from '../core/client-error-codes.js';
import { validateRoutingToken } from '../core/rdp/x224-request.js';
import { parseRdpFile } from '../core/rdp-file.js';
import type { Report } from '../core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { parseTarget, type Target } from '../core/target.js';
import { createBundleActions, type FileDialogs } from './bundle/bundle-actions.js';
import { type DnsEndpoint, parseDnsEndpoint } from './dns/endpoint.js';
import { buildPlan, planEntries } from './plan.js';
import { deadlineFor, type ProbeRequest, runProbe } from './probe.js';
import type { ProxyOptions } from './proxy/discover-proxies.js';
import type { ProxySource } from './proxy/proxy-source.js';
import { parseReportJson } from './report-file.js';

/** The engine behind the UI, in-process. main/ wraps it in IPC handlers; tests call it directly. */
export interface EngineApi extends RdpProbeApi {
  /** Cancels every run and drops listeners (window closed, test finished). */
  dispose(): void;
}

/** What the engine is given besides the dialogs. */
export interface EngineOptions {
  /**
   * A proxy source after the environment and the OS's settings: main's `session.resolveProxy` (see
   * `pacAnswerSource`); tests pass a fake one.
   */
  readonly proxySource?: ProxySource;
}

/** How many finished reports the engine keeps for `bundle:export` (the renderer only names a run id). */
const KEPT_REPORTS = 16;

/**
 * Creates the engine API. Every request is validated against the contract's schemas first: over IPC the
 * sender is untrusted, so a malformed message is answered as bad input, never acted on. `dialogs` are
 * main's native file dialogs (tests pass temp paths); without them the bundle channels answer that
 * they need the desktop app. Every probe discovers proxies as the CLI does (environment, OS settings,
 * then `options.proxySource`) and tunnels through each one found.
 */
export function createEngineApi(dialogs?: FileDialogs, options: EngineOptions = {}): EngineApi {
  const proxy: ProxyOptions = {
    proxies: [],
    pac: null,
    env: process.env,
    osSettings: true,
    external: true,
    extraSources: options.proxySource === undefined ? [] : [options.proxySource],
  };
  const runs = new Map<string, AbortController>();
  const reports = new Map<string, Report>();
  const keep = (runId: string, report: Report) => {
    reports.set(runId, report);
    for (const old of reports.keys()) {
      if (reports.size <= KEPT_REPORTS) break;
      reports.delete(old);
    }
  };
  const bundles = createBundleActions(dialogs, (runId) => reports.get(runId));
  const listeners: { [K in keyof EventChannels]: Set<(payload: EventChannels[K]) => void> } = {
    'probe:progress': new Set(),
    'probe:finished': new Set(),
    'shell:open-target': new Set(),
  };
  const emit = <K extends keyof EventChannels>(channel: K, payload: EventChannels[K]) => {
    for (const listener of listeners[channel]) listener(payload);
  };

  const handlers: {
    [K in keyof InvokeChannels]: (request: InvokeChannels[K]['request']) => Promise<InvokeChannels[K]['response']>;
  } = {
    'probe:start': async (request) => start(request),
    'probe:cancel': async ({ runId }) => {
      const run = runs.get(runId);
      if (run === undefined) return { kind: 'unknown-run' };
      run.abort(new Error('cancelled'));
      return { kind: 'cancelled' };
    },
    'report:parse': async ({ name, text }) => parseReportJson(text, name),
    'bundle:export': bundles.export,
    'bundle:open': bundles.open,
    'bundle:compare': bundles.compare,
  };

  function start(request: ProbeStartRequest): ProbeStartResponse {
    const parsed = toProbeRequest(request);
    if (parsed.kind === 'err') return { kind: 'invalid', error: parsed.error };
    const probe: ProbeRequest = { ...parsed.value, proxy };
    const runId = `run-${randomUUID()}`;
    const controller = new AbortController();
    runs.set(runId, controller);
    void runProbe(probe, {
      signal: controller.signal,
      onProgress: (progress) => emit('probe:progress', { runId, progress }),
    })
      .then((report) => {
        keep(runId, report);
        emit('probe:finished', { runId, report });
      })
      .finally(() => runs.delete(runId));
    const plan = planEntries(buildPlan(probe));
    return { kind: 'started', runId, deadlineMs: deadlineFor(probe), plan };
  }

  // What a malformed request is answered with, per channel.
  const invalid: { [K in keyof InvokeChannels]: (error: InputError) => InvokeChannels[K]['response'] } = {
    'probe:start': (error) => ({ kind: 'invalid', error }),
    'probe:cancel': () => ({ kind: 'unknown-run' }),
    'report:parse': (error) => err(error),
    'bundle:export': (error) => ({ kind: 'invalid', error }),
    'bundle:open': (error) => ({ kind: 'invalid', error }),
    'bundle:compare': (error) => ({ kind: 'invalid', error }),
  };

  return {
    async invoke<K extends keyof InvokeChannels>(channel: K, request: InvokeChannels[K]['request']) {
      const parsed = INVOKE_REQUEST_SCHEMAS[channel].safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.join('.') || 'top level';
        return invalid[channel](
          inputError(channel, `${channel}: malformed request at ${where} (${issue?.message ?? 'invalid'}).`),
        );
      }
      return handlers[channel](parsed.data as InvokeChannels[K]['request']);
    },
    on(channel, listener) {
      const set = listeners[channel] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    dispose() {
      for (const run of runs.values()) run.abort(new Error('cancelled'));
      runs.clear();
      reports.clear();
      listeners['probe:progress'].clear();
      listeners['probe:finished'].clear();
      listeners['shell:open-target'].clear();
    },
  };
}

/** Validates what the UI sent exactly as the CLI validates its arguments. */
function toProbeRequest(request: ProbeStartRequest): Result<ProbeRequest, InputError> {
  const port = request.port ?? undefined;
  let target: Result<Target, InputError>;
  if (request.target.kind === 'text') target = parseTarget(request.target.text, port);
  else {
    const bytes = Uint8Array.from(Buffer.from(request.target.contentBase64, 'base64'));
    target = parseRdpFile(bytes, request.target.name, port);
  }
  if (target.kind === 'err') return target;
  if (request.expectIp !== null && ipFamily(request.expectIp) === 0) {
    return err(
      inputError('expected IP', `expected IP: "${request.expectIp}" is not an IP address; expected e.g. 203.0.113.10.`),
    );
  }
  if (request.expectName !== null && !isHostname(request.expectName)) {
    return err(
      inputError(
        'expected computer name',
        `expected computer name: "${request.expectName}" is not a computer or host name; expected e.g. WIN-VM01.`,
      ),
    );
  }
  if (request.routingToken !== null) {
    const valid = validateRoutingToken(request.routingToken);
    if (valid.kind === 'err') return valid;
  }
  const clientText = request.clientError ?? null;
  const clientErrorCode = clientText === null || clientText.trim() === '' ? null : parseClientErrorCode(clientText);
  if (clientText !== null && clientText.trim() !== '' && clientErrorCode === null) {
    return err(
      inputError(
        'error code',
        `error code: "${clientText}" is not an error code; expected it as your RDP client shows it, e.g. 0x204.`,
      ),
    );
  }
  const nameservers: DnsEndpoint[] = [];
  for (const text of request.nameservers) {
    const endpoint = parseDnsEndpoint(text, 'nameserver');
    if (endpoint.kind === 'err') return endpoint;
    nameservers.push(endpoint.value);
  }
  return ok({
    target: target.value,
    timeoutMs: request.timeoutMs,
    quick: request.quick,
    expectIp: request.expectIp,
    nameservers: nameservers.length > 0 ? nameservers : null,
    routingToken: request.routingToken,
    expectName: request.expectName,
    clientErrorCode,
  });
}
