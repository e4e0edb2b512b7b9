import { describe, expect, it } from 'vitest';
import { rdpFindings } from '../../../../src/core/diagnosis/rdp-rules.js';
import type {
  RdpNegotiateEvidence,
  RdpNtlmEvidence,
  RdpProtocolsEvidence,
  RdpTlsEvidence,
  UdpRdpEvidence,
} from '../../../../src/core/evidence/rdp.js';
import { NEGOTIATION_FAILURE_REMEDIES } from '../../../../src/core/findings/rdp-findings.js';
import { type CheckResult, CheckResultSchema, FindingSchema } from '../../../../src/core/report-schema.js';
import type { Target } from '../../../../src/core/target.js';

const target: Target = {
  input: 'vm.example.com',
  host: 'vm.example.com',
  hostKind: 'hostname',
  port: 3389,
  portSource: 'default',
};

function check(evidence: CheckResult['evidence'] & object): CheckResult {
  const result: CheckResult = {
    id: evidence.kind,
    path: 'direct',
    title: evidence.kind,
    status: 'pass',
    summary: '',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    evidence,
  };
  return CheckResultSchema.parse(result);
}

const negotiated: RdpNegotiateEvidence = {
  kind: 'rdp.negotiate',
  address: '20.1.2.3',
  port: 3389,
  requestedProtocols: 11,
  sentToken: 'Cookie: mstshash=rdpprobe',
  outcome: 'negotiated',
  selectedProtocol: 2,
  selectedProtocolName: 'CredSSP (NLA)',
  flags: 0x1f,
  flagNames: ['EXTENDED_CLIENT_DATA_SUPPORTED'],
  failureCode: null,
  failureName: null,
  sourceRef: 0x1234,
  reply: null,
  connectMs: 1,
  replyMs: 1,
  error: null,
};

const tls: RdpTlsEvidence = {
  kind: 'rdp.tls',
  address: '20.1.2.3',
  port: 3389,
  selectedProtocol: 2,
  servername: 'vm.example.com',
  outcome: 'ok',
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  certificate: {
    subject: 'CN=WIN-VM01',
    subjectCN: 'WIN-VM01',
    subjectAltNames: [],
    issuer: 'CN=WIN-VM01',
    issuerCN: 'WIN-VM01',
    selfSigned: true,
    validFrom: '2025-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    expired: false,
    notYetValid: false,
    sha1: 'AB'.repeat(20),
    sha256: 'CD'.repeat(32),
    serialNumber: '01',
    keyType: 'rsa',
    keyBits: 2048,
    trusted: false,
    trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    matchesHost: false,
  },
  handshakeMs: 2,
  error: null,
};

const ntlm: RdpNtlmEvidence = {
  kind: 'rdp.ntlm',
  address: '20.1.2.3',
  port: 3389,
  outcome: 'challenge',
  credSspVersion: 6,
  errorCode: null,
  identity: {
    targetName: 'WIN-VM01',
    nbComputerName: 'WIN-VM01',
    nbDomainName: 'WIN-VM01',
    dnsComputerName: 'WIN-VM01',
    dnsDomainName: 'WIN-VM01',
    dnsTreeName: null,
    version: '10.0.20348',
    windowsName: 'Windows Server 2022',
  },
  serverTime: '2026-01-01T00:00:10.000Z',
  localTime: '2026-01-01T00:00:00.000Z',
  skewMs: 10_000,
  error: null,
};

const codes = (checks: CheckResult[], expectedHostName: string | null = null) =>
  rdpFindings({ target, checks, expectedHostName }).map((f) => FindingSchema.parse(f).code);

