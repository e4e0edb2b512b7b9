import { describe, expect, it } from 'vitest';
import { clientAgentsCheck } from '../../../src/node/checks/client-agents-check.js';
import { clientFirewallCheck, WINDOWS_MIN_TIMEOUT_MS } from '../../../src/node/checks/client-firewall-check.js';
import { buildPlan } from '../../../src/node/plan.js';

describe('the client checks in the plan', () => {
  const plan = (quick: boolean) =>
    buildPlan({ quick, nameservers: null, timeoutMs: 4000, routingToken: null }).map((c) => c.id);

  it('runs the firewall and agent checks by default, not in --quick', () => {
    expect(plan(false)).toEqual(expect.arrayContaining(['client.firewall', 'client.agents']));
    expect(plan(true)).not.toContain('client.firewall');
    expect(plan(true)).not.toContain('client.agents');
  });

  it('weighs rules against the addresses dns.os finds, and gives PowerShell longer on Windows', () => {
    expect(clientFirewallCheck({ platform: 'linux', timeoutMs: 4000 })).toMatchObject({
      id: 'client.firewall',
      needs: ['dns.os@direct'],
    });
    expect(clientFirewallCheck({ platform: 'linux', timeoutMs: 4000 }).timeoutMs).toBeUndefined();
    expect(clientFirewallCheck({ platform: 'win32', timeoutMs: 4000 }).timeoutMs).toBe(WINDOWS_MIN_TIMEOUT_MS);
    expect(clientFirewallCheck({ platform: 'win32', timeoutMs: 20_000 }).timeoutMs).toBeUndefined();
    expect(clientAgentsCheck()).toMatchObject({ id: 'client.agents', needs: [] });
  });
});
