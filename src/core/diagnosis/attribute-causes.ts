import type { Finding } from '../report-schema.js';
import type { Source } from '../source.js';

/** Azure findings that name the NSG rule (or the closed Standard IP) that drops the client's connection. */
const NSG_CAUSES = new Set(['nsg.denied', 'nsg.allowed-other-source', 'nsg.jit-deny', 'publicip.standard-closed']);

/** Edge findings that show the way out of the organization is what blocks the direct path. */
const EDGE_CAUSES = new Set(['edge.direct-blocked-proxy-ok', 'edge.proxy-denies-connect']);

/**
 * Findings a rule of the user's own firewall explains: the port dropped (filtered, and only it among the
 * ports tried) or rejected (refused, unreachable).
 */
const LOCAL_EFFECTS = new Set(['tcp.filtered', 'tcp.refused', 'tcp.unreachable', 'edge.port-blocked']);

/** VM findings (check-rdp.ps1) that explain a dropped or refused connection: the VM itself does not take it. */
const VM_CAUSES = new Set([
  'vm.rdp-disabled',
  'vm.rdp-service-stopped',
  'vm.port-changed',
  'vm.not-listening',
  'vm.firewall-blocks-rdp',
]);

/**
 * Sharpens where a filtered connection points once another finding explains it: a rule of the user's
 * own firewall that blocks the port decides it (the computer, for refused and unreachable too, since a
 * local reject looks like those); an NSG rule that denies
 * the client's address decides it (NSGs); a VM check showing the VM does not take the connection (Remote
 * Desktop off or stopped, another port, no listener, its own firewall) decides it and a refusal (the VM);
 * a proxy that reaches the VM, or refuses CONNECT, while the direct path is silent points at the
 * organization's edge; a TLS handshake that stalls where the path MTU is too small points at the path
 * (`path.mtu-suspected`). Pure; other findings pass through.
 */
export function attributeCauses(findings: readonly Finding[]): Finding[] {
  const nsg = findings.find((f) => NSG_CAUSES.has(f.code) && f.severity === 'blocker');
  const edge = findings.find((f) => EDGE_CAUSES.has(f.code));
  const local = findings.find((f) => f.code === 'client.firewall-blocks-rdp' && f.severity === 'blocker');
  const vm = findings.find((f) => VM_CAUSES.has(f.code) && f.severity === 'blocker');
  const mtu = findings.find((f) => f.code === 'path.mtu-suspected');
  return findings.map((finding) => {
    // A TLS handshake that stalls on a path that cannot carry full-size packets is the path's, not the VM's.
    if (finding.code === 'rdp.tls-failed' && mtu !== undefined) return explained(finding, mtu.source, [5], mtu);
    if (local !== undefined && LOCAL_EFFECTS.has(finding.code)) return explained(finding, 1, [], local);
    if (finding.code === 'tcp.refused' && vm !== undefined) return explained(finding, 5, [], vm);
    if (finding.code !== 'tcp.filtered') return finding;
    if (nsg !== undefined) return explained(finding, 4, [], nsg);
    if (vm !== undefined) return explained(finding, 5, [], vm);
    if (edge !== undefined) return explained(finding, 2, [1, 4], edge);
    return finding;
  });
}

/** The TCP finding pointed at its cause's place; its own (lower) confidence keeps it after the cause. */
function explained(finding: Finding, source: Source, candidates: Source[], cause: Finding): Finding {
  return {
    ...finding,
    source,
    candidates,
    evidence: [...finding.evidence, { check: cause.code, says: `explained by: ${cause.title}` }],
  };
}
