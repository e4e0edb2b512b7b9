import { canonicalIp, sameIp } from './address.js';
import type { AzureSnapshot } from './azure/snapshot-schema.js';
import { attributeCauses } from './diagnosis/attribute-causes.js';
import { azureLiveFindings } from './diagnosis/azure-live-rules.js';
import { azureFindings } from './diagnosis/azure-rules.js';
import { clientAgentFindings, clientErrorFinding, clientFirewallFindings } from './diagnosis/client-rules.js';
import { edgeFindings } from './diagnosis/edge-rules.js';
import { egressFindings } from './diagnosis/egress-rules.js';
import { pathFindings } from './diagnosis/path-rules.js';
import { rdpFindings } from './diagnosis/rdp-rules.js';
import { vmCheckFindings } from './diagnosis/vm-rules.js';
import { THRESHOLDS } from './findings/catalog.js';
import { makeFinding } from './findings/make-finding.js';
import { lowerFirst } from './format/text.js';
import { checkKey, DIRECT_PATH } from './ids.js';
import { placeVerdicts } from './places.js';
import type {
  CheckResult,
  DnsFreshEvidence,
  DnsHostsEvidence,
  DnsOsEvidence,
  Finding,
  TcpAttempt,
  TcpEvidence,
  Verdict,
} from './report-schema.js';
import { formatTarget, type Target } from './target.js';
import type { VmChecks } from './vm-checks/vm-check-schema.js';

/** What the diagnosis needs besides the check results. */
export interface DiagnosisInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
  /** The address the user expects the name to resolve to (`--expect-ip`, later Azure's current VIP). */
  readonly expectIp: string | null;
  /** The computer name the user expects to reach (`--expect-name`, or the Azure VM's computer name). */
  readonly expectedHostName: string | null;
  /** What Azure says of the VM, its NICs, NSGs, public IP and load balancer (offline files for now). */
  readonly azureSnapshot?: AzureSnapshot | null;
  /** The address Azure sees the client come from (`--source-ip`), for evaluating NSGs. */
  readonly sourceIp?: string | null;
  /** The error code the user's RDP client showed (`--client-error 0x204`). */
  readonly clientErrorCode?: number | null;
  /** What check-rdp.ps1 found inside the VM (Run Command, or output an admin sent back). */
  readonly vmChecks?: VmChecks | null;
}

/** Findings, most important first, and the verdict. */
export interface Diagnosis {
  readonly findings: Finding[];
  readonly verdict: Verdict;
}

type EvidenceOf<K extends string> = Extract<NonNullable<CheckResult['evidence']>, { kind: K }>;

function evidenceOf<K extends NonNullable<CheckResult['evidence']>['kind']>(
  checks: readonly CheckResult[],
  kind: K,
): EvidenceOf<K> | undefined {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as EvidenceOf<K> | undefined;
}

function checkOf(checks: readonly CheckResult[], id: CheckResult['id']): CheckResult | undefined {
  return checks.find((c) => c.path === DIRECT_PATH && c.id === id);
}

const SEVERITY_RANK = { blocker: 0, warning: 1, info: 2 } as const;
const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;

