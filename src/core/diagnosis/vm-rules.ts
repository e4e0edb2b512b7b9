import type { AzureSnapshot } from '../azure/snapshot-schema.js';
import { makeFinding } from '../findings/make-finding.js';
import { checkKey, DIRECT_PATH } from '../ids.js';
import type { CheckResult, Finding, RdpNtlmEvidence, RdpTlsEvidence, TcpEvidence } from '../report-schema.js';
import type { Target } from '../target.js';
import type { VmCheckOutput, VmChecks, VmRepair } from '../vm-checks/vm-check-schema.js';
import {
  allowConnectionsRepair,
  enableFirewallRulesRepair,
  type RepairTarget,
  resetRdpConfigRepair,
  setPortRepair,
  startServiceRepair,
} from '../vm-checks/vm-repairs.js';
import { type AzureCommandValues, fillAzurePlaceholders } from './azure-commands.js';
import { dialledAddresses, findLanding, findReach } from './azure-reach.js';

/** What the VM rules read: the run, the Azure snapshot when there is one, and the VM checks. */
export interface VmRulesInput {
  readonly target: Target;
  readonly checks: readonly CheckResult[];
  readonly snapshot: AzureSnapshot | null;
  readonly vmChecks: VmChecks;
}

/** Where connections arrive on the VM: the NAT rule's backend port through a load balancer, else the dialled port. */
interface Arrival {
  readonly port: number;
  readonly nat: { readonly lb: string; readonly lbGroup: string | null; readonly rule: string } | null;
  /** Whether the snapshot tells how the dialled address reaches the VM. */
  readonly known: boolean;
}

const EVIDENCE = 'vm.checks';
const DEFAULT_PORT = 3389;

function evidenceOf<K extends 'tcp.connect' | 'rdp.tls' | 'rdp.ntlm'>(checks: readonly CheckResult[], kind: K) {
  const check = checks.find((c) => c.path === DIRECT_PATH && c.evidence?.kind === kind);
  return check?.evidence as
    | (K extends 'tcp.connect' ? TcpEvidence : K extends 'rdp.tls' ? RdpTlsEvidence : RdpNtlmEvidence)
    | undefined;
}

function arrivalOf(input: VmRulesInput): Arrival {
  const { snapshot, target } = input;
  if (snapshot === null) return { port: target.port, nat: null, known: false };
  const reach = findReach(snapshot, dialledAddresses(target, input.checks), target.port);
  const landing = findLanding(snapshot, reach, target.port);
  if (reach.kind === 'load-balancer' && reach.natRule !== null) {
    const lbGroup = reach.lb.id.match(/resourceGroups\/([^/]+)/i)?.[1] ?? null;
    return { port: landing.backendPort, nat: { lb: reach.lb.name, lbGroup, rule: reach.natRule.name }, known: true };
  }
  return { port: target.port, nat: null, known: reach.kind === 'public-ip' };
}

/**
 * The VM findings of a run, a pure function of the VM checks (check-rdp.ps1's output) and the client's
 * evidence: Remote Desktop turned off, TermService stopped, PortNumber other than the port connections
 * arrive on (the NAT rule's backend port, else the dialled one), no listener of its own on the port, Windows
 * Firewall dropping it, another machine's certificate answering, NLA required; and checks that could not
 * run. Repairs are proposed on the findings as data (`repairs`), never run here.
 */
export function vmCheckFindings(input: VmRulesInput): Finding[] {
  const { vmChecks, snapshot } = input;
  const vm = snapshot?.vm ?? null;
  const target: RepairTarget = { resourceGroup: vm?.resourceGroup ?? null, vmName: vm?.name ?? null };
  const arrival = arrivalOf(input);
  const output = vmChecks.output;
  const values: AzureCommandValues = {
    'resource-group': vm?.resourceGroup,
    'vm-name': vm?.name,
    'vm-id': vm?.id,
    'expected-port': arrival.port,
    'vm-port': output?.rdp?.port ?? null,
    'lb-name': arrival.nat?.lb,
    'lb-resource-group': arrival.nat?.lbGroup,
    'nat-rule-name': arrival.nat?.rule,
  };
  const origin = `${vmChecks.source === 'run-command' ? 'Run Command' : 'imported output'}, ${vmChecks.collectedAt}`;
  const base: Base = { input, values, target, origin };
  if (output === null) return [unavailable(base, vmChecks.problem ?? 'no output was returned')];
  const context: RuleContext = { ...base, output, arrival };
  return [
    ...disabledFindings(context),
    ...serviceFindings(context),
    ...portFindings(context),
    ...listenerFindings(context),
    ...firewallFindings(context),
    ...certificateFindings(context),
    ...nlaFindings(context),
    ...partialFindings(context),
  ];
}