describe('rdpFindings', () => {
  it('reports rdp.ok and the host identity, and no wrong-host when the CN differs from the DNS name', () => {
    expect(codes([check(negotiated), check(tls), check(ntlm)])).toEqual(['rdp.ok', 'rdp.host-identity']);
    const [, identity] = rdpFindings({ target, checks: [check(negotiated), check(ntlm)], expectedHostName: null });
    expect(identity?.detail).toBe('You reached WIN-VM01, Windows Server 2022 (10.0.20348).');
  });

  it('reports rdp.wrong-host only against an expected computer name', () => {
    expect(codes([check(negotiated), check(tls), check(ntlm)], 'win-vm01')).not.toContain('rdp.wrong-host');
    expect(codes([check(negotiated), check(tls), check(ntlm)], 'WIN-VM01.contoso.local')).not.toContain(
      'rdp.wrong-host',
    );
    const wrong = rdpFindings({
      target,
      checks: [check(negotiated), check(tls), check(ntlm)],
      expectedHostName: 'APP-VM02',
    });
    const finding = wrong.find((f) => f.code === 'rdp.wrong-host');
    expect(finding?.confidence).toBe('high');
    expect(finding?.detail).toContain('WIN-VM01');
    const certOnly = rdpFindings({ target, checks: [check(negotiated), check(tls)], expectedHostName: 'APP-VM02' });
    expect(certOnly.find((f) => f.code === 'rdp.wrong-host')?.confidence).toBe('medium');
  });

  it('gives each failure code its own remedy', () => {
    const summaries = new Set<string>();
    for (const code of [1, 2, 3, 4, 5, 6] as const) {
      const failure: RdpNegotiateEvidence = {
        ...negotiated,
        outcome: 'failure',
        selectedProtocol: null,
        selectedProtocolName: null,
        flags: null,
        flagNames: [],
        failureCode: code,
        failureName: 'X',
      };
      const [finding] = rdpFindings({ target, checks: [check(failure)], expectedHostName: null });
      expect(finding?.code).toBe('rdp.negotiation-failed');
      expect(finding?.remedy.summary).toBe(NEGOTIATION_FAILURE_REMEDIES[code].remedy);
      summaries.add(finding?.remedy.summary ?? '');
    }
    expect(summaries.size).toBe(6);
  });

  it('reports not-rdp with what answered, and closed-after-connect for silence or a close', () => {
    const http: RdpNegotiateEvidence = {
      ...negotiated,
      outcome: 'not-rdp',
      selectedProtocol: null,
      reply: {
        kind: 'http',
        ended: 'complete',
        bytes: 30,
        headHex: '48545450',
        text: 'HTTP/1.1 400 Bad Request',
        description: 'an HTTP server (HTTP/1.1 400 Bad Request)',
      },
    };
    const [notRdp] = rdpFindings({ target, checks: [check(http)], expectedHostName: null });
    expect(notRdp?.code).toBe('rdp.not-rdp');
    expect(notRdp?.detail).toContain('HTTP/1.1 400 Bad Request');
    expect(codes([check({ ...negotiated, outcome: 'closed', selectedProtocol: null })])).toEqual([
      'rdp.closed-after-connect',
    ]);
    expect(codes([check({ ...negotiated, outcome: 'no-reply', selectedProtocol: null })])).toEqual([
      'rdp.closed-after-connect',
    ]);
    expect(codes([check({ ...negotiated, outcome: 'connect-failed', selectedProtocol: null })])).toEqual([]);
  });

  it('reports an expired certificate, a failed TLS handshake and clock skew', () => {
    const expired: RdpTlsEvidence = { ...tls, certificate: tls.certificate && { ...tls.certificate, expired: true } };
    expect(codes([check(negotiated), check(expired)])).toContain('rdp.cert-expired');
    const failed: RdpTlsEvidence = { ...tls, outcome: 'handshake-failed', certificate: null, error: 'ECONNRESET' };
    expect(codes([check(negotiated), check(failed)])).toContain('rdp.tls-failed');
    const skewed: RdpNtlmEvidence = { ...ntlm, skewMs: -6 * 60_000, serverTime: '2025-12-31T23:54:00.000Z' };
    expect(codes([check(negotiated), check(skewed)])).toContain('rdp.clock-skew');
    expect(codes([check(negotiated), check(ntlm)])).not.toContain('rdp.clock-skew');
  });

  it('reports NLA enforcement and unconfirmed UDP as information', () => {
    const protocols: RdpProtocolsEvidence = {
      kind: 'rdp.protocols',
      address: '20.1.2.3',
      port: 3389,
      attempts: [],
      nlaEnforced: true,
    };
    const udp: UdpRdpEvidence = {
      kind: 'udp.rdp',
      address: '20.1.2.3',
      port: 3389,
      outcome: 'not-confirmed',
      synsSent: 3,
      rttMs: null,
      udpVersion: null,
      ignoredDatagrams: 0,
      error: null,
    };
    const findings = rdpFindings({ target, checks: [check(protocols), check(udp)], expectedHostName: null });
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['rdp.nla-enforced', 'info'],
      ['udp.not-confirmed', 'info'],
    ]);
    expect(codes([check({ ...udp, outcome: 'confirmed' })])).toEqual([]);
  });
});
