import { z } from 'zod';
import { RedactionOptionsSchema } from './core/bundle/redaction-options.js';
import type { Comparison } from './core/compare.js';
import type { RunProgress } from './core/progress.js';
import type { PlanEntry, Report } from './core/report-schema.js';
import type { InputError, Result } from './core/result.js';
import type { RepairOutcome } from './core/vm-checks/repair-confirmation.js';
import { VM_REPAIR_IDS } from './core/vm-checks/repair-ids.js';

/**
 * The one contract between the UI and the engine. The preload exposes exactly `RdpProbeApi` (backed by
 * IPC), tests provide it in-process (`createEngineApi`), and the window type is derived from it. Every
 * request is validated with the schemas below on the engine side, since the renderer is untrusted.
 */

/** Where the target comes from: typed text, or the bytes of a dropped or opened .rdp file. */
export const TargetInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(1024) }).strict(),
  z
    .object({
      kind: z.literal('rdp-file'),
      name: z.string().min(1).max(255),
      /** The file's bytes, base64: the renderer reads a dropped file without knowing its path. */
      contentBase64: z.string().max(360_000),
    })
    .strict(),
]);

/** How the user signs in to Azure, and to which cloud: the same choices as the CLI's `--azure-auth`, `--azure-cloud`. */
const AzureSignInFields = {
  /** The Azure CLI's account (`az login`), the system browser, or a device code shown in the app. */
  signIn: z.enum(['cli', 'browser', 'device-code']),
  /** A tenant ID (GUID) or domain; null: the account's home tenant. */
  tenantId: z.string().max(256).nullable(),
  /** The organisation's app registration for browser and device-code sign-in; null: none given. */
  clientId: z.string().max(64).nullable(),
  cloud: z.enum(['public', 'usgov', 'china']),
};

/**
 * Read the VM's Azure side live: by its resource ID, or by subscription with a resource group and VM name
 * (both or neither: neither searches the subscription for the dialled address). There is no Resource
 * Manager endpoint or CA here on purpose: a renderer must never be able to send the user's token to
 * another host. The engine checks the values themselves and answers `invalid` naming the field
 * (`azure.vmId`, `azure.subscriptionId`, `azure.resourceGroup`, `azure.vmName`, `azure.tenantId`,
 * `azure.clientId`).
 */
export const AzureRequestSchema = z.union([
  z.object({ vmId: z.string().min(1).max(1024), ...AzureSignInFields }).strict(),
  z
    .object({
      subscriptionId: z.string().min(1).max(64),
      resourceGroup: z.string().max(256).optional(),
      vmName: z.string().max(256).optional(),
      ...AzureSignInFields,
    })
    .strict(),
]);

/** Consent to run check-rdp.ps1 on the VM: the SHA-256 (hex) of the script as it was shown in full. */
export const VmChecksConsentSchema = z
  .object({
    consentSha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  })
  .strict();

export const ProbeStartRequestSchema = z
  .object({
    target: TargetInputSchema,
    port: z.number().int().min(1).max(65535).nullable(),
    timeoutMs: z.number().int().min(100).max(120_000),
    quick: z.boolean(),
    expectIp: z.string().max(64).nullable(),
    /** The computer name the user expects to reach. */
    expectName: z.string().max(253).nullable(),
    /** A load-balancer routing token to send instead of the neutral cookie. */
    routingToken: z.string().max(256).nullable(),
    /** The error code the user's RDP client showed (e.g. `0x204`), decoded into evidence. */
    clientError: z.string().max(32).nullable().optional(),
    nameservers: z.array(z.string().max(64)).max(8),
    /** Read the VM's Azure side live while probing; absent or null: not read. */
    azure: AzureRequestSchema.nullable().optional(),
    /** The user's public IP as Azure sees it, to evaluate the NSGs for it (`invalid` naming `sourceIp` if not an IP). */
    sourceIp: z.string().max(64).nullable().optional(),
    /**
     * Also run the read-only check script inside the VM (Run Command), with `azure` only: the user's consent,
     * the SHA-256 of the script `vm:check-script` showed. The engine answers `invalid` naming `vmChecks`
     * without `azure`, or when the hash is not the shipped script's (consent to another script is none).
     */
    vmChecks: VmChecksConsentSchema.nullable().optional(),
    /**
     * Whether checks may contact third parties (the public-IP resolvers, a PAC or WPAD URL, the TLS
     * inspection endpoint), as the CLI's `--no-external` turns off; absent: true, as in the CLI.
     */
    external: z.boolean().optional(),
    /** Hand-shake with management.azure.com:443 to detect TLS inspection (the CLI's `--check-tls-inspection`). */
    checkTlsInspection: z.boolean().optional(),
  })
  .strict();

