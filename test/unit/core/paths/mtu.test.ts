import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePingOutput } from '../../../../src/core/parsers/ping-output.js';
import {
  coarsePayloads,
  finePayloads,
  mtuLimited,
  probeOf,
  suggestedMtu,
  summariseMtu,
  tlsStalledAfterConnect,
} from '../../../../src/core/paths/mtu.js';
import type { MtuProbe, RdpTlsEvidence, TcpEvidence } from '../../../../src/core/report-schema.js';
import { tcp } from '../../../support/checks.js';

const linux = (name: string) =>
  parsePingOutput(readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'linux', name), 'utf8'));

function tls(outcome: 'ok' | 'handshake-failed', error: string | null): RdpTlsEvidence {
  return {
    kind: 'rdp.tls',
    address: '198.18.41.2',
    port: 3389,
    selectedProtocol: 1,
    servername: null,
    outcome,
    tlsVersion: null,
    cipher: null,
    certificate: null,
    handshakeMs: 1000,
    error,
  };
}

const open = tcp(3389, [{ address: '198.18.41.2', via: 'literal', outcome: 'open' }]) as TcpEvidence;
const filtered = tcp(3389, [{ address: '198.18.41.2', via: 'literal', outcome: 'filtered' }]) as TcpEvidence;

const probe = (size: number, outcome: MtuProbe['outcome'], mtu: number | null = null): MtuProbe => ({
  size,
  packetBytes: size + 28,
  outcome,
  mtu,
  from: null,
  message: null,
});

describe('when to suspect an MTU black hole', () => {
  it('is TCP connected and the TLS handshake silent, not refused, reset or fine', () => {
    expect(tlsStalledAfterConnect(open, tls('handshake-failed', 'no TLS handshake within 1000 ms'))).toBe(true);
    expect(tlsStalledAfterConnect(open, tls('handshake-failed', 'ECONNRESET: socket hang up'))).toBe(false);
    expect(tlsStalledAfterConnect(open, tls('ok', null))).toBe(false);
    expect(tlsStalledAfterConnect(filtered, tls('handshake-failed', 'no TLS handshake within 1000 ms'))).toBe(false);
    expect(tlsStalledAfterConnect(open, undefined)).toBe(false);
  });
});

describe('the don’t-fragment probe', () => {
  it('tries common packet sizes first, IPv6 never below 1280', () => {
    expect(coarsePayloads(4)).toEqual([1472, 1372, 1272, 1172, 972, 548]);
    expect(coarsePayloads(6)).toEqual([1452, 1352, 1252]);
  });

  it('then refines between the largest that passed and the next that did not', () => {
    const coarse = [probe(1472, 'no-reply'), probe(1372, 'no-reply'), probe(1272, 'reply'), probe(1172, 'reply')];
    expect(finePayloads(coarse)).toEqual([1292, 1312, 1332, 1352]);
    expect(finePayloads([probe(1472, 'reply')])).toEqual([]);
    expect(finePayloads([probe(1472, 'no-reply'), probe(1372, 'no-reply')])).toEqual([]);
    expect(finePayloads([probe(1472, 'too-big', 1400), probe(1372, 'reply')])).toEqual([]);
  });

  it('reads each recorded DF ping into a probe', () => {
    expect(probeOf(1400, 4, linux('ping-df-frag-needed.txt'))).toEqual({
      size: 1400,
      packetBytes: 1428,
      outcome: 'too-big',
      mtu: 1300,
      from: '198.18.40.2',
      message: 'fragmentation needed and DF set',
    });
    expect(probeOf(1400, 4, linux('ping-df-message-too-long.txt'))).toMatchObject({
      outcome: 'too-big',
      mtu: 1300,
      from: 'local',
    });
    expect(probeOf(1400, 4, linux('ping-df-black-hole.txt'))).toMatchObject({ outcome: 'no-reply', mtu: null });
    expect(probeOf(1272, 4, linux('ping-df-passed.txt'))).toMatchObject({ outcome: 'reply', packetBytes: 1300 });
    expect(probeOf(1400, 4, linux('ping-df-enobufs.txt'))).toMatchObject({
      outcome: 'error',
      message: 'sendmsg: No buffer space available',
    });
  });

  it('reports the largest that passed and the path MTU it implies', () => {
    const black = summariseMtu(
      'stalled',
      'ping -M do -s <size> 198.18.41.2',
      [probe(1272, 'reply'), probe(1472, 'no-reply'), probe(1292, 'no-reply')],
      4,
    );
    expect(black).toMatchObject({ largestPassed: 1272, pathMtu: 1300 });
    expect(black.probes.map((p) => p.size)).toEqual([1472, 1292, 1272]);
    expect(mtuLimited(black)).toBe(true);
    // A router's report is exact where the sizes between the probes were not tried.
    const told = summariseMtu('stalled', 'ping', [probe(1472, 'too-big', 1300), probe(1172, 'reply')], 4);
    expect(told).toMatchObject({ largestPassed: 1172, pathMtu: 1300 });
    expect(mtuLimited(told)).toBe(true);
    const fine = summariseMtu('stalled', 'ping', [probe(1472, 'reply')], 4);
    expect(fine).toMatchObject({ largestPassed: 1472, pathMtu: 1500 });
    expect(mtuLimited(fine)).toBe(false);
    expect(mtuLimited(summariseMtu('stalled', 'ping', [probe(1472, 'no-reply')], 4))).toBe(false);
    expect(mtuLimited(null)).toBe(false);
  });

  it('suggests 1350, or what the path measured when less', () => {
    expect(suggestedMtu(null)).toBe(1350);
    expect(suggestedMtu(1400)).toBe(1350);
    expect(suggestedMtu(1300)).toBe(1300);
    expect(suggestedMtu(1287)).toBe(1280);
  });
});
