import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import { type FirewallCommands, readLocalFirewall } from '../client/local-firewall.js';
import { budgetOf } from '../client/read-tool.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/** What the firewall check may be told: another OS's reader or other tool paths (tests). */
export interface ClientFirewallOptions {
  readonly platform?: NodeJS.Platform;
  readonly commands?: FirewallCommands;
  /** The run's per-check timeout; on Windows the check gets at least WINDOWS_MIN_TIMEOUT_MS of it. */
  readonly timeoutMs?: number;
}

/**
 * PowerShell alone takes one to three seconds to start, and listing the firewall rules with their
 * filters a few more on a managed machine: the default 4 s per check is too short there.
 */
export const WINDOWS_MIN_TIMEOUT_MS = 10_000;

/** The own timeout of a check that starts PowerShell: at least WINDOWS_MIN_TIMEOUT_MS on Windows, else the run's. */
export function windowsBudget(platform: NodeJS.Platform, timeoutMs: number | undefined): { timeoutMs?: number } {
  return platform === 'win32' && timeoutMs !== undefined && timeoutMs < WINDOWS_MIN_TIMEOUT_MS
    ? { timeoutMs: WINDOWS_MIN_TIMEOUT_MS }
    : {};
}

/**
 * client.firewall: whether this computer's own firewall blocks outgoing TCP to the RDP port, read-only
 * (nftables/iptables, Windows Defender Firewall, pf). It waits for `dns.os` so rules limited to some
 * destinations are weighed against the addresses the RDP client dials.
 */
export function clientFirewallCheck(options: ClientFirewallOptions = {}): CheckDefinition {
  const dnsKey = checkKey('dns.os', DIRECT_PATH);
  const platform = options.platform ?? process.platform;
  const longer = windowsBudget(platform, options.timeoutMs);
  return {
    id: 'client.firewall',
    path: DIRECT_PATH,
    title: "Your computer's firewall",
    needs: [dnsKey],
    ...longer,
    async run({ target, signal, timeoutMs, result }) {
      const dns = result(dnsKey)?.evidence;
      const addresses =
        target.hostKind === 'hostname'
          ? dns?.kind === 'dns.os'
            ? dns.addresses.map((a) => a.address)
            : []
          : [target.host];
      return readLocalFirewall({
        platform,
        port: target.port,
        addresses,
        commands: options.commands ?? {},
        budget: budgetOf(timeoutMs, signal),
      });
    },
  };
}
