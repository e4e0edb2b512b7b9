import type { ProxyConnectEvidence, TcpPortsEvidence, TlsInspectionEvidence } from '../evidence/edge.js';
import type { RdpNegotiateEvidence } from '../evidence/rdp.js';
import type { TcpEvidence } from '../evidence/tcp.js';
import type { CommandValues } from '../findings/make-finding.js';
import { makeFinding } from '../findings/make-finding.js';
import { checkKey, DIRECT_PATH, isPathId } from '../ids.js';
import { proxySourceTitle } from '../proxy/source-title.js';
import type { CheckResult, Finding } from '../report-schema.js';
import type { Target } from '../target.js';

/** What the edge rules read: the run's checks on every path. */
export interface EdgeRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
}

type Evidence = NonNullable<CheckResult['evidence']>;

function evidenceAt<K extends Evidence['kind']>(
  checks: readonly CheckResult[],
  kind: K,
  path: string,
): Extract<Evidence, { kind: K }> | undefined {
  const check = checks.find((c) => c.path === path && c.evidence?.kind === kind);
  return check?.evidence as Extract<Evidence, { kind: K }> | undefined;
}

/** RDP answered through the tunnel: a Confirm of any kind came back. */
const RDP_ANSWERED: ReadonlySet<RdpNegotiateEvidence['outcome']> = new Set([
  'negotiated',
  'failure',
  'no-negotiation-data',
]);

/** Whether the direct TCP check found the RDP port closed to the client (no open address it dials). */
function directBlocked(tcp: TcpEvidence | undefined): boolean {
  if (tcp === undefined) return false;
  const client = tcp.attempts.filter((a) => a.via !== 'fresh');
  return client.length > 0 && client.every((a) => a.outcome === 'filtered' || a.outcome === 'unreachable');
}

