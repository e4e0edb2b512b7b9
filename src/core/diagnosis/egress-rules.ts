import { ipFamily, sameIp } from '../address.js';
import type { EgressIpEvidence } from '../evidence/egress.js';
import type { TcpEvidence } from '../evidence/tcp.js';
import { makeFinding } from '../findings/make-finding.js';
import { checkKey, DIRECT_PATH } from '../ids.js';
import type { CheckResult, Finding } from '../report-schema.js';
import type { Target } from '../target.js';

/** What the egress rules read: the run's checks. */
export interface EgressRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
}

function evidenceOf<K extends 'egress.ip' | 'tcp.connect'>(
  checks: readonly CheckResult[],
  kind: K,
): (K extends 'egress.ip' ? EgressIpEvidence : TcpEvidence) | undefined {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as (K extends 'egress.ip' ? EgressIpEvidence : TcpEvidence) | undefined;
}

/**
 * `egress.differs`: the DNS services (asked directly, as RDP goes) and the what-is-my-IP endpoint asked
 * through the proxy give different addresses of one family. Information while RDP's port answers; a
 * warning when it does not, since an NSG or JIT rule made from the portal's "My IP" would allow the
 * proxy's address and not the one RDP comes from.
 */
export function egressFindings(input: EgressRulesInput): Finding[] {
  const { target, checks } = input;
  const e = evidenceOf(checks, 'egress.ip');
  const direct = e?.addressFrom === 'dns' ? e.address : null;
  const viaProxy = e?.proxy?.address ?? null;
  if (e === undefined || direct === null || viaProxy === null) return [];
  if (ipFamily(direct) !== ipFamily(viaProxy) || sameIp(direct, viaProxy)) return [];
  const tcp = evidenceOf(checks, 'tcp.connect');
  const blocked = tcp !== undefined && !tcp.attempts.some((a) => a.via !== 'fresh' && a.outcome === 'open');
  const key = checkKey('egress.ip', DIRECT_PATH);
  const port = String(target.port);
  return [
    makeFinding('egress.differs', {
      detail: `Directly, your traffic leaves from ${direct} (what the NSG sees for RDP); through the proxy ${e.proxy?.proxy} it leaves from ${viaProxy}.${blocked ? ` RDP does not answer directly: check that the NSG rule or JIT request allows ${direct}, not only ${viaProxy}.` : ''}`,
      evidence: [
        ...e.lookups
          .filter((l) => l.address !== null)
          .map((l) => ({ check: key, says: `${l.service} at ${l.resolver}: ${l.address}` })),
        { check: key, says: `${e.proxy?.url} through ${e.proxy?.proxy}: ${viaProxy}` },
      ],
      confidence: 'high',
      values: { host: target.host, port, address: direct },
      ...(blocked ? { severity: 'warning' as const } : {}),
    }),
  ];
}