/** What every VM rule knows. */
interface Base {
  readonly input: VmRulesInput;
  readonly values: AzureCommandValues;
  readonly target: RepairTarget;
  /** Where the checks came from, for evidence: `Run Command, 2026-…`. */
  readonly origin: string;
}

/** What the rules reading the script's output know. */
interface RuleContext extends Base {
  readonly output: VmCheckOutput;
  readonly arrival: Arrival;
}

type Facts = Parameters<typeof makeFinding>[1];

function finding(
  context: Base,
  code: Parameters<typeof makeFinding>[0],
  facts: Omit<Facts, 'values'>,
  repairs: readonly VmRepair[] = [],
): Finding {
  const host = context.input.target.host;
  const made = fillAzurePlaceholders(makeFinding(code, { ...facts, values: { host } }), context.values);
  return repairs.length === 0 ? made : { ...made, repairs: [...repairs] };
}

function says(context: Base, text: string): { check: string; says: string } {
  return { check: EVIDENCE, says: `${text} (${context.origin})` };
}

/** The RDP port on the VM: PortNumber, or the default when it could not be read. */
function vmPort(output: VmCheckOutput): number {
  return output.rdp?.port ?? DEFAULT_PORT;
}

function clientOpen(checks: readonly CheckResult[]): boolean | null {
  const tcp = evidenceOf(checks, 'tcp.connect');
  if (tcp === undefined) return null;
  return tcp.attempts.some((a) => a.via !== 'fresh' && a.outcome === 'open');
}

function unavailable(context: Base, problem: string): Finding {
  return finding(context, 'vm.checks-unavailable', {
    detail: `The checks inside the VM did not give a result: ${problem}`,
    evidence: [{ check: EVIDENCE, says: `${problem} (${context.origin})` }],
    confidence: 'high',
  });
}

function disabledFindings(context: RuleContext): Finding[] {
  const rdp = context.output.rdp;
  if (rdp === null) return [];
  const policy = rdp.denyPolicy;
  const effective = policy ?? rdp.deny;
  if (effective !== 1) return [];
  const byPolicy = policy === 1;
  return [
    finding(
      context,
      'vm.rdp-disabled',
      {
        detail: byPolicy
          ? 'A Group Policy turns Remote Desktop off on the VM (fDenyTSConnections 1 under SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services): Windows refuses every connection, and changing the local setting will not help until the policy changes.'
          : 'Remote Desktop is turned off on the VM (fDenyTSConnections is 1): Windows refuses every connection.',
        evidence: [
          says(
            context,
            `fDenyTSConnections ${rdp.deny ?? 'not set'}, Group Policy ${policy === null ? 'not set' : `fDenyTSConnections ${policy}`}`,
          ),
        ],
        confidence: 'high',
      },
      byPolicy ? [] : [allowConnectionsRepair(context.target), resetRdpConfigRepair(context.target)],
    ),
  ];
}

const PENDING = /pending/i;

function serviceFindings(context: RuleContext): Finding[] {
  const service = context.output.service;
  if (service === null || service.state === null || service.state.toLowerCase() === 'running') return [];
  const pending = PENDING.test(service.state);
  const start = service.start === null ? '' : ` (start mode ${service.start})`;
  return [
    finding(
      context,
      'vm.rdp-service-stopped',
      {
        detail: pending
          ? `The Remote Desktop Services service (TermService) is "${service.state}"${start}: it is changing state, so RDP may not answer yet.`
          : `The Remote Desktop Services service (TermService) is "${service.state}"${start} on the VM, so nothing answers RDP.`,
        evidence: [says(context, `TermService ${service.state}, start mode ${service.start ?? 'unknown'}`)],
        confidence: pending ? 'medium' : 'high',
        ...(pending ? { severity: 'warning' as const } : {}),
      },
      pending ? [] : [startServiceRepair('start', service.start, context.target), resetRdpConfigRepair(context.target)],
    ),
  ];
}

