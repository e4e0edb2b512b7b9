import { CLIENT_ERROR_CODES, formatClientErrorCode } from '../client-error-codes.js';
import type { ClientFirewallEvidence, FirewallBlock } from '../evidence/client.js';
import type { TcpOutcome } from '../evidence/tcp.js';
import { makeFinding } from '../findings/make-finding.js';
import { checkKey, DIRECT_PATH } from '../ids.js';
import type { CheckResult, Finding, RemedyStep } from '../report-schema.js';
import type { Target } from '../target.js';
import { directEvidence } from './direct-evidence.js';

/**
 * Turns the error code the user's RDP client showed into evidence: what it means, where it points, and
 * whether this probe sees the same now. Unknown codes are recorded as given.
 */
export function clientErrorFinding(code: number, rdpPortAnswers: boolean): Finding {
  const known = CLIENT_ERROR_CODES[code];
  const shown = formatClientErrorCode(code);
  if (known === undefined) {
    return makeFinding('client.error-code', {
      detail: `Your RDP client reported ${shown}, which is not a documented disconnect reason; it is kept with this report for support.`,
      evidence: [{ check: 'client', says: shown }],
      confidence: 'low',
      values: {},
    });
  }
  const network = known.sources.includes(4);
  const now = !network
    ? ''
    : rdpPortAnswers
      ? ' From here the RDP port answers now: the failure may have been temporary, or on another network or path.'
      : ' This probe sees the same: the RDP port does not answer from here either.';
  const [source, ...candidates] = known.sources;
  return makeFinding('client.error-code', {
    detail: `Your RDP client reported ${shown} (${known.name}): ${known.meaning}.${now}`,
    evidence: [{ check: 'client', says: `${shown} ${known.name}` }],
    confidence: 'medium',
    values: {},
    ...(source === undefined ? {} : { source, candidates }),
  });
}

/** What the client rules read: the run's checks. */
export interface ClientRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
}

/** How a firewall block reads in a sentence. */
function describeBlock(b: FirewallBlock): string {
  if (b.kind === 'default') return `the default outbound action of ${b.scope} (${b.matches})`;
  // The matches name the destinations already (ip daddr, -d, RemoteAddress, pf's `to`).
  const name = b.name === null ? b.ref : `"${b.name}" (${b.ref})`;
  const unless = b.conditions.length === 0 ? '' : `, if ${b.conditions.join(' and ')}`;
  return `rule ${name} ${b.action === 'block' ? 'blocks' : `${b.action}s`} ${b.matches}${unless}`;
}

function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Commands for the very rule that blocks: show it, and remove it where that is the user's to do. */
function stepsFor(os: ClientFirewallEvidence['os'], b: FirewallBlock): RemedyStep[] {
  if (os === 'windows') {
    if (b.kind === 'default') {
      return [
        {
          os: 'windows',
          label: `Show the ${b.scope} profile's default outbound action`,
          command: `Get-NetFirewallProfile -Name ${b.scope} | Format-List Name,Enabled,DefaultOutboundAction`,
        },
      ];
    }
    const name = psQuote(b.ref);
    return [
      {
        os: 'windows',
        label: `Show the rule ${b.name ?? b.ref} and its ports`,
        command: `Get-NetFirewallRule -Name ${name} | Format-List Name,DisplayName,Profile,Direction,Action,Enabled; Get-NetFirewallRule -Name ${name} | Get-NetFirewallPortFilter`,
      },
      {
        os: 'windows',
        label: 'Disable it, if it is yours to change (PowerShell as administrator)',
        command: `Disable-NetFirewallRule -Name ${name}`,
      },
    ];
  }
  if (os === 'linux') {
    const nft = /^(ip|ip6|inet) (\S+) (\S+) (?:handle (\d+)|policy)$/.exec(b.ref);
    if (nft !== null) {
      const chain = `${nft[1]} ${nft[2]} ${nft[3]}`;
      return [
        { os: 'linux', label: `Show the chain ${chain} with rule handles`, command: `sudo nft -a list chain ${chain}` },
        ...(nft[4] === undefined
          ? []
          : [
              {
                os: 'linux' as const,
                label: 'Delete the rule, if it is yours to change',
                command: `sudo nft delete rule ${chain} handle ${nft[4]}`,
              },
            ]),
      ];
    }
    const ipt = /^filter (\S+) (?:rule (\d+)|policy)$/.exec(b.ref);
    if (ipt !== null) {
      return [
        {
          os: 'linux',
          label: `Show the iptables chain ${ipt[1]} with rule numbers`,
          command: `sudo iptables -L ${ipt[1]} -n -v --line-numbers`,
        },
        ...(ipt[2] === undefined
          ? []
          : [
              {
                os: 'linux' as const,
                label: 'Delete the rule, if it is yours to change',
                command: `sudo iptables -D ${ipt[1]} ${ipt[2]}`,
              },
            ]),
      ];
    }
  }
  return [];
}

