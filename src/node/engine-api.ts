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
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { parseTarget, type Target } from '../core/target.js';
import type { ArmConnection } from './azure/live/arm-clients.js';
import { type AzureChoice, checkAzureRequest } from './azure/live/azure-request.js';
import type { ConnectionChoice } from './azure/live/prepare-connection.js';
import { createBundleActions, type FileDialogs } from './bundle/bundle-actions.js';
import { DEFAULT_AZURE_TIMEOUT_MS } from './checks/azure-collect-check.js';
import { DEFAULT_EXTRA_PORTS } from './checks/tcp-ports-check.js';
import { DEFAULT_TLS_ENDPOINT } from './checks/tls-inspection-check.js';
import { DEFAULT_VM_CHECKS_TIMEOUT_MS } from './checks/vm-checks-check.js';
import { type DnsEndpoint, parseDnsEndpoint } from './dns/endpoint.js';
import { DEFAULT_EGRESS_RESOLVERS, DEFAULT_EGRESS_URL } from './egress/egress-resolvers.js';
import {
  type AzureLiveRequest,
  deadlineFor,
  type ProbeRequest,
  plannedChecks,
  runProbe,
  type VmChecksLiveRequest,
} from './probe.js';
import type { ProxyOptions } from './proxy/discover-proxies.js';
import type { ProxySource } from './proxy/proxy-source.js';
import { parseReportJson } from './report-file.js';
import { readCheckScript } from './vm-checks/check-script.js';
import { createVmActions, type KeptRun } from './vm-checks/vm-actions.js';

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
  /**
   * Builds the Resource Manager connection for a run that reads Azure. Default: `prepareConnection` with the
   * chosen cloud's own endpoint, never another (the renderer cannot name one, so it cannot send the user's
   * token elsewhere). Tests pass one that reaches the ARM emulator with a static credential; main passes none.
   */
  readonly azureConnection?: (choice: ConnectionChoice) => Promise<Result<ArmConnection, InputError>>;
}

/** The cloud's own Resource Manager, signed in as the user chose (the Azure SDK is loaded on first use). */
async function cloudConnection(choice: ConnectionChoice): Promise<Result<ArmConnection, InputError>> {
  const { prepareConnection } = await import('./azure/live/prepare-connection.js');
  return prepareConnection(choice);
}

/**
 * How many finished runs the engine keeps for `bundle:export`, `vm:import-output` and `vm:repair` (the
 * renderer only names a run id); with them the Azure connection of a run that read Azure live.
 */
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
  const kept = new Map<string, KeptRun>();
  const keep = (runId: string, run: KeptRun) => {
    kept.set(runId, run);
    for (const old of kept.keys()) {
      if (kept.size <= KEPT_REPORTS) break;
      kept.delete(old);
    }
  };
  const bundles = createBundleActions(dialogs, (runId) => kept.get(runId)?.report);
  const vm = createVmActions(
    dialogs,
    (runId) => kept.get(runId),
    (runId, report) => {
      const run = kept.get(runId);
      if (run !== undefined) kept.set(runId, { ...run, report });
    },
  );
  const listeners: { [K in keyof EventChannels]: Set<(payload: EventChannels[K]) => void> } = {
    'probe:progress': new Set(),
    'probe:finished': new Set(),
    'shell:open-target': new Set(),
    'azure:device-code': new Set(),
  };
  const emit = <K extends keyof EventChannels>(channel: K, payload: EventChannels[K]) => {
    for (const listener of listeners[channel]) listener(payload);
  };

  const handlers: {
    [K in keyof InvokeChannels]: (request: InvokeChannels[K]['request']) => Promise<InvokeChannels[K]['response']>;
  } = {
    'probe:start': start,
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
    'vm:check-script': vm.checkScript,
    'vm:import-output': vm.importOutput,
    'vm:repair': vm.repair,
  };

  const connect = options.azureConnection ?? cloudConnection;

  /** Signs in as the user chose; device-code instructions go to the renderer as `azure:device-code`. */
  async function azureLive(choice: AzureChoice, runId: string): Promise<Result<AzureLiveRequest, InputError>> {
    const connection = await connect({
      signIn: { ...choice.signIn, onDeviceCode: (message) => emit('azure:device-code', { runId, message }) },
      cloud: choice.cloud,
      armEndpoint: null,
      armCaFile: null,
    });
    if (connection.kind === 'err') {
      // The CLI's option names in prepareConnection's errors become the request's field names.
      const input = connection.error.input === '--azure-client-id' ? 'azure.clientId' : 'azure';
      return err({ ...connection.error, input });
    }
    return ok({ connection: connection.value, locator: choice.locator, timeoutMs: DEFAULT_AZURE_TIMEOUT_MS });
  }

  async function start(request: ProbeStartRequest): Promise<ProbeStartResponse> {
    const parsed = toProbeRequest(request, proxy.env);
    if (parsed.kind === 'err') return { kind: 'invalid', error: parsed.error };
    // Consent is checked before signing in: a refused request starts nothing.
    const consent = await vmChecksConsent(request, parsed.value.azure !== null);
    if (consent.kind === 'err') return { kind: 'invalid', error: consent.error };
    const runId = `run-${randomUUID()}`;
    let live: AzureLiveRequest | null = null;
    if (parsed.value.azure !== null) {
      const made = await azureLive(parsed.value.azure, runId);
      if (made.kind === 'err') return { kind: 'invalid', error: made.error };
      live = made.value;
    }
    const vmChecksLive = live === null ? null : consent.value;
    const probe: ProbeRequest = {
      ...parsed.value.probe,
      azureLive: live,
      vmChecksLive,
      proxy: { ...proxy, external: parsed.value.probe.egress?.external ?? true },
    };
    const controller = new AbortController();
    runs.set(runId, controller);
    void runProbe(probe, {
      signal: controller.signal,
      onProgress: (progress) => emit('probe:progress', { runId, progress }),
    })
      .then((report) => {
        keep(runId, {
          report,
          azure: live,
          vmChecks: vmChecksLive,
          clientErrorCode: parsed.value.probe.clientErrorCode ?? null,
        });
        emit('probe:finished', { runId, report });
      })
      .finally(() => runs.delete(runId));
    return { kind: 'started', runId, deadlineMs: deadlineFor(probe), plan: plannedChecks(probe) };
  }

  // What a malformed request is answered with, per channel.
  const invalid: { [K in keyof InvokeChannels]: (error: InputError) => InvokeChannels[K]['response'] } = {
    'probe:start': (error) => ({ kind: 'invalid', error }),
    'probe:cancel': () => ({ kind: 'unknown-run' }),
    'report:parse': (error) => err(error),
    'bundle:export': (error) => ({ kind: 'invalid', error }),
    'bundle:open': (error) => ({ kind: 'invalid', error }),
    'bundle:compare': (error) => ({ kind: 'invalid', error }),
    'vm:check-script': (error) => ({ kind: 'invalid', error }),
    'vm:import-output': (error) => ({ kind: 'invalid', error }),
    'vm:repair': (error) => ({ kind: 'invalid', error }),
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
      vm.dispose();
      kept.clear();
      listeners['probe:progress'].clear();
      listeners['probe:finished'].clear();
      listeners['shell:open-target'].clear();
      listeners['azure:device-code'].clear();
    },
  };
}

