import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateOutput } from '../../../../src/core/firewall/packet-filter.js';
import { iptablesHasRules, parseIptablesSave } from '../../../../src/core/parsers/iptables-save.js';
import { parseNftRuleset } from '../../../../src/core/parsers/nft-ruleset.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'linux', name), 'utf8');

/**
 * The nft-*.json fixtures are real: each test/fixtures/linux/nft/<name>.nft was loaded with `nft -f` in a
 * throwaway network namespace and listed with `nft -j list ruleset` (nftables 1.0.6; re-record with
 * `bash test/fixtures/linux/nft/record.sh` as root).
 */
function nft(name: string, port: number, addresses: readonly string[] = []) {
  const parsed = parseNftRuleset(fixture(`nft-${name}.json`));
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return evaluateOutput(parsed.value.ruleset, port, addresses);
}

describe('nft -j list ruleset (recorded)', () => {
  it('finds an output-chain drop of tcp dport 3389 and names it by its comment and handle', () => {
    expect(nft('drop', 3389, ['203.0.113.10'])).toEqual([
      {
        kind: 'rule',
        ref: 'inet filter output handle 5',
        name: 'no rdp out',
        scope: 'inet filter output',
        action: 'drop',
        matches: 'tcp dport 3389',
        destinations: null,
        conditions: [],
        certain: true,
      },
    ]);
    // The input chain's drop of 3389 does not touch outgoing connections; port 22 is accepted first.
    expect(nft('drop', 22, ['203.0.113.10'])).toEqual([]);
    expect(nft('drop', 3390, ['203.0.113.10'])).toEqual([]);
  });

  it('finds a reject with tcp reset in an ip-family table', () => {
    expect(nft('reject', 3389, ['203.0.113.10'])).toMatchObject([
      { ref: 'ip fw out handle 2', action: 'reject', matches: 'tcp dport 3389', certain: true },
    ]);
    // An ip table sees IPv4 only: unknown or IPv6 addresses leave it open or out.
    expect(nft('reject', 3389, [])).toMatchObject([{ certain: false, conditions: ['if the address is IPv4'] }]);
    expect(nft('reject', 3389, ['2001:db8::10'])).toEqual([]);
  });

  it('reads sets and ranges of ports', () => {
    expect(nft('set', 3389)).toMatchObject([{ matches: 'tcp dport { 22, 3389 }', action: 'drop', certain: true }]);
    expect(nft('set', 3390)).toEqual([]);
    expect(nft('range', 3389)).toMatchObject([{ matches: 'tcp dport 3000-4000', action: 'reject', certain: true }]);
    expect(nft('range', 50001)).toEqual([]);
  });

  it('reports an output chain whose policy is drop when no rule accepts the port', () => {
    expect(nft('policy-drop', 3389, ['203.0.113.10'])).toEqual([
      {
        kind: 'default',
        ref: 'inet filter output policy',
        name: null,
        scope: 'inet filter output',
        action: 'drop',
        matches: 'policy drop',
        destinations: null,
        conditions: [],
        certain: true,
      },
    ]);
    // 443 is accepted; a loopback address would leave through lo, which is accepted.
    expect(nft('policy-drop', 443, ['203.0.113.10'])).toEqual([]);
    expect(nft('policy-drop', 3389, ['127.0.0.1'])).toEqual([]);
  });

  it('reports the destination a rule is limited to, and applies it only to those addresses', () => {
    expect(nft('daddr', 3389, ['203.0.113.9'])).toMatchObject([
      { ref: 'inet filter output handle 2', destinations: ['203.0.113.0/24'], certain: true },
    ]);
    expect(nft('daddr', 3389, ['198.51.100.8'])).toMatchObject([
      { ref: 'inet filter output handle 4', action: 'reject', destinations: ['198.51.100.7', '198.51.100.8'] },
    ]);
    expect(nft('daddr', 3389, ['198.18.0.10'])).toEqual([]);
    // Address unknown (the name did not resolve): both may apply.
    expect(nft('daddr', 3389, []).map((b) => [b.ref, b.certain])).toEqual([
      ['inet filter output handle 2', false],
      ['inet filter output handle 4', false],
    ]);
    // Two addresses, one blocked: the client may still get through on the other.
    expect(nft('daddr', 3389, ['203.0.113.9', '198.18.0.10'])).toMatchObject([{ certain: false }]);
  });

  it('ignores rules that do not concern outgoing TCP to the port', () => {
    // Another port, UDP, a source port, a != match, an accept before the catch-all, nat and input chains.
    expect(nft('unrelated', 3389, ['203.0.113.10'])).toEqual([]);
    expect(nft('unrelated', 22, ['203.0.113.10'])).toMatchObject([{ matches: 'tcp dport 22', certain: true }]);
    expect(nft('unrelated', 5500, ['203.0.113.10'])).toMatchObject([
      { matches: 'tcp dport != 3389 tcp dport 5000-6000' },
    ]);
  });

  it('reads rules without a port: a drop of everything to one address, a reject of all TCP', () => {
    expect(nft('no-port', 3389, ['203.0.113.9'])).toMatchObject([
      { matches: 'ip daddr 203.0.113.9', destinations: ['203.0.113.9'], action: 'drop', certain: true },
    ]);
    expect(nft('no-port', 3389, ['198.51.100.7'])).toMatchObject([
      { matches: 'meta l4proto tcp', destinations: null, action: 'reject', certain: true },
    ]);
  });

  it('follows a jump into a regular chain (th dport) and its return', () => {
    expect(nft('jump', 3389, ['203.0.113.10'])).toMatchObject([
      { ref: 'inet filter egress handle 6', scope: 'inet filter egress', matches: 'th dport 3389', certain: true },
    ]);
    expect(nft('jump', 3389, ['2001:db8::10'])).toEqual([]);
  });

  it('keeps rules that depend on what the probe cannot weigh as uncertain, naming the condition', () => {
    const blocks = nft('conditional', 3389, ['198.18.0.30']);
    expect(blocks.map((b) => [b.ref, b.conditions, b.certain])).toEqual([
      ['inet lab output handle 2', ['ip saddr != 198.51.100.10'], false],
      ['inet lab output handle 3', ['meta skuid 1000'], false],
      ['inet lab output handle 4', ['oifname "wg0"'], false],
    ]);
    expect(blocks[0]?.matches).toBe('ip daddr 198.18.0.30 tcp dport 3389 ip saddr != 198.51.100.10');
  });

  it('reads an empty ruleset as nothing blocking', () => {
    expect(nft('empty', 3389)).toEqual([]);
    const parsed = parseNftRuleset(fixture('nft-empty.json'));
    expect(parsed.kind === 'ok' && parsed.value.ruleset.chains).toEqual([]);
  });

  it('says what is wrong with output it cannot read', () => {
    expect(parseNftRuleset('Error: syntax error')).toMatchObject({
      kind: 'err',
      error: { message: 'nft output is not JSON; expected `nft -j list ruleset` output.' },
    });
    expect(parseNftRuleset('{"rules": []}')).toMatchObject({ kind: 'err' });
  });
});