export const RunIdSchema = z.string().regex(/^run-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const ProbeCancelRequestSchema = z.object({ runId: RunIdSchema }).strict();

export const ReportParseRequestSchema = z
  .object({ name: z.string().min(1).max(255), text: z.string().max(16 * 1024 * 1024) })
  .strict();

/**
 * Export the report of a finished run as a bundle. The renderer names the run, never sends a report
 * back, and never names a path: the engine keeps recent reports by run id and main's save dialog picks
 * the file.
 */
export const BundleExportRequestSchema = z
  .object({ runId: RunIdSchema, redaction: RedactionOptionsSchema.strict() })
  .strict();

/** Open one bundle or JSON report, or compare two: the files come from main's open dialog, so no fields. */
export const BundleOpenRequestSchema = z.object({}).strict();
export const BundleCompareRequestSchema = z.object({}).strict();

/** The check script, to show in full before consent and to copy for an admin: no fields. */
export const VmCheckScriptRequestSchema = z.object({}).strict();

/**
 * Import the check script's output an admin ran by hand, into a finished run's report: main's open dialog
 * picks the file (the renderer never names a path), the engine re-diagnoses the run with it.
 */
export const VmImportOutputRequestSchema = z.object({ runId: RunIdSchema }).strict();

/**
 * Apply one repair a finding of a finished run proposes. The renderer names the repair, never sends a
 * script; `confirmVmName` is the VM's name as the user typed it in the confirmation dialog, which the
 * engine compares with the VM's (`vmNameConfirmed`). The run's Azure connection stays in the engine.
 */
export const VmRepairRequestSchema = z
  .object({
    runId: RunIdSchema,
    repairId: z.enum(VM_REPAIR_IDS),
    confirmVmName: z.string().max(256),
  })
  .strict();

export type TargetInput = z.infer<typeof TargetInputSchema>;
export type ProbeStartRequest = z.infer<typeof ProbeStartRequestSchema>;
export type AzureRequest = z.infer<typeof AzureRequestSchema>;

/** Started (progress and the report follow as events), or the request was bad input. */
export type ProbeStartResponse =
  | { readonly kind: 'started'; readonly runId: string; readonly deadlineMs: number; readonly plan: PlanEntry[] }
  | { readonly kind: 'invalid'; readonly error: InputError };

/** A file action that did not happen: the user closed the dialog, or the input was bad (said in `error`). */
export type FileActionFailure =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'invalid'; readonly error: InputError };

/** Where the bundle went, and the categories masked in it (command-line names, e.g. `public-ips`). */
export type BundleExportResponse =
  | { readonly kind: 'saved'; readonly path: string; readonly bytes: number; readonly redacted: string[] }
  | FileActionFailure;

/** The report in a bundle or JSON file; `redacted` is the bundle's masked categories, null for plain JSON. */
export type BundleOpenResponse =
  | {
      readonly kind: 'opened';
      readonly name: string;
      readonly format: 'bundle' | 'report-json';
      readonly redacted: string[] | null;
      readonly report: Report;
    }
  | FileActionFailure;

/** Two files compared: their names (as the conclusion uses them) and what differs. */
export type BundleCompareResponse =
  | { readonly kind: 'compared'; readonly names: [string, string]; readonly comparison: Comparison }
  | FileActionFailure;

/** The shipped check script: its whole text and its SHA-256, the consent to give for it. */
export type VmCheckScriptResponse =
  | { readonly kind: 'script'; readonly text: string; readonly sha256: string }
  | { readonly kind: 'invalid'; readonly error: InputError };

