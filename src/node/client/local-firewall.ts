import type { ClientFirewallEvidence, ClientTool, FirewallBlock } from '../../core/evidence/client.js';
import { evaluateOutput, type FilterRuleset } from '../../core/firewall/packet-filter.js';
import { iptablesHasRules, parseIptablesSave } from '../../core/parsers/iptables-save.js';
import {
  evaluatePfRules,
  parsePfRules,
  parsePfStatus,
  parseSocketfilterBlockAll,
  parseSocketfilterState,
} from '../../core/parsers/macos-firewall.js';
import { NFT_LIST_ARGS, parseNftRuleset } from '../../core/parsers/nft-ruleset.js';
import type { CheckStatus } from '../../core/report-schema.js';
import { type Budget, readTool } from './read-tool.js';

/** Where the firewall tools are; tests point them at other binaries (a missing one, one run as nobody). */
export interface FirewallCommands {
  readonly nft?: string;
  readonly iptablesSave?: string;
  readonly iptablesLegacySave?: string;
  readonly powershell?: string;
  readonly socketfilterfw?: string;
  readonly pfctl?: string;
}

/** What the local firewall check reports. */
export interface FirewallReading {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: ClientFirewallEvidence;
}

/** What to evaluate: the RDP port and the addresses the client dials. */
export interface FirewallQuery {
  readonly platform: NodeJS.Platform;
  readonly port: number;
  readonly addresses: readonly string[];
  readonly commands: FirewallCommands;
  readonly budget: Budget;
}

const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

/** What one OS's reader found; `decided`: the tool that filters outgoing traffic was read in full. */
type Read = Omit<ClientFirewallEvidence, 'kind' | 'port' | 'addresses'> & { readonly decided: boolean };

/**
 * Reads the local firewall, read-only, and says whether it blocks outgoing TCP to the RDP port: nftables
 * (and iptables) on Linux, Windows Defender Firewall through PowerShell, pf on macOS. A tool that is
 * missing or needs administrator rights makes the check `skipped` with the reason, never a failure.
 */
export async function readLocalFirewall(query: FirewallQuery): Promise<FirewallReading> {
  const read =
    query.platform === 'linux'
      ? await readLinux(query)
      : query.platform === 'win32'
        ? await readWindows(query)
        : query.platform === 'darwin'
          ? await readMac(query)
          : {
              os: 'other' as const,
              tools: [],
              enabled: null,
              defaultOutbound: [],
              blocking: [],
              notes: [`RDP Probe cannot read the firewall of ${query.platform}.`],
              decided: false,
            };
  const { decided, ...rest } = read;
  const evidence: ClientFirewallEvidence = {
    kind: 'client.firewall',
    port: query.port,
    addresses: [...query.addresses],
    ...rest,
  };
  return { ...verdict(evidence, decided), evidence };
}

function label(b: FirewallBlock): string {
  if (b.kind === 'default') return `the default outbound action of ${b.scope} (${b.matches})`;
  const name = b.name === null ? b.ref : `"${b.name}" (${b.ref})`;
  return `${name}: ${b.action} ${b.matches}`;
}

function verdict(e: ClientFirewallEvidence, decided: boolean): { status: CheckStatus; summary: string } {
  const read = e.tools.filter((t) => t.outcome === 'read');
  if (!decided && e.blocking.length === 0) {
    const why = e.tools.map((t) => t.message).filter((m) => m !== null);
    return {
      status: e.tools.some((t) => t.outcome === 'failed' || t.outcome === 'timeout') ? 'error' : 'skipped',
      summary: `Could not read the firewall: ${
        [
          why.length > 0 ? `${why.join('; ')}.` : '',
          ...e.notes.filter((n) => !n.startsWith('The Application Firewall')),
        ]
          .filter((part) => part !== '')
          .join(' ') || 'no tool to read it.'
      }`,
    };
  }
  const certain = e.blocking.filter((b) => b.certain);
  const port = `TCP port ${e.port}`;
  if (certain.length > 0) {
    return { status: 'fail', summary: `Your firewall blocks ${port} out: ${certain.map(label).join('; ')}.` };
  }
  if (e.blocking.length > 0) {
    return {
      status: 'warn',
      summary: `Your firewall may block ${port} out, depending on ${e.blocking.flatMap((b) => b.conditions).join(', ') || 'conditions it cannot weigh here'}: ${e.blocking.map(label).join('; ')}.`,
    };
  }
  return {
    status: 'pass',
    summary: `No rule of your firewall blocks ${port} out (${read.map((t) => t.command.split(' ')[0]).join(', ')}).`,
  };
}

function defaultsOf(ruleset: FilterRuleset): Read['defaultOutbound'] {
  return ruleset.chains
    .filter((c) => c.outputBase)
    .map((c) => ({ scope: c.id, action: c.policy === 'drop' ? ('block' as const) : ('allow' as const), active: true }));
}