// There is no iptables on the machine the nft fixtures were recorded on: these fixtures are hand-written
// in iptables-save's format (iptables-save(8), iptables-extensions(8)), not recorded.
describe('iptables-save (hand-written from iptables-save(8), not recorded)', () => {
  it('finds the OUTPUT rules and the chains they jump to that block the port', () => {
    const ruleset = parseIptablesSave(fixture('iptables-save-output.txt'));
    expect(evaluateOutput(ruleset, 3389, ['203.0.113.10'])).toEqual([
      {
        kind: 'rule',
        ref: 'filter OUTPUT rule 5',
        name: null,
        scope: 'filter OUTPUT',
        action: 'reject',
        matches: '-d 203.0.113.0/24 -p tcp --dport 3389',
        destinations: ['203.0.113.0/24'],
        conditions: [],
        certain: true,
      },
    ]);
    // Elsewhere a drop limited to one user may apply; 198.51.100.0/24 returns from egress before its drop.
    expect(evaluateOutput(ruleset, 3389, ['198.51.100.7'])).toMatchObject([
      {
        ref: 'filter OUTPUT rule 6',
        action: 'drop',
        matches: '-p tcp --dports 22,3389,5000:6000 --uid-owner 1000',
        conditions: ['--uid-owner 1000'],
        certain: false,
      },
    ]);
    expect(evaluateOutput(ruleset, 3389, ['198.18.0.10'])).toMatchObject([
      { ref: 'filter OUTPUT rule 6', certain: false },
      {
        ref: 'filter egress rule 2',
        scope: 'filter egress',
        name: 'no remote desktop',
        matches: '-p tcp --dports 3000:4000',
        certain: true,
      },
    ]);
    // Input rules, UDP, a source port and nat do not count.
    expect(evaluateOutput(ruleset, 3389, ['198.51.100.7']).length).toBe(1);
  });

  it('reports OUTPUT policy DROP when no rule accepts the port', () => {
    const ruleset = parseIptablesSave(fixture('iptables-save-policy-drop.txt'));
    expect(evaluateOutput(ruleset, 3389, ['203.0.113.10'])).toMatchObject([
      { kind: 'default', ref: 'filter OUTPUT policy', scope: 'filter OUTPUT', certain: true },
    ]);
    expect(evaluateOutput(ruleset, 443, ['203.0.113.10'])).toEqual([]);
  });

  it('tells a legacy table in use from an empty one', () => {
    expect(iptablesHasRules(fixture('iptables-save-empty.txt'))).toBe(false);
    expect(iptablesHasRules(fixture('iptables-save-policy-drop.txt'))).toBe(true);
    expect(evaluateOutput(parseIptablesSave(fixture('iptables-save-empty.txt')), 3389, [])).toEqual([]);
  });
});
