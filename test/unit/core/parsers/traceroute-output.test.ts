import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTracerouteOutput, parseTracertOutput } from '../../../../src/core/parsers/traceroute-output.js';

const fixture = (os: string, name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', os, name), 'utf8');

const stars = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ ttl: from + i, address: null, rttMs: null, note: null }));

// Recorded with Debian's traceroute 2.1.2 (Butskoy's) between test namespaces: client 198.18.60.1 →
// router 198.18.60.2 / 198.18.61.1 → target 198.18.61.2, the target's nft dropping TCP 3389 (and, for
// the killed run, UDP too); the router rejecting with admin-prohibited, having no route to 203.0.113.0/24,
// or not sending "time exceeded"; a namespace with no route at all; the TCP run as `nobody`.
describe('traceroute on Linux (recorded)', () => {
  it('reads TCP SYN probes that stop after the router', () => {
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-tcp-dropped.txt'))).toEqual({
      hops: [{ ttl: 1, address: '198.18.60.2', rttMs: 0.063, note: null }, ...stars(2, 12)],
      error: null,
    });
  });

  it('reads UDP probes that reach the target, and a silent router before it', () => {
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-udp-reached.txt')).hops).toEqual([
      { ttl: 1, address: '198.18.60.2', rttMs: 0.108, note: null },
      { ttl: 2, address: '198.18.61.2', rttMs: 0.021, note: null },
    ]);
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-silent-router.txt')).hops).toEqual([
      { ttl: 1, address: null, rttMs: null, note: null },
      { ttl: 2, address: '198.18.61.2', rttMs: 0.031, note: null },
    ]);
  });

  it('reads the marks of an answer that is not "time exceeded"', () => {
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-tcp-prohibited.txt')).hops).toEqual([
      { ttl: 1, address: '198.18.60.2', rttMs: 0.282, note: null },
      { ttl: 2, address: '198.18.60.2', rttMs: 0.297, note: '!X (communication administratively prohibited)' },
    ]);
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-net-unreachable.txt')).hops).toEqual([
      { ttl: 1, address: '198.18.60.2', rttMs: 0.043, note: '!N (network unreachable)' },
    ]);
    // Three probes a hop: the first answer counts, with its mark.
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-q3.txt')).hops).toEqual([
      { ttl: 1, address: '198.18.60.2', rttMs: 0.041, note: '!N (network unreachable)' },
    ]);
  });

  it('keeps the hops a killed traceroute printed', () => {
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-killed.txt'))).toEqual({
      hops: [{ ttl: 1, address: '198.18.60.2', rttMs: 0.281, note: null }],
      error: null,
    });
    // A line cut before its time is dropped: its address may be cut too.
    expect(parseTracerouteOutput(' 1  198.18.60.2  0.1 ms\n 2  198.18.61').hops).toHaveLength(1);
    expect(parseTracerouteOutput(' 1  198.18.60.2  0.1 ms\n 2  *').hops).toHaveLength(2);
  });

  it('says why it traced nothing', () => {
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-no-route.txt'))).toEqual({
      hops: [],
      error: 'connect: Network is unreachable',
    });
    expect(parseTracerouteOutput(fixture('linux', 'traceroute-tcp-not-root.txt'))).toEqual({
      hops: [],
      error: 'You do not have enough privileges to use this traceroute method.',
    });
  });
});

// Hand-written after traceroute(8) and traceroute6(8) on macOS, not recorded (no Mac here).
describe('traceroute on macOS (hand-written)', () => {
  it('reads hops, stars and marks, IPv4 and IPv6', () => {
    const stops = parseTracerouteOutput(fixture('macos', 'traceroute-stops.txt'));
    expect(stops.hops.slice(0, 4)).toEqual([
      { ttl: 1, address: '192.168.1.1', rttMs: 2.245, note: null },
      { ttl: 2, address: '100.64.0.1', rttMs: 9.871, note: null },
      { ttl: 3, address: null, rttMs: null, note: null },
      { ttl: 4, address: '198.51.100.1', rttMs: 14.201, note: null },
    ]);
    expect(stops.hops).toHaveLength(12);
    expect(parseTracerouteOutput(fixture('macos', 'traceroute-prohibited.txt')).hops[1]).toEqual({
      ttl: 2,
      address: '198.51.100.1',
      rttMs: 11.402,
      note: '!Z (communication with the network prohibited)',
    });
    expect(parseTracerouteOutput(fixture('macos', 'traceroute6-stops.txt')).hops).toEqual([
      { ttl: 1, address: '2001:db8:1::1', rttMs: 1.204, note: null },
      ...stars(2, 3),
    ]);
  });
});

// Hand-written from Microsoft's tracert documentation, not recorded (no Windows here); the German one
// after its localised wording, to show that only the layout is read.
describe('tracert on Windows (hand-written)', () => {
  it('reads hops, timed-out hops and the destination', () => {
    const stops = parseTracertOutput(fixture('windows', 'tracert-stops.txt'));
    expect(stops.hops.slice(0, 4)).toEqual([
      { ttl: 1, address: '192.168.1.1', rttMs: 1, note: null },
      { ttl: 2, address: '100.64.0.1', rttMs: 9, note: null },
      { ttl: 3, address: '198.51.100.1', rttMs: 12, note: null },
      { ttl: 4, address: null, rttMs: null, note: null },
    ]);
    expect(stops).toMatchObject({ error: null });
    expect(stops.hops).toHaveLength(12);
    expect(parseTracertOutput(fixture('windows', 'tracert-reached.txt')).hops).toEqual([
      { ttl: 1, address: '192.168.1.1', rttMs: 1, note: null },
      { ttl: 2, address: null, rttMs: null, note: null },
      { ttl: 3, address: '203.0.113.10', rttMs: 14, note: null },
    ]);
    expect(parseTracertOutput(fixture('windows', 'tracert-de.txt')).hops).toEqual([
      { ttl: 1, address: '192.168.178.1', rttMs: 1, note: null },
      { ttl: 2, address: '198.51.100.1', rttMs: 7, note: null },
      { ttl: 3, address: null, rttMs: null, note: null },
    ]);
  });

  it('reads a router reporting the destination unreachable', () => {
    expect(parseTracertOutput(fixture('windows', 'tracert-reports.txt')).hops[1]).toEqual({
      ttl: 2,
      address: '192.168.1.1',
      rttMs: null,
      note: 'Destination net unreachable',
    });
  });

  it('drops the line a killed tracert left unfinished, and says why it traced nothing', () => {
    expect(parseTracertOutput(fixture('windows', 'tracert-killed.txt')).hops).toEqual([
      { ttl: 1, address: '192.168.1.1', rttMs: 1, note: null },
      { ttl: 2, address: '198.51.100.1', rttMs: 9, note: null },
    ]);
    expect(parseTracertOutput(fixture('windows', 'tracert-unresolved.txt'))).toEqual({
      hops: [],
      error: 'Unable to resolve target system name vm.contoso.example.',
    });
  });
});