function portFindings(context: RuleContext): Finding[] {
  const { output, arrival, input } = context;
  const port = output.rdp?.port ?? null;
  if (port === null || port === arrival.port) return [];
  const open = clientOpen(input.checks);
  const where =
    arrival.nat === null
      ? `you connect to port ${arrival.port}`
      : `load balancer ${arrival.nat.lb}'s NAT rule ${arrival.nat.rule} sends your port ${input.target.port} to backend port ${arrival.port}`;
  const answered = open
    ? ` Port ${input.target.port} answered your computer anyway: something on the way translates the port, or another program answers on it.`
    : ` Connections arrive on port ${arrival.port}, where Remote Desktop does not listen.`;
  const unsure = !arrival.known && arrival.nat === null && !open ? ' (unless a load balancer translates the port)' : '';
  return [
    finding(
      context,
      'vm.port-changed',
      {
        detail: `RDP on the VM listens on port ${port} (PortNumber in its registry), but ${where}${unsure}.${answered}`,
        evidence: [
          says(context, `PortNumber ${port}`),
          arrival.nat === null
            ? { check: 'target', says: `port ${input.target.port}` }
            : {
                check: 'azure.lb',
                says: `NAT rule ${arrival.nat.rule}: ${input.target.port} → backend ${arrival.port}`,
              },
          ...tcpSays(input.checks),
        ],
        confidence: open ? 'low' : arrival.known ? 'high' : 'medium',
        ...(open ? { severity: 'warning' as const } : {}),
      },
      [setPortRepair(arrival.port, port, context.target)],
    ),
  ];
}

function tcpSays(checks: readonly CheckResult[]): { check: string; says: string }[] {
  const tcp = evidenceOf(checks, 'tcp.connect');
  if (tcp === undefined) return [];
  return tcp.attempts
    .filter((a) => a.via !== 'fresh')
    .slice(0, 2)
    .map((a) => ({ check: checkKey('tcp.connect', DIRECT_PATH), says: `${a.address}:${tcp.port} ${a.outcome}` }));
}

function listenerFindings(context: RuleContext): Finding[] {
  const { output } = context;
  const service = output.service;
  const listeners = output.listen?.rdp ?? null;
  if (service?.state?.toLowerCase() !== 'running' || listeners === null) return [];
  const effectiveDeny = output.rdp?.denyPolicy ?? output.rdp?.deny ?? null;
  if (effectiveDeny === 1) return []; // the listener stays down while Remote Desktop is off: vm.rdp-disabled says so
  const port = vmPort(output);
  const onPort = listeners.filter((l) => l.port === port);
  const own = service.pid === null ? onPort : onPort.filter((l) => l.pid === service.pid);
  if (own.length > 0) return [];
  const others = onPort.map((l) => `${l.proc ?? 'process'} (pid ${l.pid ?? '?'}) on ${l.addr ?? '?'}`);
  const detail =
    onPort.length === 0
      ? `The Remote Desktop service runs (pid ${service.pid ?? '?'}), but nothing listens on TCP port ${port} on the VM (${output.listen?.count ?? 'some'} ports listen): its listener did not start.`
      : `TCP port ${port} on the VM is held by ${others.join(', ')}, not by the Remote Desktop service (pid ${service.pid}): another program answers there.`;
  return [
    finding(
      context,
      'vm.not-listening',
      {
        detail,
        evidence: [
          says(
            context,
            onPort.length === 0
              ? `no listener on port ${port}; TermService running, pid ${service.pid ?? '?'}`
              : `port ${port}: ${others.join(', ')}`,
          ),
        ],
        confidence: onPort.length === 0 ? 'high' : 'medium',
      },
      [startServiceRepair('restart', service.start, context.target), resetRdpConfigRepair(context.target)],
    ),
  ];
}

