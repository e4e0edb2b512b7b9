import { type CommandValues, fillCommand, makeFinding } from '../findings/make-finding.js';
import { NEGOTIATION_FAILURE_REMEDIES, RDP_THRESHOLDS } from '../findings/rdp-findings.js';
import { checkKey, DIRECT_PATH } from '../ids.js';
import { isFailureCode } from '../rdp/protocols.js';
import type {
  CheckResult,
  Finding,
  RdpNegotiateEvidence,
  RdpNtlmEvidence,
  RdpProtocolsEvidence,
  RdpTlsEvidence,
  UdpRdpEvidence,
} from '../report-schema.js';
import type { Target } from '../target.js';

/** What the RDP rules read: the run's checks and, when known, the computer name the VM should have. */
export interface RdpRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
  /** The expected computer name (from Azure's osProfile.computerName or the user); null when unknown. */
  readonly expectedHostName: string | null;
}

type RdpEvidence = RdpNegotiateEvidence | RdpProtocolsEvidence | RdpTlsEvidence | RdpNtlmEvidence | UdpRdpEvidence;

function evidenceOf<K extends RdpEvidence['kind']>(
  checks: readonly CheckResult[],
  kind: K,
): Extract<RdpEvidence, { kind: K }> | undefined {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as Extract<RdpEvidence, { kind: K }> | undefined;
}

/**
 * The RDP findings of a run, a pure function of the check results: whether RDP answers and negotiates,
 * the certificate, the host identity and clock, NLA enforcement and UDP. A self-signed CN that differs from
 * the dialled DNS name is normal on Azure (it is the computer name) and is not a finding; only a name that
 * differs from `expectedHostName` makes `rdp.wrong-host`.
 */
export function rdpFindings(input: RdpRulesInput): Finding[] {
  const { target, checks } = input;
  const negotiate = evidenceOf(checks, 'rdp.negotiate');
  const tls = evidenceOf(checks, 'rdp.tls');
  const ntlm = evidenceOf(checks, 'rdp.ntlm');
  const protocols = evidenceOf(checks, 'rdp.protocols');
  const udp = evidenceOf(checks, 'udp.rdp');
  const values: CommandValues = {
    host: target.host,
    port: String(target.port),
    ...(negotiate ? { address: negotiate.address } : {}),
    ...(input.expectedHostName !== null ? { expected: input.expectedHostName } : {}),
  };
  const findings: Finding[] = [];
  if (negotiate !== undefined) findings.push(...negotiationFindings(negotiate, values));
  if (tls !== undefined) findings.push(...tlsFindings(tls, values));
  if (ntlm?.identity) findings.push(identityFinding(ntlm, values));
  if (ntlm?.skewMs != null && Math.abs(ntlm.skewMs) > RDP_THRESHOLDS.clockSkewMs) {
    const minutes = Math.round(Math.abs(ntlm.skewMs) / 60_000);
    findings.push(
      makeFinding('rdp.clock-skew', {
        detail: `The server's clock reads ${ntlm.serverTime}, ${minutes} minutes ${ntlm.skewMs > 0 ? 'ahead of' : 'behind'} this computer (${ntlm.localTime}).`,
        evidence: [{ check: checkKey('rdp.ntlm', DIRECT_PATH), says: `MsvAvTimestamp ${ntlm.serverTime}` }],
        confidence: 'high',
        values,
      }),
    );
  }
  const wrongHost = wrongHostFinding(input.expectedHostName, tls, ntlm, values);
  if (wrongHost !== null) findings.push(wrongHost);
  if (protocols?.nlaEnforced === true) {
    findings.push(
      makeFinding('rdp.nla-enforced', {
        detail: `Offering TLS alone to ${protocols.address}:${protocols.port} is refused with HYBRID_REQUIRED_BY_SERVER: only NLA-capable clients get in.`,
        evidence: [{ check: checkKey('rdp.protocols', DIRECT_PATH), says: describeProtocols(protocols) }],
        confidence: 'high',
        values,
      }),
    );
  }
  if (udp !== undefined && udp.outcome !== 'confirmed') {
    const why =
      udp.outcome === 'refused'
        ? 'the host answered that nothing listens on that UDP port (ICMP port unreachable)'
        : udp.outcome === 'error'
          ? `the datagram could not be sent (${udp.error ?? 'error'})`
          : `no RDP-UDP answer to ${udp.synsSent} SYN datagrams`;
    findings.push(
      makeFinding('udp.not-confirmed', {
        detail: `UDP ${udp.address}:${udp.port}: ${why}. RDP falls back to TCP.`,
        evidence: [{ check: checkKey('udp.rdp', DIRECT_PATH), says: udp.outcome }],
        confidence: udp.outcome === 'refused' ? 'high' : 'low',
        values,
        ...(udp.outcome === 'refused' ? { source: 5 as const, candidates: [] } : {}),
      }),
    );
  }
  return findings;
}

