import { describe, expect, it } from 'vitest';
import { pathFindings } from '../../../../src/core/diagnosis/path-rules.js';
import { diagnose } from '../../../../src/core/diagnosis.js';
import { placeVerdicts } from '../../../../src/core/places.js';
import type {
  CheckResult,
  IcmpPingEvidence,
  MtuProbe,
  RdpTlsEvidence,
  RoutePathEvidence,
} from '../../../../src/core/report-schema.js';
import { parseTarget } from '../../../../src/core/target.js';
import { result, tcp } from '../../../support/checks.js';

const target = (() => {
  const parsed = parseTarget('198.18.41.2');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();

function route(iface: string, vpn: RoutePathEvidence['vpn']): RoutePathEvidence {
  return {
    kind: 'route.path',
    os: 'linux',
    destination: '198.18.41.2',
    lookup: { command: 'ip -j route get 198.18.41.2', outcome: 'read', message: null },
    outcome: 'route',
    route: { interface: iface, gateway: null, source: '198.18.50.1', type: null, mtu: 1500, description: null },
    vpn,
    vpnInterfaces: vpn === null ? [] : [vpn],
    interfaces: ['lo', iface],
  };
}
const wg0 = { name: 'wg0', why: 'WireGuard creates it', agent: 'WireGuard' };

const stalled: RdpTlsEvidence = {
  kind: 'rdp.tls',
  address: '198.18.41.2',
  port: 3389,
  selectedProtocol: 1,
  servername: null,
  outcome: 'handshake-failed',
  tlsVersion: null,
  cipher: null,
  certificate: null,
  handshakeMs: 1000.4,
  error: 'no TLS handshake within 1000 ms',
};

const probe = (size: number, outcome: MtuProbe['outcome'], mtu: number | null = null): MtuProbe => ({
  size,
  packetBytes: size + 28,
  outcome,
  mtu,
  from: mtu === null ? null : '198.18.40.2',
  message: null,
});

function ping(probes: MtuProbe[] | null, largestPassed: number | null, pathMtu: number | null): IcmpPingEvidence {
  return {
    kind: 'icmp.ping',
    address: '198.18.41.2',
    family: 4,
    method: 'os-ping',
    command: 'ping -n -c 3 -i 0.2 -W 1 198.18.41.2',
    netPing: null,
    sent: 3,
    received: 3,
    rttMs: [0.1, 0.1, 0.1],
    error: null,
    mtu:
      probes === null
        ? null
        : {
            reason: 'stalled',
            command: 'ping -n -M do -s <size> -c 1 -W 1 198.18.41.2',
            probes,
            largestPassed,
            pathMtu,
          },
  };
}

const connected = result(tcp(3389, [{ address: '198.18.41.2', via: 'literal', outcome: 'open' }]));
const blackHole = [probe(1472, 'no-reply'), probe(1372, 'no-reply'), probe(1292, 'no-reply'), probe(1272, 'reply')];

describe('path.via-vpn', () => {
  it('informs when the route to the target leaves through a VPN, pointing at the address the NSG sees', () => {
    const [finding] = pathFindings({ target, checks: [result(route('wg0', wg0), 'info')] });
    expect(finding).toMatchObject({
      code: 'path.via-vpn',
      severity: 'info',
      source: 1,
      candidates: [2, 4],
      confidence: 'high',
      evidence: [{ check: 'route.path@direct', says: '198.18.41.2: dev wg0 src 198.18.50.1 mtu 1500' }],
    });
    expect(finding?.detail).toContain('through wg0 (WireGuard creates it)');
    expect(finding?.remedy.steps.find((s) => s.os === 'linux')?.command).toBe('ip route get 198.18.41.2');
  });

  it('says nothing for an ordinary interface', () => {
    expect(pathFindings({ target, checks: [result(route('eth0', null), 'info')] })).toEqual([]);
  });
});

describe('path.mtu-suspected', () => {
  it('warns when TLS stalls after TCP connects and full-size packets do not pass', () => {
    const checks: CheckResult[] = [
      connected,
      result(stalled, 'fail'),
      result(ping(blackHole, 1272, 1300), 'pass'),
      result(route('eth0', null), 'info'),
    ];
    const [finding] = pathFindings({ target, checks });
    expect(finding).toMatchObject({ code: 'path.mtu-suspected', severity: 'warning', source: 2, confidence: 'medium' });
    expect(finding?.detail).toContain('the largest that passed carried 1272 bytes (1300-byte packets)');
    expect(finding?.detail).toContain('1500-byte packets got no answer');
    const linux = finding?.remedy.steps.filter((s) => s.os === 'linux').map((s) => s.command);
    expect(linux).toContain('sudo ip link set dev eth0 mtu 1300');
    expect(linux).toContain('ping -M do -s 1272 -c 1 198.18.41.2');
    expect(
      finding?.remedy.steps.find((s) => s.os === 'windows' && s.command.startsWith('netsh interface ipv4 set'))
        ?.command,
    ).toBe('netsh interface ipv4 set subinterface "eth0" mtu=1300 store=persistent');
  });

  it('is sure when a router named the MTU, and points at your computer on a VPN route', () => {
    const checks = [
      connected,
      result(stalled, 'fail'),
      result(ping([probe(1472, 'too-big', 1400), probe(1372, 'reply')], 1372, 1400), 'pass'),
      result(route('wg0', wg0), 'info'),
    ];
    const finding = pathFindings({ target, checks }).find((f) => f.code === 'path.mtu-suspected');
    expect(finding).toMatchObject({ source: 1, candidates: [2], confidence: 'high' });
    expect(finding?.detail).toContain('198.18.40.2 reported an MTU of 1400');
  });

  it('suspects it with low confidence on a VPN route when ping cannot measure', () => {
    const checks = [connected, result(stalled, 'fail'), result(route('wg0', wg0), 'info')];
    const finding = pathFindings({ target, checks }).find((f) => f.code === 'path.mtu-suspected');
    expect(finding).toMatchObject({ confidence: 'low', source: 1 });
    expect(finding?.remedy.steps.find((s) => s.os === 'linux' && s.command.includes('ip link set'))?.command).toBe(
      'sudo ip link set dev wg0 mtu 1350',
    );
  });

  it('says nothing when full-size packets pass, TLS did not stall, or nothing points at the MTU', () => {
    const full = ping([probe(1472, 'reply')], 1472, 1500);
    expect(pathFindings({ target, checks: [connected, result(stalled, 'fail'), result(full)] })).toEqual([]);
    const reset = { ...stalled, error: 'ECONNRESET: socket hang up' };
    expect(
      pathFindings({ target, checks: [connected, result(reset, 'fail'), result(ping(blackHole, 1272, 1300))] }),
    ).toEqual([]);
    expect(pathFindings({ target, checks: [connected, result(stalled, 'fail'), result(route('eth0', null))] })).toEqual(
      [],
    );
  });

  it('moves the stalled TLS handshake from the VM to the path in the diagnosis', () => {
    const { findings, verdict } = diagnose({
      target,
      checks: [connected, result(stalled, 'fail'), result(ping(blackHole, 1272, 1300), 'pass')],
      expectIp: null,
      expectedHostName: null,
    });
    const tls = findings.find((f) => f.code === 'rdp.tls-failed');
    expect(tls).toMatchObject({ source: 2, candidates: [5] });
    expect(tls?.evidence.at(-1)).toEqual({
      check: 'path.mtu-suspected',
      says: 'explained by: The path cannot carry full-size packets (MTU black hole)',
    });
    expect(verdict.likelySource).toBe(2);
  });
});

describe('what ping vouches for', () => {
  it('an answer vouches for the address; silence (info) vouches for nothing', () => {
    const answered = placeVerdicts([result(ping(null, null, null), 'pass')], []);
    expect(answered[0]).toEqual({ source: 0, state: 'pass', reason: 'Its checks passed' });
    const silent = placeVerdicts([result({ ...ping(null, null, null), received: 0, rttMs: [] }, 'info')], []);
    expect(silent[0]).toEqual({ source: 0, state: 'unknown', reason: 'Its checks could not confirm it' });
  });
});