/** A profile's default inbound action blocks: Block, or NotConfigured (whose default is Block). */
function blocksByDefault(inbound: string | null): boolean {
  return inbound === null || /^(block|notconfigured)$/i.test(inbound);
}

function firewallFindings(context: RuleContext): Finding[] {
  const { output } = context;
  const firewall = output.firewall;
  if (firewall === null) return [];
  const port = vmPort(output);
  const on = (firewall.profiles ?? []).filter((p) => p.enabled !== false);
  if (firewall.profiles !== null && on.length === 0) return []; // the firewall is off in every profile
  const blocks = firewall.blockRules ?? [];
  const rdpRules = firewall.rdpRules ?? [];
  const disabledRdp = rdpRules.filter((r) => r.enabled === false);
  const closedByDefault = on.some((p) => blocksByDefault(p.inbound));
  const noAllow = firewall.allowRules === 0;
  if (blocks.length === 0 && !(noAllow && closedByDefault)) return [];

  const parts: string[] = [];
  if (blocks.length > 0) {
    parts.push(
      `${blocks.length === 1 ? 'the block rule' : 'the block rules'} ${blocks.map((b) => `"${b.display ?? b.name}" (ports ${b.ports ?? '?'})`).join(', ')} ${blocks.length === 1 ? 'covers' : 'cover'} TCP port ${port}`,
    );
  }
  if (noAllow && closedByDefault) {
    const why =
      disabledRdp.length > 0 && disabledRdp.length === rdpRules.length
        ? `the Remote Desktop rules (${disabledRdp.map((r) => r.name).join(', ')}) are disabled`
        : port !== DEFAULT_PORT
          ? `the Remote Desktop rules cover port ${DEFAULT_PORT}, not ${port}`
          : 'no enabled rule covers it';
    parts.push(
      `no enabled rule allows TCP port ${port} (${why}) and inbound traffic is blocked by default in the ${on.map((p) => p.name).join(', ')} profile${on.length === 1 ? '' : 's'}`,
    );
  }
  const enable =
    firewall.rdpRules === null
      ? null
      : disabledRdp.filter((r) => /usermode/i.test(r.name)).map((r) => r.name).length > 0
        ? disabledRdp.filter((r) => /usermode/i.test(r.name)).map((r) => r.name)
        : disabledRdp.map((r) => r.name);
  const repairs: VmRepair[] = [
    enableFirewallRulesRepair(
      {
        port,
        enable: noAllow ? enable : [],
        disable: blocks,
        addRule: noAllow && port !== DEFAULT_PORT,
      },
      context.target,
    ),
    ...(port === DEFAULT_PORT && blocks.length === 0 ? [resetRdpConfigRepair(context.target)] : []),
  ];
  return [
    finding(
      context,
      'vm.firewall-blocks-rdp',
      {
        detail: `Windows Firewall on the VM drops RDP: ${parts.join('; and ')}.`,
        evidence: [
          says(
            context,
            `profiles ${(firewall.profiles ?? []).map((p) => `${p.name} ${p.enabled ? 'on' : 'off'}/${p.inbound ?? '?'}`).join(', ') || 'unknown'}; ${firewall.allowRules ?? '?'} allow rules for port ${port}; ${blocks.length} block rules`,
          ),
          ...(rdpRules.length > 0
            ? [
                says(
                  context,
                  `Remote Desktop rules: ${rdpRules.map((r) => `${r.name} ${r.enabled ? 'enabled' : 'disabled'}`).join(', ')}`,
                ),
              ]
            : []),
        ],
        confidence: blocks.length > 0 || (firewall.rdpRules !== null && firewall.profiles !== null) ? 'high' : 'medium',
      },
      repairs,
    ),
  ];
}

/** Upper-case hex without separators. */
function normaliseThumbprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

