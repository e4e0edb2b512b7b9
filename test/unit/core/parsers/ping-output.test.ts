import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePingOutput } from '../../../../src/core/parsers/ping-output.js';

const fixture = (os: string, name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', os, name), 'utf8');

// Recorded with iputils 20221126 (Debian's iputils-ping) between test namespaces, one with a route of
// MTU 1300 on the way (and, for the black hole, nft dropping its "fragmentation needed").
describe('iputils ping (recorded)', () => {
  it('counts replies and their times', () => {
    expect(parsePingOutput(fixture('linux', 'ping-answers.txt'))).toEqual({
      transmitted: 3,
      received: 3,
      rttMs: [0.054, 0.074, 0.076],
      fragNeeded: null,
      localTooBig: null,
      icmpError: null,
      sendError: null,
    });
    expect(parsePingOutput(fixture('linux', 'ping6-answers.txt'))).toMatchObject({ transmitted: 3, received: 3 });
  });

  it('reads silence as no reply, and no error', () => {
    expect(parsePingOutput(fixture('linux', 'ping-no-answer.txt'))).toMatchObject({
      transmitted: 3,
      received: 0,
      icmpError: null,
      sendError: null,
    });
  });

  it('reads a router’s "Frag needed and DF set (mtu = 1300)"', () => {
    expect(parsePingOutput(fixture('linux', 'ping-df-frag-needed.txt'))).toMatchObject({
      received: 0,
      fragNeeded: { from: '198.18.40.2', mtu: 1300 },
    });
  });

  it('reads "local error: message too long, mtu=1300" once the MTU is known', () => {
    expect(parsePingOutput(fixture('linux', 'ping-df-message-too-long.txt'))).toMatchObject({
      received: 0,
      localTooBig: { mtu: 1300 },
      fragNeeded: null,
    });
  });

  it('reads a black hole (no answer) and a DF ping that passed', () => {
    expect(parsePingOutput(fixture('linux', 'ping-df-black-hole.txt'))).toMatchObject({
      transmitted: 1,
      received: 0,
      fragNeeded: null,
      localTooBig: null,
    });
    expect(parsePingOutput(fixture('linux', 'ping-df-passed.txt'))).toMatchObject({ received: 1, rttMs: [0.057] });
  });

  it('reads ICMP errors from a router and send errors', () => {
    expect(parsePingOutput(fixture('linux', 'ping-net-unreachable.txt'))).toMatchObject({
      received: 0,
      icmpError: { from: '198.18.40.2', message: 'Destination Net Unreachable' },
    });
    expect(parsePingOutput(fixture('linux', 'ping-network-unreachable.txt'))).toMatchObject({
      transmitted: null,
      received: 0,
      sendError: 'connect: Network is unreachable',
    });
    expect(parsePingOutput(fixture('linux', 'ping-df-enobufs.txt'))).toMatchObject({
      received: 0,
      sendError: 'sendmsg: No buffer space available',
    });
  });
});

// Hand-written after ping(8) on macOS, not recorded (no Mac here).
describe('macOS ping (hand-written)', () => {
  it('counts replies, ignoring timeouts', () => {
    expect(parsePingOutput(fixture('macos', 'ping-answers.txt'))).toMatchObject({
      transmitted: 3,
      received: 2,
      rttMs: [14.211, 13.978],
    });
  });

  it('reads "frag needed and DF set (MTU 1400)" and "sendto: Message too long"', () => {
    expect(parsePingOutput(fixture('macos', 'ping-df-frag-needed.txt'))).toMatchObject({
      received: 0,
      fragNeeded: { from: '10.8.0.1', mtu: 1400 },
      icmpError: null,
    });
    expect(parsePingOutput(fixture('macos', 'ping-df-local.txt'))).toMatchObject({
      received: 0,
      localTooBig: { mtu: null },
    });
  });
});

// Hand-written from Microsoft's ping documentation, not recorded (no Windows here); the German one
// shows why replies are told by "TTL=" and "=14ms"/"<1ms": ping.exe's words are localised.
describe('Windows ping (hand-written)', () => {
  it('counts replies in English and in German', () => {
    expect(parsePingOutput(fixture('windows', 'ping-answers.txt'))).toMatchObject({
      transmitted: 3,
      received: 3,
      rttMs: [14, 15, 13],
    });
    expect(parsePingOutput(fixture('windows', 'ping-answers-de.txt'))).toMatchObject({
      transmitted: null,
      received: 2,
      rttMs: [1, 2],
    });
  });

  it('reads timeouts, an unreachable reply and "needs to be fragmented"', () => {
    expect(parsePingOutput(fixture('windows', 'ping-timeout.txt'))).toMatchObject({ transmitted: 3, received: 0 });
    expect(parsePingOutput(fixture('windows', 'ping-host-unreachable.txt'))).toMatchObject({
      received: 0,
      icmpError: { from: '192.168.0.12', message: 'Destination host unreachable' },
    });
    expect(parsePingOutput(fixture('windows', 'ping-df-too-big.txt'))).toMatchObject({
      received: 0,
      fragNeeded: { from: null, mtu: null },
    });
  });
});