/** Outcomes of a connect that a local rule explains: dropped (filtered), rejected (refused, unreachable). */
const LOCAL_BLOCK_OUTCOMES: ReadonlySet<TcpOutcome> = new Set(['filtered', 'refused', 'reset', 'unreachable']);

/**
 * `client.firewall-blocks-rdp`: the computer's own firewall blocks outgoing TCP to the RDP port. When
 * the port does not answer and a rule certainly blocks it, this is the blocker, at the user's computer,
 * with high confidence; a rule that only may apply (source address, user, interface, profile) is a
 * warning. When the port answers, the rule evidently does not apply to this connection and nothing is
 * said, except for a Windows rule that blocks only the Remote Desktop client (the probe is not mstsc.exe).
 */
export function clientFirewallFindings(input: ClientRulesInput): Finding[] {
  const fw = directEvidence(input.checks, 'client.firewall');
  if (fw === undefined || fw.blocking.length === 0) return [];
  const tcp = directEvidence(input.checks, 'tcp.connect');
  const attempts = tcp?.attempts.filter((a) => a.via !== 'fresh') ?? [];
  const open = attempts.some((a) => a.outcome === 'open');
  const blocked = attempts.length > 0 && attempts.every((a) => LOCAL_BLOCK_OUTCOMES.has(a.outcome));
  const clientOnly = (b: FirewallBlock) => b.conditions.some((c) => /mstsc\.exe/i.test(c));
  const relevant = open ? fw.blocking.filter((b) => b.certain && clientOnly(b)) : fw.blocking;
  if (relevant.length === 0) return [];
  const certain = relevant.filter((b) => b.certain);
  const shown = certain.length > 0 ? certain : relevant;
  const port = String(input.target.port);
  const tcpKey = checkKey('tcp.connect', DIRECT_PATH);
  const tcpSays = attempts.map((a) => ({
    check: tcpKey,
    says: `${a.address}:${port} ${a.outcome}${a.errorCode ? ` (${a.errorCode})` : ''}`,
  }));
  const seen = blocked
    ? ` The connection to ${attempts.map((a) => `${a.address}:${port}`).join(', ')} ${attempts.every((a) => a.outcome === 'filtered') ? 'got no answer' : 'was refused before it left'}, ${certain.length > 0 ? 'as such a rule makes it' : 'which such a rule would explain'}.`
    : open
      ? ' The probe got through because the rule applies to the Remote Desktop client (mstsc.exe) only.'
      : '';
  const tools = fw.tools.filter((t) => t.outcome === 'read').map((t) => t.command);
  const finding = makeFinding('client.firewall-blocks-rdp', {
    detail: `The firewall on your computer (${tools.join(', ')}) ${certain.length > 0 ? 'blocks' : 'may block'} outgoing TCP to port ${port}: ${shown.map(describeBlock).join('; ')}.${seen}`,
    evidence: [
      ...shown.map((b) => ({ check: checkKey('client.firewall', DIRECT_PATH), says: describeBlock(b) })),
      ...tcpSays,
    ],
    confidence: certain.length === 0 ? 'low' : blocked || open ? 'high' : 'medium',
    values: { host: input.target.host, port, address: attempts[0]?.address ?? input.target.host },
    ...(certain.length === 0 ? { severity: 'warning' as const } : {}),
  });
  const specific = shown.flatMap((b) => stepsFor(fw.os, b));
  return [{ ...finding, remedy: { ...finding.remedy, steps: [...specific, ...finding.remedy.steps] } }];
}

/**
 * `client.agent-present`: known VPN, proxy or security agents run on the computer. Information only;
 * it points at the organization's edge when an agent is a corporate one (its policy decides), else at
 * the computer (a personal VPN's routing).
 */
export function clientAgentFindings(input: ClientRulesInput): Finding[] {
  const e = directEvidence(input.checks, 'client.agents');
  if (e === undefined || e.agents.length === 0) return [];
  const tcp = directEvidence(input.checks, 'tcp.connect');
  const attempts = tcp?.attempts.filter((a) => a.via !== 'fresh') ?? [];
  const blocked = attempts.length > 0 && !attempts.some((a) => a.outcome === 'open');
  const corporate = e.agents.some((a) => a.corporate || a.category !== 'vpn');
  const port = String(input.target.port);
  const list = e.agents.map((a) => `${a.name} (${a.matched.map((m) => `${m.via} ${m.name}`).join(', ')})`);
  return [
    makeFinding('client.agent-present', {
      detail: `Running on your computer: ${list.join('; ')}.${blocked ? ` The RDP port does not answer from here: check ${e.agents.length > 1 ? 'these agents’ policies' : 'its policy'} for TCP ${port} first.` : ''}`,
      evidence: e.agents.map((a) => ({
        check: checkKey('client.agents', DIRECT_PATH),
        says: `${a.name}: ${a.matched.map((m) => `${m.via} ${m.name}`).join(', ')}`,
      })),
      confidence: 'medium',
      values: { host: input.target.host, port, address: attempts[0]?.address ?? input.target.host },
      ...(corporate ? { source: 2 as const, candidates: [1 as const] } : {}),
    }),
  ];
}
