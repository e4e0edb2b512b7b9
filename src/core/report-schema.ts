import { z } from 'zod';
import { AzureSnapshotSchema } from './azure/snapshot-schema.js';
import { AzureCollectEvidenceSchema } from './evidence/azure.js';
import { ClientAgentsEvidenceSchema, ClientFirewallEvidenceSchema } from './evidence/client.js';
import {
  DnsFreshEvidenceSchema,
  DnsHostsEvidenceSchema,
  DnsOsCacheEvidenceSchema,
  DnsOsEvidenceSchema,
} from './evidence/dns.js';
import {
  ProxyConnectEvidenceSchema,
  ProxyDiscoverEvidenceSchema,
  TcpPortsEvidenceSchema,
  TlsInspectionEvidenceSchema,
} from './evidence/edge.js';
import { ClientIpOriginSchema, EgressIpEvidenceSchema } from './evidence/egress.js';
import { IcmpPingEvidenceSchema, PathTraceEvidenceSchema, RoutePathEvidenceSchema } from './evidence/path.js';
import {
  RdpNegotiateEvidenceSchema,
  RdpNtlmEvidenceSchema,
  RdpProtocolsEvidenceSchema,
  RdpTlsEvidenceSchema,
  UdpRdpEvidenceSchema,
} from './evidence/rdp.js';
import { TcpEvidenceSchema } from './evidence/tcp.js';
import { VmChecksEvidenceSchema } from './evidence/vm.js';
import { FINDING_CODES } from './findings/catalog.js';
import { CHECK_IDS } from './ids.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { VmChecksSchema, VmRepairSchema } from './vm-checks/vm-check-schema.js';

/**
 * The report schema (schemaVersion 1): the one shape every probe run produces, the CLI prints with
 * `--json`, bundles carry and the UI renders. TypeScript types are inferred from it; later checks extend
 * the evidence union and the catalog, never fork this file.
 */
export { SCHEMA_VERSION } from './schema-version.js';

export const SourceSchema = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
]);

export const CheckIdSchema = z.enum(CHECK_IDS);

export const PathIdSchema = z
  .string()
  .regex(/^(direct|bind:.+|proxy:.+)$/, 'a path id: direct, bind:<addr> or proxy:<url>');

/** pass: nothing wrong; fail: a problem; warn: notable; skipped: not applicable; error: the check could not run. */
export const CheckStatusSchema = z.enum(['pass', 'fail', 'warn', 'info', 'skipped', 'error', 'timeout', 'cancelled']);

/** Evidence of every check, told apart by `kind` (the check id). Add a check's schema here. */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  AzureCollectEvidenceSchema,
  VmChecksEvidenceSchema,
  DnsOsEvidenceSchema,
  DnsFreshEvidenceSchema,
  DnsHostsEvidenceSchema,
  DnsOsCacheEvidenceSchema,
  TcpEvidenceSchema,
  RdpNegotiateEvidenceSchema,
  RdpProtocolsEvidenceSchema,
  RdpTlsEvidenceSchema,
  RdpNtlmEvidenceSchema,
  UdpRdpEvidenceSchema,
  TcpPortsEvidenceSchema,
  ProxyDiscoverEvidenceSchema,
  ProxyConnectEvidenceSchema,
  TlsInspectionEvidenceSchema,
  ClientFirewallEvidenceSchema,
  ClientAgentsEvidenceSchema,
  EgressIpEvidenceSchema,
  RoutePathEvidenceSchema,
  IcmpPingEvidenceSchema,
  PathTraceEvidenceSchema,
]);

export const CheckResultSchema = z.object({
  id: CheckIdSchema,
  path: PathIdSchema,
  title: z.string(),
  status: CheckStatusSchema,
  /** One plain sentence of what the check found. */
  summary: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  evidence: EvidenceSchema.nullable(),
});

export const RemedyStepSchema = z.object({
  os: z.enum(['any', 'windows', 'macos', 'linux', 'azure-cli']),
  /** What the command does, in plain words. */
  label: z.string(),
  command: z.string(),
});

export const FindingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(['blocker', 'warning', 'info']),
  source: SourceSchema,
  /** Other sources the evidence cannot yet rule out, most likely first. */
  candidates: z.array(SourceSchema),
  confidence: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  /** What was seen, with the values, in plain words. */
  detail: z.string(),
  /** Which checks support it and what they said. */
  evidence: z.array(z.object({ check: z.string(), says: z.string() })),
  remedy: z.object({ summary: z.string(), steps: z.array(RemedyStepSchema) }),
  /** Repairs RDP Probe can run for this finding (the VM's), each only after its own confirmation; absent: none. */
  repairs: z.array(VmRepairSchema).optional(),
});

