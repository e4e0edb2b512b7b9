import { describe, expect, it } from 'vitest';
import { checkKey, DIRECT_PATH } from '../../../src/core/ids.js';
import type { ProxyDiscovery } from '../../../src/core/proxy/combine-discovery.js';
import { parseTarget } from '../../../src/core/target.js';
import type { AzureLivePlan } from '../../../src/node/checks/azure-collect-check.js';
import { egressProxy } from '../../../src/node/checks/egress-ip-check.js';
import { DEFAULT_EGRESS_RESOLVERS, resolverThirdParty } from '../../../src/node/egress/egress-resolvers.js';
import { buildPlan } from '../../../src/node/plan.js';
import { plannedChecks } from '../../../src/node/probe.js';

const egress = { external: true, resolvers: DEFAULT_EGRESS_RESOLVERS, url: 'https://api.ipify.org/' };
const base = { nameservers: null, timeoutMs: 1000, routingToken: null } as const;
const azure = {
  connection: {} as AzureLivePlan['connection'],
  locator: { kind: 'resource-id' } as AzureLivePlan['locator'],
  timeoutMs: 60_000,
  onSnapshot: () => {},
};
const target = (() => {
  const parsed = parseTarget('203.0.113.10');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
})();
const request = { target, timeoutMs: 1000, expectIp: null, nameservers: null, routingToken: null, expectName: null };

function discovery(via: 'direct' | 'proxy'): ProxyDiscovery {
  const proxy = { scheme: 'http', host: '198.51.100.10', port: 3128, username: 'u', password: 'p' } as const;
  return {
    proxies: [{ proxy, source: 'env' }],
    evidence: {
      kind: 'proxy.discover',
      url: 'https://203.0.113.10:3389/',
      sources: [],
      proxies: [],
      decision:
        via === 'proxy'
          ? { via, proxy: 'http://198.51.100.10:3128', source: 'env', reason: 'HTTPS_PROXY' }
          : { via, proxy: null, source: null, reason: 'NO_PROXY' },
      thirdParties: [],
      durationMs: 0,
    },
  };
}

describe('egress.ip in the plan', () => {
  it('is planned when asked for, after dns.os', () => {
    const plan = buildPlan({ ...base, quick: false, egress: { ...egress, sourceIp: null } });
    const check = plan.find((c) => c.id === 'egress.ip');
    expect(check?.needs).toEqual([checkKey('dns.os', DIRECT_PATH)]);
    expect(check?.timeoutMs).toBeUndefined();
    expect(buildPlan({ ...base, quick: false }).some((c) => c.id === 'egress.ip')).toBe(false);
  });

  it('is left out of a quick run unless an Azure side needs the address', () => {
    const ids = (r: Parameters<typeof plannedChecks>[0]) => plannedChecks(r).map((c) => c.id);
    expect(ids({ ...request, quick: false, egress })).toContain('egress.ip');
    expect(ids({ ...request, quick: true, egress })).not.toContain('egress.ip');
    expect(ids({ ...request, quick: true, egress, azureSnapshot: {} as never })).toContain('egress.ip');
    expect(ids({ ...request, quick: false })).not.toContain('egress.ip');
  });

  it('makes azure.collect wait for it only without --source-ip', () => {
    const needs = (sourceIp: string | null) =>
      buildPlan({ ...base, quick: false, egress: { ...egress, sourceIp }, azure: { ...azure, sourceIp } }).find(
        (c) => c.id === 'azure.collect',
      )?.needs;
    expect(needs(null)).toEqual([checkKey('egress.ip', DIRECT_PATH)]);
    expect(needs('198.51.100.7')).toEqual([]);
    const withoutEgress = buildPlan({ ...base, quick: false, azure: { ...azure, sourceIp: null } });
    expect(withoutEgress.find((c) => c.id === 'azure.collect')?.needs).toEqual([]);
  });

  it('asks through the proxy that applies to the target, and only then', () => {
    expect(egressProxy(null)).toBeNull();
    expect(egressProxy(discovery('direct'))).toBeNull();
    expect(egressProxy(discovery('proxy'))?.proxy).toMatchObject({ host: '198.51.100.10', username: 'u' });
    const plan = buildPlan({
      ...base,
      quick: false,
      edge: { discovery: discovery('proxy'), ports: null },
      egress: { ...egress, sourceIp: null },
    });
    expect(plan.find((c) => c.id === 'egress.ip')?.timeoutMs).toBe(2250);
  });

  it('discloses each public resolver and what it is sent', () => {
    expect(DEFAULT_EGRESS_RESOLVERS.map((r) => resolverThirdParty(r, false).endpoint)).toEqual([
      'dns://208.67.222.222:53 (resolver1.opendns.com)',
      'dns://[2620:119:35::35]:53 (resolver1.opendns.com)',
      'dns://216.239.32.10:53 (ns1.google.com)',
      'dns://[2001:4860:4802:32::a]:53 (ns1.google.com)',
    ]);
    const v6 = DEFAULT_EGRESS_RESOLVERS[1];
    if (v6 === undefined) throw new Error('no IPv6 resolver');
    expect(resolverThirdParty(v6, true)).toMatchObject({
      sends: expect.stringContaining('myip.opendns.com AAAA'),
      contacted: true,
    });
  });
});
