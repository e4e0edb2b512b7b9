// Hand-written from Apple's socketfilterfw usage text and the pfctl(8) and pf.conf(5) manual pages, not
// recorded: there is no Mac where these tests were written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluatePfRules,
  parsePfRules,
  parsePfStatus,
  parseSocketfilterBlockAll,
  parseSocketfilterState,
} from '../../../../src/core/parsers/macos-firewall.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'macos', name), 'utf8');

describe('macOS firewalls (hand-written from Apple and pf documentation, not recorded)', () => {
  it('reads the Application Firewall state and pf status', () => {
    expect(parseSocketfilterState(fixture('socketfilterfw-globalstate.txt'))).toBe(true);
    expect(parseSocketfilterState('Firewall is disabled. (State = 0)')).toBe(false);
    expect(parseSocketfilterBlockAll(fixture('socketfilterfw-blockall.txt'))).toBe(false);
    expect(parseSocketfilterBlockAll('Block all ENABLED! ')).toBe(true);
    expect(parsePfStatus(fixture('pfctl-info.txt'))).toBe(true);
    expect(parsePfStatus(fixture('pfctl-info-disabled.txt'))).toBe(false);
    expect(parsePfStatus('pfctl: /dev/pf: Permission denied')).toBeNull();
  });

  it('parses filter rules and anchors, not scrub lines', () => {
    const { rules, anchors } = parsePfRules(fixture('pfctl-rules.txt'));
    expect(anchors).toEqual(['com.apple/*']);
    expect(rules.map((r) => [r.index, r.action, r.direction, r.quick])).toEqual([
      [1, 'pass', 'out', true],
      [2, 'block', 'out', false],
      [3, 'block', 'out', false],
      [4, 'pass', 'out', false],
      [5, 'block', 'out', false],
      [6, 'block', 'in', false],
    ]);
    expect(rules[2]).toMatchObject({
      returns: true,
      protocols: ['tcp'],
      to: ['203.0.113.0/24'],
      port: { op: '=', values: [3389] },
    });
    expect(rules[1]?.port).toEqual({ op: ':', values: [3000, 4000] });
    expect(rules[3]?.conditions).toEqual(['on utun3']);
  });

  it('weighs pf as it does: last match wins unless quick, with a pass that may match left open', () => {
    const { rules } = parsePfRules(fixture('pfctl-rules.txt'));
    // A quick pass to 198.51.100.0/24 decides before anything else.
    expect(evaluatePfRules(rules, 3389, ['198.51.100.7'])).toEqual([]);
    // Rule 3 (block return) is the last block that matches; rule 4 passes only on utun3.
    expect(evaluatePfRules(rules, 3389, ['203.0.113.9'])).toEqual([
      {
        kind: 'rule',
        ref: 'pf rule 3',
        name: null,
        scope: 'pf',
        action: 'reject',
        matches: 'block return out log proto tcp from any to 203.0.113.0/24 port = 3389',
        destinations: ['203.0.113.0/24'],
        conditions: [
          'unless "pass out on utun3 proto tcp from any to any port = 3389 flags S/SA keep state" (pf rule 4) matches',
        ],
        certain: false,
      },
    ]);
    // 3500 is only in rule 2's range: a certain drop.
    expect(evaluatePfRules(rules, 3500, ['198.18.0.10'])).toMatchObject([
      { ref: 'pf rule 2', action: 'drop', certain: true },
    ]);
    expect(evaluatePfRules(rules, 22, ['198.18.0.10'])).toEqual([]);
  });

  it('reads block out all as blocking every port', () => {
    const { rules } = parsePfRules('block drop out all\npass out proto tcp from any to any port = 443 keep state\n');
    expect(evaluatePfRules(rules, 3389, ['203.0.113.10'])).toMatchObject([{ ref: 'pf rule 1', certain: true }]);
    expect(evaluatePfRules(rules, 443, ['203.0.113.10'])).toEqual([]);
  });
});
