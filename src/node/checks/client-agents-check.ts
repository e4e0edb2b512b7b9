import { DIRECT_PATH } from '../../core/ids.js';
import { type AgentSources, listAgents } from '../client/list-agents.js';
import { budgetOf } from '../client/read-tool.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/** What the agents check may be told: another OS's lister or other sources (tests). */
export interface ClientAgentsOptions {
  readonly platform?: NodeJS.Platform;
  readonly sources?: AgentSources;
}

/**
 * client.agents: known proxy, VPN and inspection agents running on this computer (Zscaler, Netskope,
 * GlobalProtect, Cisco Secure Client, WireGuard, OpenVPN, Tailscale…), from process and interface names.
 * Evidence only: an agent is not a failure, it explains where RDP may be routed or filtered.
 */
export function clientAgentsCheck(options: ClientAgentsOptions = {}): CheckDefinition {
  return {
    id: 'client.agents',
    path: DIRECT_PATH,
    title: 'VPN, proxy and security agents',
    needs: [],
    async run({ signal, timeoutMs }) {
      const evidence = await listAgents(
        options.platform ?? process.platform,
        options.sources ?? {},
        budgetOf(timeoutMs, signal),
      );
      const listed = evidence.processes.error === null ? '' : ` (processes not listed: ${evidence.processes.error})`;
      const found = evidence.agents.map((a) => `${a.name} (${a.matched.map((m) => `${m.via} ${m.name}`).join(', ')})`);
      const summary =
        found.length > 0
          ? `Found ${found.join('; ')}${listed}.`
          : `No known VPN, proxy or inspection agent is running${listed}.`;
      return { status: 'info', summary, evidence };
    },
  };
}