function negotiationFindings(e: RdpNegotiateEvidence, values: CommandValues): Finding[] {
  const key = checkKey('rdp.negotiate', DIRECT_PATH);
  const where = `${e.address}:${e.port}`;
  switch (e.outcome) {
    case 'negotiated':
    case 'no-negotiation-data': {
      const detail =
        e.outcome === 'negotiated'
          ? `${where} answered as an RDP server and selected ${e.selectedProtocolName ?? 'a protocol'}${e.flagNames.length > 0 ? ` (${e.flagNames.join(', ')})` : ''}.`
          : `${where} answered as an RDP server but sent no negotiation data: a legacy server (Windows XP/2003 era or an old xrdp) that offers Standard RDP Security only, which current clients may refuse.`;
      return [
        makeFinding('rdp.ok', {
          detail,
          evidence: [
            { check: key, says: e.outcome === 'negotiated' ? `selected ${e.selectedProtocol}` : 'no negotiation data' },
          ],
          confidence: 'high',
          values,
          ...(e.outcome === 'no-negotiation-data' ? { severity: 'warning' as const } : {}),
        }),
      ];
    }
    case 'failure': {
      const code = e.failureCode ?? 0;
      const finding = makeFinding('rdp.negotiation-failed', {
        detail: `${where} refused the security protocols we offered with RDP_NEG_FAILURE ${code} (${e.failureName ?? 'unknown'}).`,
        evidence: [{ check: key, says: `failure code ${code} ${e.failureName ?? ''}`.trim() }],
        confidence: 'high',
        values,
        ...(code === 4 ? { source: 1 as const, candidates: [2 as const] } : {}),
      });
      if (!isFailureCode(code)) return [finding];
      const specific = NEGOTIATION_FAILURE_REMEDIES[code];
      return [
        {
          ...finding,
          detail: `${finding.detail} ${specific.headline}.`,
          remedy: {
            summary: specific.remedy,
            steps: specific.steps.map((step) => ({ ...step, command: fillCommand(step.command, values) })),
          },
        },
      ];
    }
    case 'not-rdp':
    case 'invalid-confirm':
      return [
        makeFinding('rdp.not-rdp', {
          detail:
            e.outcome === 'not-rdp'
              ? `${where} answered our RDP Connection Request with ${e.reply?.description ?? 'something that is not RDP'}.`
              : `${where} answered with a malformed Connection Confirm (${e.error ?? 'invalid'}): not a working RDP server.`,
          evidence: [
            { check: key, says: e.reply ? `${e.reply.kind}, ${e.reply.bytes} bytes: ${e.reply.headHex}` : e.outcome },
          ],
          confidence: e.outcome === 'not-rdp' ? 'high' : 'medium',
          values,
        }),
      ];
    case 'closed':
    case 'reset':
    case 'no-reply': {
      const what =
        e.outcome === 'no-reply'
          ? 'accepted the connection but sent nothing back before our timeout'
          : e.outcome === 'reset'
            ? 'accepted the connection, then reset it without answering'
            : 'accepted the connection, then closed it without answering';
      return [
        makeFinding('rdp.closed-after-connect', {
          detail: `${where} ${what} our RDP Connection Request.`,
          evidence: [{ check: key, says: `${e.outcome}${e.error ? ` (${e.error})` : ''}` }],
          confidence: 'medium',
          values,
        }),
      ];
    }
    case 'connect-failed':
      return [];
  }
}