/**
 * The user's consent to run check-rdp.ps1 on the VM, as the probe needs it; null without consent. Refused
 * (naming `vmChecks`) without Azure, which the script runs through, and when the hash is not the shipped
 * script's: consent given for a script other than the one that would run is no consent.
 */
async function vmChecksConsent(
  request: ProbeStartRequest,
  azure: boolean,
): Promise<Result<VmChecksLiveRequest | null, InputError>> {
  const given = request.vmChecks ?? null;
  if (given === null) return ok(null);
  if (!azure) {
    return err(
      inputError(
        'vmChecks',
        'Checking inside the VM runs through Azure Run Command: name the VM in the Azure section too (its resource ID, or its subscription).',
      ),
    );
  }
  const script = await readCheckScript();
  if (given.consentSha256.toLowerCase() !== script.sha256) {
    return err(
      inputError(
        'vmChecks',
        'The check script is not the one you agreed to run (its SHA-256 differs): untick "Also check inside the VM", tick it again and read the script shown.',
      ),
    );
  }
  return ok({ script, consent: { scriptSha256: script.sha256 }, timeoutMs: DEFAULT_VM_CHECKS_TIMEOUT_MS });
}

/**
 * Validates what the UI sent exactly as the CLI validates its arguments. The Azure choices come back apart:
 * signing in (building the credential) waits until the run has an id for its device-code events.
 */
function toProbeRequest(
  request: ProbeStartRequest,
  env: Readonly<Record<string, string | undefined>>,
): Result<{ probe: ProbeRequest; azure: AzureChoice | null }, InputError> {
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
  const sourceIp = request.sourceIp ?? null;
  if (sourceIp !== null && ipFamily(sourceIp) === 0) {
    return err(
      inputError(
        'sourceIp',
        `Your public IP: "${sourceIp}" is not an IP address; expected your address as Azure sees it, e.g. 198.51.100.7.`,
      ),
    );
  }
  let azure: AzureChoice | null = null;
  if (request.azure !== undefined && request.azure !== null) {
    const checked = checkAzureRequest(request.azure, env);
    if (checked.kind === 'err') return checked;
    azure = checked.value;
  }
  const external = request.external ?? true;
  const nameservers: DnsEndpoint[] = [];
  for (const text of request.nameservers) {
    const endpoint = parseDnsEndpoint(text, 'nameserver');
    if (endpoint.kind === 'err') return endpoint;
    nameservers.push(endpoint.value);
  }
  return ok({
    probe: {
      target: target.value,
      ports: DEFAULT_EXTRA_PORTS,
      egress: { external, resolvers: DEFAULT_EGRESS_RESOLVERS, url: DEFAULT_EGRESS_URL },
      tls: request.checkTlsInspection === true ? { endpoint: DEFAULT_TLS_ENDPOINT, external } : null,
      timeoutMs: request.timeoutMs,
      quick: request.quick,
      expectIp: request.expectIp,
      nameservers: nameservers.length > 0 ? nameservers : null,
      routingToken: request.routingToken,
      expectName: request.expectName,
      clientErrorCode,
      sourceIp,
    },
    azure,
  });
}
