import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../../src/core/target.js';
import { buildPlan } from '../../../src/node/plan.js';
import { deadlineFor, plannedChecks } from '../../../src/node/probe.js';

const target = (() => {
  const parsed = parseTarget('203.0.113.10');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();
const base = { nameservers: null, timeoutMs: 1000, routingToken: null } as const;
const binds = [
  { address: '198.18.30.1', family: 4 as const, interface: 'up0', from: '--bind' as const },
  { address: '198.18.31.1', family: 4 as const, interface: 'up1', from: '--interface' as const },
];
const keys = (plan: ReturnType<typeof buildPlan>) => plan.map((c) => `${c.id}@${c.path}`);

describe('the plan with bound paths, the route and ping', () => {
  it('adds tcp.connect and the RDP session checks per bound address, each after its own tcp.connect', () => {
    const plan = buildPlan({ ...base, quick: false, binds });
    const bound = plan.filter((c) => c.path === 'bind:198.18.31.1');
    expect(bound.map((c) => [c.id, c.needs])).toEqual([
      ['tcp.connect', ['dns.os@direct']],
      ['rdp.negotiate', ['tcp.connect@bind:198.18.31.1']],
      ['rdp.tls', ['rdp.negotiate@bind:198.18.31.1']],
      ['rdp.ntlm', ['rdp.negotiate@bind:198.18.31.1']],
    ]);
    expect(bound[0]?.title).toBe('TCP connection to the RDP port from 198.18.31.1 (up1)');
    expect(keys(plan)).toContain('tcp.connect@bind:198.18.30.1');
    expect(keys(buildPlan({ ...base, quick: true, binds }))).toContain('rdp.negotiate@bind:198.18.30.1');
  });

  it('reads the route and pings in the full plan, not in --quick', () => {
    const full = buildPlan({ ...base, quick: false });
    expect(full.find((c) => c.id === 'route.path')?.needs).toEqual(['dns.os@direct']);
    expect(full.find((c) => c.id === 'icmp.ping')?.needs).toEqual(['tcp.connect@direct', 'rdp.tls@direct']);
    expect(keys(buildPlan({ ...base, quick: true }))).not.toContain('icmp.ping@direct');
    expect(keys(buildPlan({ ...base, quick: true }))).not.toContain('route.path@direct');
  });

  it('does not lengthen the run: bound paths run beside direct, ping beside the protocol sweep', () => {
    const request = {
      target,
      timeoutMs: 1000,
      quick: false,
      expectIp: null,
      nameservers: null,
      routingToken: null,
      expectName: null,
    };
    expect(deadlineFor({ ...request, binds })).toBe(deadlineFor(request));
    expect(plannedChecks({ ...request, binds }).filter((p) => p.path !== 'direct')).toHaveLength(8);
  });
});
