import type { Finding } from '../report-schema.js';
import type { Source } from '../source.js';

/** Azure findings that name the NSG rule (or the closed Standard IP) that drops the client's connection. */
const NSG_CAUSES = new Set(['nsg.denied', 'nsg.allowed-other-source', 'nsg.jit-deny', 'publicip.standard-closed']);

/** Edge findings that show the way out of the organization is what blocks the direct path. */
const EDGE_CAUSES = new Set(['edge.direct-blocked-proxy-ok', 'edge.proxy-denies-connect']);

/**
 * Sharpens where a filtered connection points once another finding explains it: an NSG rule that denies
 * the client's address decides it (NSGs); a proxy that reaches the VM, or refuses CONNECT,
 * while the direct path is silent points at the organization's edge. Pure; other findings pass through.
 */
export function attributeCauses(findings: readonly Finding[]): Finding[] {
  const nsg = findings.find((f) => NSG_CAUSES.has(f.code) && f.severity === 'blocker');
  const edge = findings.find((f) => EDGE_CAUSES.has(f.code));
  return findings.map((finding) => {
    if (finding.code !== 'tcp.filtered') return finding;
    if (nsg !== undefined) return explained(finding, 4, [], nsg);
    if (edge !== undefined) return explained(finding, 2, [1, 4], edge);
    return finding;
  });
}

/** The filtered finding pointed at its cause's place; its own (low) confidence keeps it after the cause. */
function explained(finding: Finding, source: Source, candidates: Source[], cause: Finding): Finding {
  return {
    ...finding,
    source,
    candidates,
    evidence: [...finding.evidence, { check: cause.code, says: `explained by: ${cause.title}` }],
  };
}