/**
 * Diagnosis v1: a pure function from check results to findings and a verdict. It answers whether RDP's
 * port is reachable as the client would dial it, which source most likely fails, and how sure we are.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { target, checks } = input;
  const host = target.host;
  const port = String(target.port);
  const findings: Finding[] = [];
  const osDns = evidenceOf(checks, 'dns.os');
  const fresh = evidenceOf(checks, 'dns.fresh');
  const hosts = evidenceOf(checks, 'dns.hosts');
  const tcp = evidenceOf(checks, 'tcp.connect');
  const osKey = checkKey('dns.os', DIRECT_PATH);
  const freshKey = checkKey('dns.fresh', DIRECT_PATH);
  const tcpKey = checkKey('tcp.connect', DIRECT_PATH);

  if (target.rdpFile?.gateway?.used) {
    const gateway = target.rdpFile.gateway;
    findings.push(
      makeFinding('target.rd-gateway', {
        detail: `${target.rdpFile.path} names the RD Gateway ${gateway.hostname} (gatewayusagemethod ${gateway.usageMethod ?? 'not set'}): the client connects to ${gateway.hostname}:443 over HTTPS, not to ${formatTarget(target)}.`,
        evidence: [{ check: 'target', says: `gatewayhostname:s:${gateway.hostname}` }],
        confidence: 'high',
        values: { host, port },
      }),
    );
  }

  const hostsEntries = hosts?.entries ?? [];
  if (hosts !== undefined && hostsEntries.length > 0) {
    const lines = hostsEntries.map((e) => `${hosts.file}:${e.line} ${e.address} ${e.names.join(' ')}`);
    findings.push(
      makeFinding('dns.hosts-override', {
        detail: `The hosts file maps ${host} to ${hostsEntries.map((e) => e.address).join(', ')}; DNS is not consulted for this name.`,
        evidence: lines.map((says) => ({ check: checkKey('dns.hosts', DIRECT_PATH), says })),
        confidence: 'high',
        values: { host, port },
      }),
    );
  }

  const osAddresses = osDns?.addresses.map((a) => canonicalIp(a.address)) ?? [];
  const freshAnswered = fresh !== undefined && fresh.answeredBy !== null;
  const freshAddresses = fresh?.addresses ?? [];

  if (target.hostKind === 'hostname' && osDns !== undefined && osAddresses.length === 0) {
    const nameExists = freshAddresses.length > 0;
    findings.push(
      makeFinding('dns.resolution-failed', {
        detail: nameExists
          ? `Your computer's resolver could not resolve ${host} (${osDns.errorCode ?? 'no address'}), yet its DNS servers answer ${freshAddresses.join(', ')}: your computer's DNS settings or cache are at fault.`
          : `${host} does not resolve (${osDns.errorCode ?? 'no address'})${freshAnswered ? '; its DNS servers do not know it either' : ''}.`,
        evidence: [
          { check: osKey, says: `error ${osDns.errorCode ?? 'no address'}` },
          ...(fresh ? [{ check: freshKey, says: describeFresh(fresh) }] : []),
        ],
        confidence: nameExists || freshAnswered ? 'high' : 'medium',
        values: { host, port },
        ...(nameExists ? { source: 1 as const, candidates: [0 as const] } : {}),
      }),
    );
  }

  const stale = staleAddresses(osDns, fresh, hosts);
  const clientAttempts = tcp?.attempts.filter((a) => a.via !== 'fresh') ?? [];
  const freshOpen = tcp?.attempts.filter((a) => a.via === 'fresh' && a.outcome === 'open') ?? [];
  const clientOpen = clientAttempts.some((a) => a.outcome === 'open');
  const staleExplainsFailure = stale.length > 0 && !clientOpen && freshOpen.length > 0;
  if (stale.length > 0 && fresh !== undefined) {
    findings.push(
      makeFinding('dns.stale-cache', {
        detail: staleExplainsFailure
          ? `Your computer resolves ${host} to ${stale.join(', ')}, which does not answer on port ${port}; its DNS servers now say ${freshAddresses.join(', ')}, which does.`
          : `Your computer resolves ${host} to ${osAddresses.join(', ')}; its DNS servers now say ${freshAddresses.join(', ')}.`,
        evidence: [
          { check: osKey, says: osAddresses.join(', ') },
          { check: freshKey, says: describeFresh(fresh) },
          ...freshOpen.map((a) => ({ check: tcpKey, says: `${a.address}:${port} open (fresh address)` })),
        ],
        confidence: staleExplainsFailure ? 'high' : 'medium',
        values: { host, port, address: freshAddresses[0] ?? host },
        ...(staleExplainsFailure ? { severity: 'blocker' as const } : {}),
      }),
    );
  }

  if (input.expectIp !== null) {
    const dialled = target.hostKind === 'hostname' ? osAddresses : [canonicalIp(target.host)];
    const expected = input.expectIp;
    if (dialled.length > 0 && !dialled.some((a) => sameIp(a, expected))) {
      const freshHasExpected = freshAddresses.some((a) => sameIp(a, expected));
      findings.push(
        makeFinding('dns.mismatch-expected', {
          detail:
            target.hostKind === 'hostname'
              ? `${host} resolves to ${dialled.join(', ')} on your computer, not to the expected ${expected}${freshHasExpected ? ' (its DNS servers already give the expected address: flush your cache)' : ''}.`
              : `You are dialling ${target.host}, not the expected ${expected}.`,
          evidence: [
            { check: target.hostKind === 'hostname' ? osKey : 'target', says: dialled.join(', ') },
            { check: 'expected', says: expected },
          ],
          confidence: 'high',
          values: { host, port, expected },
          ...(freshHasExpected ? { source: 1 as const, candidates: [0 as const] } : {}),
        }),
      );
    }
  }

  // The user's own firewall first: when it blocks the port, it is the first place on the path that does.
  findings.push(...clientFirewallFindings({ target, checks }));
  if (tcp !== undefined && !clientOpen) findings.push(...tcpFindings(tcp, clientAttempts, host, staleExplainsFailure));

  if (tcp?.samples && clientOpen) {
    const { medianMs, jitterMs, address } = tcp.samples;
    if (medianMs > THRESHOLDS.highLatencyMs || jitterMs > THRESHOLDS.highJitterMs) {
      findings.push(
        makeFinding('path.high-latency', {
          detail: `Connecting to ${address}:${port} takes ${round(medianMs)} ms (median, jitter ${round(jitterMs)} ms); above ${THRESHOLDS.highLatencyMs} ms RDP feels sluggish.`,
          evidence: [{ check: tcpKey, says: `connect times ${tcp.samples.connectMs.map(round).join(', ')} ms` }],
          confidence: 'medium',
          values: { host, port, address },
        }),
      );
    }
  }

  const snapshot = input.azureSnapshot ?? null;
  const expectedHostName = input.expectedHostName ?? snapshot?.vm?.computerName ?? null;
  findings.push(...rdpFindings({ target, checks, expectedHostName }));
  findings.push(...edgeFindings({ target, checks }));
  findings.push(...egressFindings({ target, checks }));
  findings.push(...pathFindings({ target, checks }));
  findings.push(...clientAgentFindings({ target, checks }));
  if (snapshot !== null) {
    findings.push(
      ...azureFindings({ target, checks, snapshot, clientIp: input.sourceIp ?? null, rdpPort: target.port }),
      ...azureLiveFindings({ target, checks, snapshot, clientIp: input.sourceIp ?? null }),
    );
  }
  if (input.vmChecks != null) findings.push(...vmCheckFindings({ target, checks, snapshot, vmChecks: input.vmChecks }));

  if (input.clientErrorCode != null) findings.push(clientErrorFinding(input.clientErrorCode, clientOpen));
  const attributed = attributeCauses(findings);
  attributed.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence],
  );
  return {
    findings: attributed,
    verdict: { ...verdictOf(input, attributed, clientOpen), places: placeVerdicts(checks, attributed) },
  };
}

function tcpFindings(
  tcp: TcpEvidence,
  attempts: readonly TcpAttempt[],
  host: string,
  staleExplains: boolean,
): Finding[] {
  const port = String(tcp.port);
  const key = checkKey('tcp.connect', DIRECT_PATH);
  const byOutcome = (outcomes: readonly TcpAttempt['outcome'][]) =>
    attempts.filter((a) => outcomes.includes(a.outcome));
  const says = (a: TcpAttempt) => `${a.address}:${port} ${a.outcome}${a.errorCode ? ` (${a.errorCode})` : ''}`;
  const staleNote = staleExplains ? ' This is the old address your computer still caches.' : '';
  const findings: Finding[] = [];
  const unreachable = byOutcome(['unreachable']);
  if (unreachable.length > 0) {
    findings.push(
      makeFinding('tcp.unreachable', {
        detail: `Your computer reports no route to ${unreachable.map((a) => a.address).join(', ')} (${unreachable[0]?.errorCode ?? 'unreachable'}).${staleNote}`,
        evidence: unreachable.map((a) => ({ check: key, says: says(a) })),
        confidence: 'high',
        values: { host, port, address: unreachable[0]?.address ?? host },
      }),
    );
  }
  const filtered = byOutcome(['filtered']);
  if (filtered.length > 0) {
    findings.push(
      makeFinding('tcp.filtered', {
        detail: `No answer from ${filtered.map((a) => `${a.address}:${port}`).join(', ')} within ${tcp.timeoutMs} ms: the connection attempt is dropped on the way.${staleNote}`,
        evidence: filtered.map((a) => ({ check: key, says: `${says(a)}: no answer in ${tcp.timeoutMs} ms` })),
        confidence: staleExplains ? 'high' : 'low',
        values: { host, port, address: filtered[0]?.address ?? host },
        ...(staleExplains ? { source: 1 as const, candidates: [0 as const] } : {}),
      }),
    );
  }
  const refused = byOutcome(['refused', 'reset']);
  if (refused.length > 0) {
    findings.push(
      makeFinding('tcp.refused', {
        detail: `${refused.map((a) => `${a.address}:${port}`).join(', ')} ${refused.length > 1 ? 'refuse' : 'refuses'} the connection (TCP reset): the host is reachable but nothing accepts connections on port ${port}.${staleNote}`,
        evidence: refused.map((a) => ({ check: key, says: says(a) })),
        confidence: staleExplains ? 'high' : 'medium',
        values: { host, port, address: refused[0]?.address ?? host },
        ...(staleExplains ? { source: 1 as const, candidates: [0 as const] } : {}),
      }),
    );
  }
  return findings;
}

/** OS-resolver addresses that the fresh answer no longer contains, unless a hosts entry explains them. */
function staleAddresses(
  os: DnsOsEvidence | undefined,
  fresh: DnsFreshEvidence | undefined,
  hosts: DnsHostsEvidence | undefined,
): string[] {
  if (os === undefined || fresh === undefined || fresh.answeredBy === null) return [];
  if ((hosts?.entries.length ?? 0) > 0) return [];
  // Compare only the families for which some server gave a definite answer (records or none).
  const definite = new Set(
    fresh.queries.filter((q) => q.outcome === 'answer' || q.outcome === 'nodata').map((q) => (q.type === 'A' ? 4 : 6)),
  );
  const freshSet = new Set(fresh.addresses.map(canonicalIp));
  if (freshSet.size === 0) return [];
  return os.addresses
    .filter((a) => definite.has(a.family) && !freshSet.has(canonicalIp(a.address)))
    .map((a) => canonicalIp(a.address));
}

