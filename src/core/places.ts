import type { CheckId } from './ids.js';
import type { CheckResult, CheckStatus, Finding } from './report-schema.js';
import type { Source } from './source.js';

/** What the diagnosis says of one place: it works, works with a warning, fails, or cannot be told. */
export type PlaceState = 'pass' | 'warn' | 'fail' | 'unknown';

/** One place on the path with its state and a plain reason. */
export interface PlaceVerdict {
  readonly source: Source;
  readonly state: PlaceState;
  readonly reason: string;
}

/** The places in the troubleshooting article's order: the target first, then client to VM. */
export const PLACE_ORDER: readonly Source[] = [0, 1, 2, 3, 4, 5];

/**
 * The places a passing check vouches for. An open RDP port proves the address and the whole path at the
 * TCP level; the DNS answer proves the name; the hosts file and DNS cache are on your computer; RDP is the VM.
 */
export const PLACES_OF_CHECK: Readonly<Record<CheckId, readonly Source[]>> = {
  'dns.os': [0],
  'dns.fresh': [0],
  'dns.hosts': [1],
  'dns.os-cache': [1],
  'tcp.connect': [0, 1, 2, 3, 4, 5],
  'rdp.negotiate': [5],
  'rdp.protocols': [5],
  'rdp.tls': [5],
  'rdp.ntlm': [5],
  'udp.rdp': [4, 5],
  // Another port answering proves the address; a proxy or its tunnel vouches for no place on the direct path.
  'tcp.ports': [0],
  'proxy.discover': [],
  'proxy.connect': [],
  // A handshake to a third party's HTTPS endpoint says nothing about the VM's path.
  'tls.inspection': [],
  // Reading Azure vouches for nothing by itself: its findings (or their absence) speak for places 3–5.
  'azure.collect': [],
  // check-rdp.ps1 read the VM's RDP settings: its findings (or their absence) speak for the VM.
  'vm.checks': [5],
  // No local rule blocks the port: your computer's firewall is out of the way. Agents are evidence only.
  'client.firewall': [1],
  'client.agents': [],
  // The address Azure sees you come from is evidence for the Azure side; it vouches for no place itself.
  'egress.ip': [],
  // A route to the target exists on your computer (which interface, which gateway: evidence).
  'route.path': [1],
  // An answer to ping proves the address is alive; silence proves nothing (see VOUCH_ON_PASS_ONLY).
  'icmp.ping': [0],
  // A map of how far packets get, run only when TCP did not connect: it vouches for no place (silent
  // routers prove nothing, and an answering target is what icmp.ping already vouches for).
  'path.trace': [],
};

/** Evidence-only checks that vouch for their places only when they pass: an unanswered ping is `info`. */
const VOUCH_ON_PASS_ONLY: ReadonlySet<CheckId> = new Set(['icmp.ping']);

/** Statuses that vouch for a place. */
export const PASSING_STATUSES: ReadonlySet<CheckStatus> = new Set(['pass', 'warn', 'info']);

/**
 * The verdict per place, in the article's order: a blocker's source fails; its candidates stay unknown
 * (the evidence cannot rule them out); a warning's source warns; otherwise a place passes when one of its
 * checks passed, and is unknown when nothing checked it.
 */
export function placeVerdicts(checks: readonly CheckResult[], findings: readonly Finding[]): PlaceVerdict[] {
  const blockers = findings.filter((f) => f.severity === 'blocker');
  return PLACE_ORDER.map((source) => {
    const here = blockers.find((f) => f.source === source);
    if (here !== undefined) return { source, state: 'fail', reason: `Most likely the problem: ${here.title}` };
    if (blockers.some((f) => f.candidates.includes(source))) {
      return { source, state: 'unknown', reason: 'Could also be the problem: the evidence cannot rule it out' };
    }
    const warning = findings.find((f) => f.severity === 'warning' && f.source === source);
    if (warning !== undefined) return { source, state: 'warn', reason: `Works, with a warning: ${warning.title}` };
    const own = checks.filter((c) => PLACES_OF_CHECK[c.id].includes(source));
    const vouches = (c: CheckResult) =>
      VOUCH_ON_PASS_ONLY.has(c.id) ? c.status === 'pass' : PASSING_STATUSES.has(c.status);
    if (own.some(vouches)) return { source, state: 'pass', reason: 'Its checks passed' };
    if (own.every((c) => c.status === 'skipped'))
      return { source, state: 'unknown', reason: 'Not checked by this probe' };
    return { source, state: 'unknown', reason: 'Its checks could not confirm it' };
  });
}