export const PlaceVerdictSchema = z.object({
  source: SourceSchema,
  state: z.enum(['pass', 'warn', 'fail', 'unknown']),
  reason: z.string(),
});

export const VerdictSchema = z.object({
  /** Whether RDP (for now: its TCP port) is reachable on the default path, as the RDP client would dial it. */
  reachable: z.enum(['yes', 'no', 'unknown']),
  likelySource: SourceSchema.nullable(),
  candidates: z.array(SourceSchema),
  confidence: z.enum(['high', 'medium', 'low']),
  summary: z.string(),
  /** Each place of the path in the article's order: pass, warn, fail or unknown, with the reason. */
  places: z.array(PlaceVerdictSchema),
});

export const TargetSchema = z.object({
  input: z.string(),
  hostKind: z.enum(['hostname', 'ipv4', 'ipv6']),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  portSource: z.enum(['default', 'target', 'option', 'rdp-file']),
  rdpFile: z
    .object({
      path: z.string(),
      gateway: z
        .object({ hostname: z.string(), usageMethod: z.number().int().nullable(), used: z.boolean() })
        .optional(),
    })
    .optional(),
});

export const PlanEntrySchema = z.object({
  id: CheckIdSchema,
  path: PathIdSchema,
  title: z.string(),
  needs: z.array(z.string()),
});

export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('rdp-probe'), version: z.string() }),
  platform: z.object({ os: z.string(), release: z.string(), arch: z.string(), node: z.string() }),
  target: TargetSchema,
  options: z.object({
    timeoutMs: z.number().int().positive(),
    deadlineMs: z.number().int().positive(),
    quick: z.boolean(),
    expectIp: z.string().nullable(),
    expectName: z.string().nullable(),
    /** The client's address as Azure sees it (`--source-ip`, else `egress.ip`'s); absent in reports from before it existed. */
    sourceIp: z.string().nullable().optional(),
    /**
     * Where that address came from: `--source-ip` (option), the egress check's DNS services (dns), its
     * lookup through the proxy (proxy), or the local address on the route to a private target
     * (local-route); absent when unknown and in reports from before the egress check.
     */
    sourceIpFrom: ClientIpOriginSchema.optional(),
    nameservers: z.array(z.string()),
  }),
  plan: z.array(PlanEntrySchema),
  /** The Azure side the diagnosis used, when one was given (`--azure-snapshot`). */
  azure: AzureSnapshotSchema.optional(),
  /** What check-rdp.ps1 found inside the VM (Run Command or imported), when it was run. */
  vmChecks: VmChecksSchema.optional(),
  checks: z.array(CheckResultSchema),
  findings: z.array(FindingSchema),
  verdict: VerdictSchema,
  run: z.object({
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    durationMs: z.number().nonnegative(),
    /** How the run ended: all checks finished, the user cancelled, or the run's deadline passed. */
    ended: z.enum(['completed', 'cancelled', 'deadline']),
  }),
});

export type CheckStatus = z.infer<typeof CheckStatusSchema>;
export type { AzureCollectEvidence } from './evidence/azure.js';
export type {
  ClientAgent,
  ClientAgentsEvidence,
  ClientFirewallEvidence,
  FirewallBlock,
} from './evidence/client.js';
export type {
  DnsFreshEvidence,
  DnsHostsEvidence,
  DnsOsCacheEvidence,
  DnsOsEvidence,
  DnsQuery,
  DnsRecord,
} from './evidence/dns.js';
export type {
  ProxyConnectEvidence,
  ProxyDiscoverEvidence,
  TcpPortsEvidence,
  ThirdParty,
  TlsInspectionEvidence,
} from './evidence/edge.js';
export type {
  ClientIpOrigin,
  EgressIpEvidence,
  EgressLookup,
  EgressProxyLookup,
  EgressService,
} from './evidence/egress.js';
export type {
  IcmpPingEvidence,
  MtuProbe,
  MtuProbeResult,
  PathTraceEvidence,
  RouteEntry,
  RoutePathEvidence,
  TraceHop,
  VpnInterface,
} from './evidence/path.js';
export type {
  RdpNegotiateEvidence,
  RdpNtlmEvidence,
  RdpProtocolsEvidence,
  RdpTlsEvidence,
  UdpRdpEvidence,
} from './evidence/rdp.js';
export type { TcpAttempt, TcpEvidence, TcpOutcome } from './evidence/tcp.js';
export type { VmChecksEvidence } from './evidence/vm.js';
export type Evidence = z.infer<typeof EvidenceSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type RemedyStep = z.infer<typeof RemedyStepSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Verdict = z.infer<typeof VerdictSchema>;
export type PlanEntry = z.infer<typeof PlanEntrySchema>;
export type Report = z.infer<typeof ReportSchema>;