function describeFresh(fresh: DnsFreshEvidence): string {
  if (fresh.answeredBy === null) return `no answer from ${fresh.nameservers.addresses.join(', ') || 'any nameserver'}`;
  const chain = fresh.cnameChain.length > 0 ? ` via ${fresh.cnameChain.join(' → ')}` : '';
  return `${fresh.answeredBy} answers ${fresh.addresses.join(', ') || 'no address'}${chain}`;
}

function verdictOf(input: DiagnosisInput, findings: readonly Finding[], clientOpen: boolean): Omit<Verdict, 'places'> {
  const where = formatTarget(input.target);
  const top = findings.find((f) => f.severity === 'blocker');
  if (top !== undefined) {
    return {
      reachable: 'no',
      likelySource: top.source,
      candidates: top.candidates,
      confidence: top.confidence,
      summary: `${where} is not reachable: ${lowerFirst(top.title)}.`,
    };
  }
  if (clientOpen) {
    const rdpOk = findings.find((f) => f.code === 'rdp.ok');
    return rdpOk === undefined
      ? {
          reachable: 'yes',
          likelySource: null,
          candidates: [],
          confidence: 'medium',
          summary: `${where} accepts TCP connections on the RDP port (the RDP handshake was not checked).`,
        }
      : { reachable: 'yes', likelySource: null, candidates: [], confidence: 'high', summary: rdpOk.detail };
  }
  const tcpCheck = checkOf(input.checks, 'tcp.connect');
  const why =
    tcpCheck === undefined
      ? 'the TCP check did not run'
      : tcpCheck.status === 'pass' || tcpCheck.status === 'fail'
        ? 'no address to connect to'
        : `the TCP check ended with "${tcpCheck.status}"`;
  return {
    reachable: 'unknown',
    likelySource: null,
    candidates: [],
    confidence: 'low',
    summary: `Could not tell whether ${where} is reachable: ${why}.`,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
