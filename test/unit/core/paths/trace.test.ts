import { describe, expect, it } from 'vitest';
import type { PathTraceEvidence, TraceHop } from '../../../../src/core/evidence/path.js';
import {
  describeTrace,
  destinationAnswered,
  lastHopOf,
  TRACE_MAX_TTL,
  tcpTraceCommand,
  traceCommand,
} from '../../../../src/core/paths/trace.js';

const hop = (ttl: number, address: string | null, note: string | null = null): TraceHop => ({
  ttl,
  address,
  rttMs: address === null ? null : 1.5,
  note,
});

function evidence(hops: TraceHop[], over: Partial<PathTraceEvidence> = {}): PathTraceEvidence {
  return {
    kind: 'path.trace',
    address: '203.0.113.10',
    family: 4,
    port: 3389,
    tool: 'traceroute',
    mode: 'udp',
    command: 'traceroute -n -q 1 -w 1 -m 12 203.0.113.10',
    maxTtl: TRACE_MAX_TTL,
    hops,
    lastHop: lastHopOf(hops),
    destinationAnswered: destinationAnswered(hops, '203.0.113.10'),
    ended: 'complete',
    notUsed: [],
    error: null,
    ...over,
  };
}

describe('the trace commands', () => {
  it('sends TCP SYN to the RDP port on Linux only, one probe a hop, a second each', () => {
    expect(tcpTraceCommand('linux', '203.0.113.10', 3389, 12)).toEqual({
      program: 'traceroute',
      args: ['-n', '-T', '-p', '3389', '-q', '1', '-w', '1', '-m', '12', '203.0.113.10'],
      display: 'traceroute -n -T -p 3389 -q 1 -w 1 -m 12 203.0.113.10',
      mode: 'tcp',
    });
    expect(tcpTraceCommand('macos', '203.0.113.10', 3389, 12)).toBeNull();
    expect(tcpTraceCommand('windows', '203.0.113.10', 3389, 12)).toBeNull();
  });

  it('runs traceroute (UDP) on Linux and macOS, traceroute6 for IPv6 on macOS, tracert (ICMP) on Windows', () => {
    expect(traceCommand('linux', '203.0.113.10', 12)).toMatchObject({
      display: 'traceroute -n -q 1 -w 1 -m 12 203.0.113.10',
      mode: 'udp',
    });
    expect(traceCommand('macos', '2001:db8::10', 12)).toMatchObject({
      program: 'traceroute6',
      display: 'traceroute6 -n -q 1 -w 1 -m 12 2001:db8::10',
    });
    expect(traceCommand('windows', '203.0.113.10', 12)).toMatchObject({
      display: 'tracert -d -h 12 -w 1000 203.0.113.10',
      mode: 'icmp',
    });
  });
});

describe('the trace in plain words', () => {
  it('names the last hop that answered, inside your network, and says silence proves nothing', () => {
    const e = evidence([hop(1, '192.168.1.1'), hop(2, '198.18.60.2'), hop(3, null), hop(4, null)]);
    expect(e.lastHop).toEqual({ ttl: 2, address: '198.18.60.2', public: false });
    expect(describeTrace(e)).toEqual({
      status: 'info',
      summary:
        "Packets get as far as 198.18.60.2 (hop 2, a private address: inside your network or your provider's); nothing answers after it (UDP probes, traceroute). Routers and firewalls may not answer UDP probes, so silence after a hop does not prove the packets stop there.",
    });
  });

  it('says when the last hop is public, beyond your network, and when the time ran out', () => {
    const e = evidence([hop(1, '192.168.1.1'), hop(2, '198.51.100.1'), hop(3, null)], {
      mode: 'tcp',
      ended: 'timeout',
    });
    expect(describeTrace(e).summary).toBe(
      'Packets to port 3389 get as far as 198.51.100.1 (hop 2, a public address: beyond your network); nothing answers after it (TTL-limited TCP probes, traceroute). Routers and firewalls may not answer TTL-limited TCP probes, so silence after a hop does not prove the packets stop there. The trace reached its time limit after hop 3; later hops are unknown.',
    );
  });

  it('says a hop turned the probes away', () => {
    const e = evidence(
      [hop(1, '198.18.60.2'), hop(2, '198.18.60.2', '!X (communication administratively prohibited)')],
      {
        mode: 'tcp',
      },
    );
    expect(describeTrace(e).summary).toMatch(
      /^Packets to port 3389 get as far as 198\.18\.60\.2 \(hop 2, .*\); it answered !X \(communication administratively prohibited\): something there turns the probes away/,
    );
  });

  it('tells a destination that answers apart: the way works, the port is what stops TCP', () => {
    const e = evidence([hop(1, '198.18.60.2'), hop(2, '203.0.113.10')]);
    expect(e.destinationAnswered).toBe(true);
    expect(describeTrace(e).summary).toBe(
      'Packets reach 203.0.113.10 (hop 2, UDP probes, traceroute): the way there works, so what stops TCP to port 3389 is that port: a network security group, a firewall or the VM.',
    );
  });

  it('says when no hop answered, when the trace could not run, and when nothing could trace', () => {
    expect(describeTrace(evidence([hop(1, null), hop(2, null)])).summary).toMatch(
      /^No hop answered \(UDP probes, traceroute, TTL 1 to 2\): the trace shows nothing beyond this computer\. Routers/,
    );
    expect(describeTrace(evidence([], { ended: 'error', error: 'connect: Network is unreachable' }))).toEqual({
      status: 'info',
      summary: 'The trace to 203.0.113.10 could not run (UDP probes, traceroute): connect: Network is unreachable.',
    });
    expect(
      describeTrace(
        evidence([], { tool: null, mode: null, command: null, ended: 'not-run', error: 'traceroute is not installed' }),
      ),
    ).toEqual({ status: 'skipped', summary: 'Not traced: traceroute is not installed.' });
  });
});