async function readLinux(q: FirewallQuery): Promise<Read> {
  const tools: ClientTool[] = [];
  const notes: string[] = [];
  const rulesets: FilterRuleset[] = [];
  const nft = await readTool(q.commands.nft ?? 'nft', NFT_LIST_ARGS, 'nft -j list ruleset', q.budget);
  tools.push(nft.tool);
  if (nft.stdout !== null) {
    const parsed = parseNftRuleset(nft.stdout);
    if (parsed.kind === 'ok') {
      rulesets.push(parsed.value.ruleset);
      if (parsed.value.extensionRules > 0) {
        notes.push(
          `${parsed.value.extensionRules} rule(s) were added by iptables-nft with extensions the JSON listing cannot show; \`sudo iptables-save\` shows them in full.`,
        );
      }
    } else {
      tools[0] = { ...nft.tool, outcome: 'failed', message: parsed.error.message };
    }
  }
  if (nft.tool.outcome === 'absent') {
    const save = await readTool(q.commands.iptablesSave ?? 'iptables-save', [], 'iptables-save', q.budget);
    tools.push(save.tool);
    if (save.stdout !== null) rulesets.push(parseIptablesSave(save.stdout));
  } else {
    // iptables-legacy keeps its own tables beside nftables; both filter every packet.
    const legacy = await readTool(
      q.commands.iptablesLegacySave ?? 'iptables-legacy-save',
      [],
      'iptables-legacy-save',
      q.budget,
    );
    if (legacy.tool.outcome !== 'absent') tools.push(legacy.tool);
    if (legacy.stdout !== null && iptablesHasRules(legacy.stdout)) {
      rulesets.push(parseIptablesSave(legacy.stdout));
      notes.push('iptables-legacy has rules of its own beside nftables: both apply to every packet.');
    }
  }
  if (tools.every((t) => t.outcome !== 'read') && tools.some((t) => t.outcome === 'denied')) {
    notes.push('Reading the packet filter needs root: run the probe with sudo to include it.');
  }
  if (tools.every((t) => t.outcome === 'absent')) notes.push('Neither nft nor iptables-save is installed.');
  const defaults = rulesets.flatMap(defaultsOf);
  return {
    os: 'linux',
    tools,
    enabled: rulesets.length === 0 ? null : defaults.length > 0,
    defaultOutbound: defaults,
    blocking: rulesets.flatMap((r) => evaluateOutput(r, q.port, q.addresses)),
    notes,
    decided: rulesets.length > 0,
  };
}

async function readWindows(q: FirewallQuery): Promise<Read> {
  // Windows only, so its parser (and zod) load only there.
  const { WINDOWS_FIREWALL_SCRIPT, evaluateWindowsFirewall, parseWindowsFirewall } = await import(
    '../../core/parsers/windows-firewall.js'
  );
  const ps = await readTool(
    q.commands.powershell ?? 'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_FIREWALL_SCRIPT],
    'Get-NetFirewallProfile; Get-NetFirewallRule -Direction Outbound -Action Block',
    q.budget,
  );
  const none = { os: 'windows' as const, enabled: null, defaultOutbound: [], blocking: [], decided: false };
  if (ps.stdout === null) return { ...none, tools: [ps.tool], notes: [] };
  const parsed = parseWindowsFirewall(ps.stdout);
  if (parsed.kind === 'err')
    return { ...none, tools: [{ ...ps.tool, outcome: 'failed', message: parsed.error.message }], notes: [] };
  const fw = parsed.value;
  const notes =
    fw.active === null
      ? ['The active network profile could not be read: rules of every enabled profile were weighed.']
      : [];
  return { os: 'windows', tools: [ps.tool], ...evaluateWindowsFirewall(fw, q.port, q.addresses), notes, decided: true };
}

async function readMac(q: FirewallQuery): Promise<Read> {
  const tools: ClientTool[] = [];
  const notes: string[] = [];
  const alf = q.commands.socketfilterfw ?? SOCKETFILTERFW;
  const state = await readTool(alf, ['--getglobalstate'], 'socketfilterfw --getglobalstate', q.budget);
  tools.push(state.tool);
  const blockAll = await readTool(alf, ['--getblockall'], 'socketfilterfw --getblockall', q.budget);
  tools.push(blockAll.tool);
  const alfOn = state.stdout === null ? null : parseSocketfilterState(state.stdout);
  const allBlocked = blockAll.stdout === null ? null : parseSocketfilterBlockAll(blockAll.stdout);
  notes.push(
    `The Application Firewall is ${alfOn === null ? 'in an unknown state' : alfOn ? 'on' : 'off'}${allBlocked ? ' and blocks all incoming connections' : ''}; it filters incoming connections only, so it cannot block RDP out.`,
  );
  const pfctl = q.commands.pfctl ?? 'pfctl';
  const info = await readTool(pfctl, ['-s', 'info'], 'pfctl -s info', q.budget);
  tools.push(info.tool);
  const pfOn = info.stdout === null ? null : parsePfStatus(info.stdout);
  if (info.tool.outcome === 'denied')
    notes.push("pf's state and rules can only be read as root: `sudo pfctl -s info` and `sudo pfctl -sr`.");
  if (pfOn !== true) {
    // Only pf can block outgoing traffic: off, nothing blocks; unread, there is no answer.
    return { os: 'macos', tools, enabled: pfOn, defaultOutbound: [], blocking: [], notes, decided: pfOn === false };
  }
  const rules = await readTool(pfctl, ['-s', 'rules'], 'pfctl -s rules', q.budget);
  tools.push(rules.tool);
  if (rules.stdout === null) {
    return { os: 'macos', tools, enabled: true, defaultOutbound: [], blocking: [], notes, decided: false };
  }
  const parsed = parsePfRules(rules.stdout);
  if (parsed.anchors.length > 0) {
    notes.push(
      `pf anchors hold rules \`pfctl -s rules\` does not list (${parsed.anchors.join(', ')}): \`sudo pfctl -a '<anchor>' -s rules\` shows them.`,
    );
  }
  const blocking = evaluatePfRules(parsed.rules, q.port, q.addresses);
  const blockAllOut = parsed.rules.some(
    (r) => r.action === 'block' && r.direction !== 'in' && r.to === null && r.port === null && r.protocols === null,
  );
  return {
    os: 'macos',
    tools,
    enabled: true,
    defaultOutbound: [{ scope: 'pf', action: blockAllOut ? 'block' : 'allow', active: true }],
    blocking,
    notes,
    decided: true,
  };
}
