import { describe, expect, it } from 'vitest';
import { edgeFindings } from '../../../../src/core/diagnosis/edge-rules.js';
import { diagnose } from '../../../../src/core/diagnosis.js';
import type { ProxyConnectEvidence, TcpPortsEvidence } from '../../../../src/core/evidence/edge.js';
import type { RdpNegotiateEvidence } from '../../../../src/core/evidence/rdp.js';
import { type CheckResult, FindingSchema } from '../../../../src/core/report-schema.js';
import type { Target } from '../../../../src/core/target.js';
import { result, tcp } from '../../../support/checks.js';

const target: Target = {
  input: '203.0.113.10',
  host: '203.0.113.10',
  hostKind: 'ipv4',
  port: 3389,
  portSource: 'default',
};
const PATH = 'proxy:http://198.51.100.1:3128';

function onPath(evidence: CheckResult['evidence'] & object, status: CheckResult['status'] = 'pass'): CheckResult {
  return { ...result(evidence, status), path: PATH };
}

function tunnel(
  outcome: ProxyConnectEvidence['outcome'],
  statusCode: number | null,
  statusLine: string | null,
): ProxyConnectEvidence {
  return {
    kind: 'proxy.connect',
    proxy: 'http://198.51.100.1:3128',
    scheme: 'http',
    source: 'env',
    destination: '203.0.113.10:3389',
    outcome,
    statusCode,
    statusLine,
    headers: {
      server: 'squid/5.7',
      via: null,
      squidError: outcome === 'denied' ? 'ERR_ACCESS_DENIED 0' : null,
      authSchemes: outcome === 'auth-required' ? ['Basic'] : [],
    },
    connectMs: 1,
    replyMs: 1,
    error: null,
  };
}

const negotiated: RdpNegotiateEvidence = {
  kind: 'rdp.negotiate',
  address: '203.0.113.10',
  port: 3389,
  requestedProtocols: 11,
  sentToken: 'Cookie: mstshash=rdpprobe',
  outcome: 'negotiated',
  selectedProtocol: 1,
  selectedProtocolName: 'TLS',
  flags: 0,
  flagNames: [],
  failureCode: null,
  failureName: null,
  sourceRef: 0x1234,
  reply: null,
  connectMs: 1,
  replyMs: 1,
  error: null,
};

const filtered = result(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'filtered' }]), 'fail');
const open = result(tcp(3389, [{ address: '203.0.113.10', via: 'literal', outcome: 'open' }]));

describe('edge rules', () => {
  it('a tunnel that reaches RDP while the direct path is filtered: edge.direct-blocked-proxy-ok, deciding the verdict', () => {
    const checks = [filtered, onPath(tunnel('tunnel', 200, 'HTTP/1.1 200 Connection established')), onPath(negotiated)];
    const findings = edgeFindings({ target, checks });
    expect(findings.map((f) => f.code)).toEqual(['edge.direct-blocked-proxy-ok']);
    expect(() => FindingSchema.parse(findings[0])).not.toThrow();
    expect(findings[0]?.detail).toContain('the environment');
    expect(findings[0]?.remedy.summary).not.toMatch(/RDP will work through the proxy/i);
    const { verdict } = diagnose({ target, checks, expectIp: null, expectedHostName: null });
    expect(verdict).toMatchObject({ reachable: 'no', likelySource: 2 });
  });

  it('a tunnel while the direct path works says nothing', () => {
    const checks = [open, onPath(tunnel('tunnel', 200, 'HTTP/1.1 200 OK')), onPath(negotiated)];
    expect(edgeFindings({ target, checks })).toEqual([]);
  });

  it('a 403 to CONNECT is edge.proxy-denies-connect: a warning alone, a blocker when the direct path is blocked too', () => {
    const denied = onPath(tunnel('denied', 403, 'HTTP/1.1 403 Forbidden'), 'fail');
    expect(edgeFindings({ target, checks: [open, denied] })).toMatchObject([
      { code: 'edge.proxy-denies-connect', severity: 'warning', source: 2 },
    ]);
    const [blocking] = edgeFindings({ target, checks: [filtered, denied] });
    expect(blocking).toMatchObject({ severity: 'blocker', candidates: [1, 4] });
    expect(blocking?.detail).toContain('X-Squid-Error: ERR_ACCESS_DENIED 0');
  });

  it('a 407 is edge.proxy-auth-required with the offered scheme', () => {
    const [finding] = edgeFindings({
      target,
      checks: [open, onPath(tunnel('auth-required', 407, 'HTTP/1.1 407 Proxy Authentication Required'), 'fail')],
    });
    expect(finding).toMatchObject({ code: 'edge.proxy-auth-required', severity: 'warning' });
    expect(finding?.evidence[0]?.says).toContain('Proxy-Authenticate: Basic');
  });

  const ports = (outcomes: Record<number, TcpPortsEvidence['ports'][number]['outcome']>): CheckResult =>
    result({
      kind: 'tcp.ports',
      address: '203.0.113.10',
      targetPort: 3389,
      timeoutMs: 1000,
      ports: Object.entries(outcomes).map(([port, outcome]) => ({
        port: Number(port),
        outcome,
        connectMs: null,
        errorCode: null,
      })),
    });

  it('only the RDP port silent while 443 answers: edge.port-blocked; everything silent: no finding', () => {
    expect(
      edgeFindings({ target, checks: [filtered, ports({ 3389: 'filtered', 443: 'open', 22: 'filtered' })] }),
    ).toMatchObject([{ code: 'edge.port-blocked', confidence: 'low' }]);
    expect(
      edgeFindings({ target, checks: [filtered, ports({ 3389: 'filtered', 443: 'filtered', 80: 'filtered' })] }),
    ).toEqual([]);
    expect(edgeFindings({ target, checks: [open, ports({ 3389: 'open', 443: 'refused' })] })).toEqual([]);
    // A stale cached address: the fresh one answers on 3389, so the port is not what is blocked.
    const stale = result(
      tcp(3389, [
        { address: '203.0.113.10', via: 'os', outcome: 'filtered' },
        { address: '203.0.113.20', via: 'fresh', outcome: 'open' },
      ]),
      'fail',
    );
    expect(edgeFindings({ target, checks: [stale, ports({ 3389: 'filtered', 443: 'refused' })] })).toEqual([]);
  });
});