function certificateFindings(context: RuleContext): Finding[] {
  const { output, input } = context;
  const vmThumb = output.cert?.thumbprint ?? null;
  const tls = evidenceOf(input.checks, 'rdp.tls');
  const seen = tls?.certificate ?? null;
  if (vmThumb === null || tls === undefined || seen === null) return [];
  const client = normaliseThumbprint(seen.sha1);
  if (client === normaliseThumbprint(vmThumb)) return [];
  const ntlm = evidenceOf(input.checks, 'rdp.ntlm')?.identity ?? null;
  const answeredName = ntlm?.nbComputerName ?? ntlm?.dnsComputerName ?? null;
  const vmName = output.computer;
  const sameName =
    answeredName !== null && vmName !== null && answeredName.split('.')[0]?.toLowerCase() === vmName.toLowerCase();
  const nameNote =
    answeredName === null || vmName === null
      ? ''
      : sameName
        ? ` It gave the VM's computer name ${vmName}, so the VM's certificate may have been renewed since the probe: probe again.`
        : ` It calls itself ${answeredName}; the VM is ${vmName}.`;
  const expiry = output.cert?.notAfter ? `, valid until ${output.cert.notAfter}` : '';
  return [
    finding(context, 'vm.cert-thumbprint-mismatch', {
      detail: `The RDP server that answered ${tls.address}:${tls.port} presented certificate ${client} (${seen.subjectCN ?? seen.subject}), but the VM's RDP listener uses ${normaliseThumbprint(vmThumb)} (store ${output.cert?.store ?? 'unknown'}${expiry}): another machine answered.${nameNote}`,
      evidence: [
        { check: checkKey('rdp.tls', DIRECT_PATH), says: `certificate SHA-1 ${client}, subject ${seen.subject}` },
        says(context, `listener certificate ${normaliseThumbprint(vmThumb)}`),
        ...(answeredName === null
          ? []
          : [{ check: checkKey('rdp.ntlm', DIRECT_PATH), says: `computer ${answeredName}` }]),
      ],
      confidence: sameName ? 'low' : answeredName !== null ? 'high' : 'medium',
      ...(sameName ? { severity: 'warning' as const } : {}),
    }),
  ];
}

const SECURITY_LAYERS: Readonly<Record<number, string>> = { 0: 'RDP', 1: 'Negotiate', 2: 'TLS' };
const ORACLE: Readonly<Record<number, string>> = { 0: 'Force Updated Clients', 1: 'Mitigated', 2: 'Vulnerable' };

function nlaFindings(context: RuleContext): Finding[] {
  const rdp = context.output.rdp;
  if (rdp?.nla !== 1) return [];
  const layer =
    rdp.securityLayer === null ? 'not set' : (SECURITY_LAYERS[rdp.securityLayer] ?? String(rdp.securityLayer));
  const oracle = context.output.credssp?.oracle ?? null;
  const oracleNote =
    oracle === 0
      ? ' Its CredSSP policy is "Force Updated Clients" (AllowEncryptionOracle 0): a client without the 2018 CredSSP update is refused with the "CredSSP encryption oracle remediation" error.'
      : oracle === 2
        ? ' Its CredSSP policy is "Vulnerable" (AllowEncryptionOracle 2), which accepts unpatched clients: set it back once they are updated.'
        : '';
  return [
    finding(context, 'vm.nla-required', {
      detail: `The VM requires Network Level Authentication (UserAuthentication 1, security layer ${layer}): your client signs in with CredSSP before the session starts.${oracleNote}`,
      evidence: [
        says(
          context,
          `UserAuthentication 1, SecurityLayer ${rdp.securityLayer ?? 'not set'}, AllowEncryptionOracle ${oracle === null ? 'not set (Mitigated)' : `${oracle} (${ORACLE[oracle] ?? 'unknown'})`}`,
        ),
      ],
      confidence: 'high',
    }),
  ];
}

function partialFindings(context: RuleContext): Finding[] {
  const errors = context.output.errors;
  if (errors.length === 0) return [];
  return [
    finding(context, 'vm.checks-unavailable', {
      detail: `Part of the checks inside the VM did not give a result: ${errors.map((e) => `${e.section} (${e.message})`).join('; ')}. The other VM findings use what was read.`,
      evidence: errors.map((e) => says(context, `${e.section}: ${e.message}`)),
      confidence: 'high',
    }),
  ];
}