/** The run's report diagnosed again with the imported output; `name` is the file's. */
export type VmImportOutputResponse =
  | { readonly kind: 'imported'; readonly name: string; readonly report: Report }
  | FileActionFailure;

/**
 * What a confirmed repair did: the outcome (`applied` false when Azure refused or the script failed), the
 * VM problems (finding codes) before and after, and the run's report now (re-diagnosed when the checks ran
 * again). `after` is null when the checks did not run again: the repair did not apply, or the run had no
 * consent to run them. Refusals (unknown run or repair, a name that is not the VM's) are `invalid`, with
 * nothing changed.
 */
export type VmRepairResponse =
  | {
      readonly kind: 'outcome';
      readonly outcome: RepairOutcome;
      readonly before: string[];
      readonly after: string[] | null;
      readonly report: Report;
    }
  | { readonly kind: 'invalid'; readonly error: InputError };

/** Request/response channels: the renderer invokes, the engine answers. */
export interface InvokeChannels {
  'probe:start': { request: ProbeStartRequest; response: ProbeStartResponse };
  'probe:cancel': {
    request: z.infer<typeof ProbeCancelRequestSchema>;
    response: { kind: 'cancelled' | 'unknown-run' };
  };
  'report:parse': { request: z.infer<typeof ReportParseRequestSchema>; response: Result<Report, InputError> };
  'bundle:export': { request: z.infer<typeof BundleExportRequestSchema>; response: BundleExportResponse };
  'bundle:open': { request: z.infer<typeof BundleOpenRequestSchema>; response: BundleOpenResponse };
  'bundle:compare': { request: z.infer<typeof BundleCompareRequestSchema>; response: BundleCompareResponse };
  'vm:check-script': { request: z.infer<typeof VmCheckScriptRequestSchema>; response: VmCheckScriptResponse };
  'vm:import-output': { request: z.infer<typeof VmImportOutputRequestSchema>; response: VmImportOutputResponse };
  'vm:repair': { request: z.infer<typeof VmRepairRequestSchema>; response: VmRepairResponse };
}

/** The validator of each invoke channel's request. */
export const INVOKE_REQUEST_SCHEMAS = {
  'probe:start': ProbeStartRequestSchema,
  'probe:cancel': ProbeCancelRequestSchema,
  'report:parse': ReportParseRequestSchema,
  'bundle:export': BundleExportRequestSchema,
  'bundle:open': BundleOpenRequestSchema,
  'bundle:compare': BundleCompareRequestSchema,
  'vm:check-script': VmCheckScriptRequestSchema,
  'vm:import-output': VmImportOutputRequestSchema,
  'vm:repair': VmRepairRequestSchema,
} as const satisfies { [K in keyof InvokeChannels]: z.ZodType<InvokeChannels[K]['request']> };

/** Event channels: the engine pushes, the renderer listens. */
export interface EventChannels {
  'probe:progress': { readonly runId: string; readonly progress: RunProgress };
  'probe:finished': { readonly runId: string; readonly report: Report };
  /**
   * The desktop shell pushes a target the user opened outside the page (File menu, "Open with", a second
   * launch with a file); the engine never emits it.
   */
  'shell:open-target': { readonly target: TargetInput };
  /**
   * Device-code sign-in wants the user to open a page and type a code: the identity service's message
   * (URL and code), to show until the run's `azure.collect` check ends. Never a token.
   */
  'azure:device-code': { readonly runId: string; readonly message: string };
}

/** The channel names, for the preload's allow-list. */
export const INVOKE_CHANNELS = Object.keys(INVOKE_REQUEST_SCHEMAS) as (keyof InvokeChannels)[];
export const EVENT_CHANNELS: readonly (keyof EventChannels)[] = [
  'probe:progress',
  'probe:finished',
  'shell:open-target',
  'azure:device-code',
];

/** What the UI can call. */
export interface RdpProbeApi {
  invoke<K extends keyof InvokeChannels>(
    channel: K,
    request: InvokeChannels[K]['request'],
  ): Promise<InvokeChannels[K]['response']>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on<K extends keyof EventChannels>(channel: K, listener: (payload: EventChannels[K]) => void): () => void;
}