function describeHeaders(e: ProxyConnectEvidence): string {
  const parts = [
    ...(e.headers.server ? [`Server: ${e.headers.server}`] : []),
    ...(e.headers.via ? [`Via: ${e.headers.via}`] : []),
    ...(e.headers.squidError ? [`X-Squid-Error: ${e.headers.squidError}`] : []),
    ...(e.headers.authSchemes.length > 0 ? [`Proxy-Authenticate: ${e.headers.authSchemes.join(', ')}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * The edge findings of a run, a pure function of the check results (sources 1 and 2): what each proxy
 * said to a CONNECT for the RDP port, whether the VM answers RDP through a proxy while the direct path
 * is blocked, and whether only the RDP port is filtered while the host answers on others.
 */
export function edgeFindings(input: EdgeRulesInput): Finding[] {
  const { target, checks } = input;
  const port = String(target.port);
  const values: CommandValues = { host: target.host, port };
  const tcp = evidenceAt(checks, 'tcp.connect', DIRECT_PATH);
  const blocked = directBlocked(tcp);
  const findings: Finding[] = [];
  const tcpSays = () =>
    (tcp?.attempts ?? [])
      .filter((a) => a.via !== 'fresh')
      .map((a) => ({ check: checkKey('tcp.connect', DIRECT_PATH), says: `${a.address}:${port} ${a.outcome}` }));

  for (const check of checks) {
    if (check.evidence?.kind !== 'proxy.connect' || !isPathId(check.path)) continue;
    const e = check.evidence;
    const key = checkKey('proxy.connect', check.path);
    const says = `${e.statusLine ?? e.outcome}${describeHeaders(e)}`;
    if (e.outcome === 'denied') {
      findings.push(
        makeFinding('edge.proxy-denies-connect', {
          detail: `The proxy ${e.proxy} (from ${proxySourceTitle(e.source)}) refused CONNECT ${e.destination}: ${e.statusLine ?? `reply ${e.statusCode}`}${describeHeaders(e)}.${blocked ? ' The direct path to the RDP port is blocked too.' : ''}`,
          evidence: [{ check: key, says }, ...(blocked ? tcpSays() : [])],
          confidence: 'high',
          values,
          ...(blocked ? { severity: 'blocker' as const, candidates: [1 as const, 4 as const] } : {}),
        }),
      );
    } else if (e.outcome === 'auth-required') {
      findings.push(
        makeFinding('edge.proxy-auth-required', {
          detail: `The proxy ${e.proxy} (from ${proxySourceTitle(e.source)}) answered CONNECT ${e.destination} with ${e.statusLine ?? `reply ${e.statusCode}`}${describeHeaders(e)}.`,
          evidence: [{ check: key, says }],
          confidence: 'high',
          values,
        }),
      );
    } else if (e.outcome === 'tunnel' && blocked) {
      const rdp = evidenceAt(checks, 'rdp.negotiate', check.path);
      if (rdp === undefined || !RDP_ANSWERED.has(rdp.outcome)) continue;
      const answer =
        rdp.outcome === 'negotiated'
          ? `selected ${rdp.selectedProtocolName ?? 'a protocol'}`
          : rdp.outcome === 'failure'
            ? `answered RDP_NEG_FAILURE ${rdp.failureName ?? rdp.failureCode}`
            : 'answered as a legacy RDP server';
      findings.push(
        makeFinding('edge.direct-blocked-proxy-ok', {
          detail: `Directly, ${target.host}:${port} does not answer; through the proxy ${e.proxy} (from ${proxySourceTitle(e.source)}) the tunnel opened (${e.statusLine ?? 'accepted'}) and the RDP server ${answer}. The block is between your computer and the internet, not at the VM.`,
          evidence: [
            ...tcpSays(),
            { check: key, says },
            { check: checkKey('rdp.negotiate', check.path), says: rdp.outcome },
          ],
          confidence: 'medium',
          values,
        }),
      );
    }
  }

  const ports = evidenceAt(checks, 'tcp.ports', DIRECT_PATH);
  // Another address answering on the RDP port (a fresh DNS answer) means the address is stale, not the port blocked.
  const rdpAnswersElsewhere = tcp?.attempts.some((a) => a.outcome === 'open') ?? false;
  if (ports !== undefined && !rdpAnswersElsewhere) {
    const finding = portBlocked(ports, values);
    if (finding !== null) findings.push(finding);
  }
  const inspection = tlsInspection(checks, values);
  if (inspection !== null) findings.push(inspection);
  return findings;
}

/** Where the chain presented to a `tls.inspection` handshake ends: its last issuer's name. */
function chainTop(e: TlsInspectionEvidence): string {
  const top = e.chain.at(-1);
  if (top === undefined) return 'no chain';
  return `"${(top.selfSigned ? top.subjectCN : top.issuerCN) ?? 'unnamed'}"`;
}

/** One finding for every path whose `tls.inspection` chain ends outside the trusted roots. */
function tlsInspection(checks: readonly CheckResult[], values: CommandValues): Finding | null {
  const inspected = checks.flatMap((check) =>
    check.evidence?.kind === 'tls.inspection' && check.evidence.outcome === 'inspected' && isPathId(check.path)
      ? [{ path: check.path, e: check.evidence }]
      : [],
  );
  const first = inspected[0];
  if (first === undefined) return null;
  const where = inspected
    .map(({ e }) => `${e.proxy === null ? 'directly' : `through ${e.proxy}`} the chain ends at ${chainTop(e)}`)
    .join('; ');
  return makeFinding('edge.tls-inspection', {
    detail: `A TLS handshake with ${first.e.endpoint} got a certificate chain that does not end in ${first.e.roots === 'node-bundled' ? "Node's bundled public roots" : 'the trusted roots'}: ${where}. Something on the way re-signs HTTPS.`,
    evidence: inspected.map(({ path, e }) => ({
      check: checkKey('tls.inspection', path),
      says: `${e.chain.map((c) => c.subjectCN ?? '?').join(' <- ')} issued by ${chainTop(e)} (SHA-256 of leaf ${e.chain[0]?.sha256 ?? '-'})`,
    })),
    confidence: 'high',
    values,
  });
}

/** Only the RDP port is silent while another port answers (open or refused): the host is there. */
function portBlocked(e: TcpPortsEvidence, values: CommandValues): Finding | null {
  const own = e.ports.find((p) => p.port === e.targetPort);
  if (own === undefined || own.outcome !== 'filtered') return null;
  const answering = e.ports.filter((p) => p.port !== e.targetPort && (p.outcome === 'open' || p.outcome === 'refused'));
  if (answering.length === 0) return null;
  const key = checkKey('tcp.ports', DIRECT_PATH);
  return makeFinding('edge.port-blocked', {
    detail: `${e.address} answers on ${answering.map((p) => `${p.port} (${p.outcome})`).join(', ')} but not on ${e.targetPort} within ${e.timeoutMs} ms: the host is reachable and only the RDP port is filtered on the way.`,
    evidence: e.ports.map((p) => ({ check: key, says: `${e.address}:${p.port} ${p.outcome}` })),
    // An NSG that allows 443 but not RDP looks the same from here: no surer than tcp.filtered.
    confidence: 'low',
    values: { ...values, address: e.address },
  });
}