function tlsFindings(e: RdpTlsEvidence, values: CommandValues): Finding[] {
  const key = checkKey('rdp.tls', DIRECT_PATH);
  if (e.outcome === 'handshake-failed') {
    return [
      makeFinding('rdp.tls-failed', {
        detail: `${e.address}:${e.port} selected TLS, but the TLS handshake failed: ${e.error ?? 'unknown error'}.`,
        evidence: [{ check: key, says: e.error ?? 'handshake failed' }],
        confidence: 'medium',
        values,
      }),
    ];
  }
  const cert = e.certificate;
  if (cert === null || (!cert.expired && !cert.notYetValid)) return [];
  return [
    makeFinding('rdp.cert-expired', {
      detail: cert.expired
        ? `The certificate of ${e.address}:${e.port} (CN ${cert.subjectCN ?? '?'}, SHA-1 ${cert.sha1}) expired on ${cert.validTo}.`
        : `The certificate of ${e.address}:${e.port} (CN ${cert.subjectCN ?? '?'}, SHA-1 ${cert.sha1}) is valid only from ${cert.validFrom}: check the clocks.`,
      evidence: [{ check: key, says: `valid ${cert.validFrom} to ${cert.validTo}` }],
      confidence: 'high',
      values,
    }),
  ];
}

function identityFinding(e: RdpNtlmEvidence, values: CommandValues): Finding {
  const id = e.identity;
  const name = id?.dnsComputerName ?? id?.nbComputerName ?? id?.targetName ?? 'an unnamed host';
  const domain = id?.dnsDomainName ?? id?.nbDomainName;
  const os = id?.windowsName
    ? `${id.windowsName}${id.version ? ` (${id.version})` : ''}`
    : id?.version
      ? `Windows ${id.version}`
      : null;
  return makeFinding('rdp.host-identity', {
    detail: `You reached ${name}${domain && domain !== name ? ` in ${domain}` : ''}${os ? `, ${os}` : ''}.`,
    evidence: [
      {
        check: checkKey('rdp.ntlm', DIRECT_PATH),
        says: [
          id?.nbComputerName && `NetBIOS ${id.nbComputerName}`,
          id?.dnsComputerName && `DNS ${id.dnsComputerName}`,
          id?.nbDomainName && `domain ${id.nbDomainName}`,
          id?.dnsTreeName && `forest ${id.dnsTreeName}`,
          id?.version && `version ${id.version}`,
        ]
          .filter(Boolean)
          .join(', '),
      },
    ],
    confidence: 'high',
    values,
  });
}

/** First DNS label, lower-case: `WIN-VM01.contoso.local` and `win-vm01` compare equal. */
function hostLabel(name: string): string {
  return (name.split('.')[0] ?? '').trim().toLowerCase();
}

function wrongHostFinding(
  expected: string | null,
  tls: RdpTlsEvidence | undefined,
  ntlm: RdpNtlmEvidence | undefined,
  values: CommandValues,
): Finding | null {
  if (expected === null || expected.trim() === '') return null;
  const want = hostLabel(expected);
  const matches = (name: string | null | undefined) =>
    name != null && (hostLabel(name) === want || hostLabel(name) === want.slice(0, 15));
  const cert = tls?.certificate ?? null;
  const id = ntlm?.identity ?? null;
  const ntlmNames = [id?.nbComputerName, id?.dnsComputerName].filter((n): n is string => typeof n === 'string');
  const certNames = cert ? [cert.subjectCN, ...cert.subjectAltNames.map((s) => s.replace(/^DNS:/, ''))] : [];
  if ([...ntlmNames, ...certNames].some(matches)) return null;
  const evidence: Finding['evidence'] = [];
  // A CA-issued certificate names a DNS name, not necessarily the computer: it counts only when it matches.
  if (cert?.selfSigned && cert.subjectCN) {
    evidence.push({ check: checkKey('rdp.tls', DIRECT_PATH), says: `self-signed certificate CN ${cert.subjectCN}` });
  }
  if (ntlmNames.length > 0)
    evidence.push({ check: checkKey('rdp.ntlm', DIRECT_PATH), says: `NTLM computer name ${ntlmNames.join(' / ')}` });
  if (evidence.length === 0) return null;
  const seen = [...new Set([...(cert?.selfSigned && cert.subjectCN ? [cert.subjectCN] : []), ...ntlmNames])];
  return makeFinding('rdp.wrong-host', {
    detail: `The RDP server at this address calls itself ${seen.join(' / ')}, not ${expected}.`,
    evidence: [...evidence, { check: 'expected', says: expected }],
    confidence: ntlmNames.length > 0 ? 'high' : 'medium',
    values,
  });
}

function describeProtocols(e: RdpProtocolsEvidence): string {
  return e.attempts.map((a) => `${a.protocol} ${a.result}${a.failureName ? ` (${a.failureName})` : ''}`).join(', ');
}
