import { z } from 'zod';
import type { ClientFirewallEvidence, FirewallBlock } from '../evidence/client.js';
import { addressSpecContains } from '../firewall/packet-filter.js';
import { parsePortRange } from '../firewall/port-set.js';
import { type IpValue, parseIp } from '../nsg/ip-range.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/**
 * The one-line, read-only PowerShell script whose output `parseWindowsFirewall` reads: the profiles
 * (enabled, default outbound action), the active profiles (from the connection profiles' network
 * category), and every enabled outbound Block rule with its protocol, remote ports, remote addresses and
 * program. Enums are cast to their names in the script (`[string]`), so the JSON does not depend on
 * ConvertTo-Json's numbers; `netsh advfirewall` output is localised, so it is not used.
 */
export const WINDOWS_FIREWALL_SCRIPT = [
  "$ErrorActionPreference='Stop'",
  '$p=@(Get-NetFirewallProfile | ForEach-Object { [pscustomobject]@{Name=[string]$_.Name;Enabled=[string]$_.Enabled;DefaultOutboundAction=[string]$_.DefaultOutboundAction} })',
  '$c=@(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object { [string]$_.NetworkCategory })',
  '$r=@(Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True -ErrorAction SilentlyContinue | ForEach-Object { $f=$_ | Get-NetFirewallPortFilter; $a=$_ | Get-NetFirewallAddressFilter; $g=$_ | Get-NetFirewallApplicationFilter; [pscustomobject]@{Name=[string]$_.Name;DisplayName=[string]$_.DisplayName;Profile=[string]$_.Profile;Direction=[string]$_.Direction;Action=[string]$_.Action;Enabled=[string]$_.Enabled;Protocol=[string]$f.Protocol;RemotePort=@($f.RemotePort | ForEach-Object { [string]$_ });RemoteAddress=@($a.RemoteAddress | ForEach-Object { [string]$_ });Program=[string]$g.Program} })',
  '[pscustomobject]@{Profiles=$p;ActiveCategories=$c;Rules=$r} | ConvertTo-Json -Depth 4 -Compress',
].join('; ');

// Enum values, accepted as names (what the script prints) or numbers (plain ConvertTo-Json). Numbers as
// documented for MSFT_NetFirewallRule (Action: Allow 2, AllowBypass 3, Block 4; Direction: Inbound 1,
// Outbound 2; Enabled: 1 enabled, 2 disabled; Profiles: 0 Any, 1 Domain, 2 Private, 4 Public). The profile's
// DefaultOutboundAction uses the same Action type (NotConfigured 0) and Enabled is a GpoBoolean (False 0,
// True 1, NotConfigured 2).
const Text = z.union([z.string(), z.number(), z.boolean()]).nullable().optional();
const TextList = z.union([Text, z.array(Text)]);

const ProfileSchema = z.object({ Name: z.string(), Enabled: Text, DefaultOutboundAction: Text });
const RuleSchema = z.object({
  Name: z.string(),
  DisplayName: Text,
  Profile: Text,
  Direction: Text,
  Action: Text,
  Enabled: Text,
  Protocol: Text,
  RemotePort: TextList,
  RemoteAddress: TextList,
  Program: Text,
});
const OutputSchema = z.object({
  Profiles: z
    .union([ProfileSchema, z.array(ProfileSchema)])
    .nullable()
    .optional(),
  ActiveCategories: TextList,
  Rules: z
    .union([RuleSchema, z.array(RuleSchema)])
    .nullable()
    .optional(),
});

/** A Windows Firewall profile as read. */
export interface WindowsProfile {
  readonly name: 'Domain' | 'Private' | 'Public' | string;
  readonly enabled: boolean;
  readonly defaultOutbound: 'allow' | 'block' | 'not-configured';
}

/** An enabled outbound block rule as read. */
export interface WindowsBlockRule {
  readonly name: string;
  readonly displayName: string | null;
  /** The profiles it is in; empty means Any. */
  readonly profiles: readonly string[];
  readonly protocol: string;
  readonly remotePorts: readonly string[];
  readonly remoteAddresses: readonly string[];
  readonly program: string | null;
}

/** What the script reported. */
export interface WindowsFirewall {
  readonly profiles: readonly WindowsProfile[];
  /** Profiles in force now (Domain, Private, Public); null when the connection profiles were not listed. */
  readonly active: readonly string[] | null;
  readonly rules: readonly WindowsBlockRule[];
}

function list<T>(value: T | readonly T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function text(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function isTrue(value: string | number | boolean | null | undefined): boolean {
  return value === true || value === 1 || /^(true|1)$/i.test(text(value));
}

function outboundAction(value: string | number | boolean | null | undefined): WindowsProfile['defaultOutbound'] {
  const t = text(value).toLowerCase();
  if (t === 'block' || t === '4') return 'block';
  if (t === 'allow' || t === '2') return 'allow';
  return 'not-configured';
}

const PROFILE_BITS: readonly [number, string][] = [
  [1, 'Domain'],
  [2, 'Private'],
  [4, 'Public'],
];

function profilesOf(value: string | number | boolean | null | undefined): string[] {
  const t = text(value);
  if (/^\d+$/.test(t)) return PROFILE_BITS.filter(([bit]) => (Number(t) & bit) !== 0).map(([, name]) => name);
  if (t === '' || /^any$/i.test(t)) return [];
  return t.split(/\s*,\s*/).filter((p) => p !== '');
}

const CATEGORY_PROFILE: Readonly<Record<string, string>> = {
  public: 'Public',
  private: 'Private',
  domainauthenticated: 'Domain',
};

/** Parses the JSON the script prints. Rules that are not enabled outbound blocks are left out. */
export function parseWindowsFirewall(json: string): Result<WindowsFirewall, InputError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.trim().replace(/^\uFEFF/, ''));
  } catch {
    return err(
      inputError('PowerShell output', 'The Windows Firewall listing is not JSON; expected ConvertTo-Json output.'),
    );
  }
  const shape = OutputSchema.safeParse(parsed);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return err(
      inputError(
        'PowerShell output',
        `The Windows Firewall listing has an unexpected shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}.`,
      ),
    );
  }
  const profiles = list(shape.data.Profiles).map((p) => ({
    name: p.Name,
    enabled: isTrue(p.Enabled),
    defaultOutbound: outboundAction(p.DefaultOutboundAction),
  }));
  const categories = list(shape.data.ActiveCategories).map((c) => text(c).toLowerCase());
  const active = categories.length === 0 ? null : [...new Set(categories.flatMap((c) => CATEGORY_PROFILE[c] ?? []))];
  const rules = list(shape.data.Rules)
    .filter(
      (r) => /^(outbound|2)$/i.test(text(r.Direction)) && /^(block|4)$/i.test(text(r.Action)) && isTrue(r.Enabled),
    )
    .map((r) => ({
      name: r.Name,
      displayName: text(r.DisplayName) || null,
      profiles: profilesOf(r.Profile),
      protocol: text(r.Protocol) || 'Any',
      remotePorts: list(r.RemotePort)
        .map(text)
        .filter((p) => p !== ''),
      remoteAddresses: list(r.RemoteAddress)
        .map(text)
        .filter((a) => a !== ''),
      program: text(r.Program) || null,
    }));
  return ok({ profiles, active, rules });
}

type Tri = 'yes' | 'no' | 'maybe';

function portCovered(ports: readonly string[], port: number): Tri {
  if (ports.length === 0) return 'yes';
  let result: Tri = 'no';
  for (const entry of ports.flatMap((p) => p.split(','))) {
    const t = entry.trim();
    if (/^any$/i.test(t)) return 'yes';
    const range = parsePortRange(t, '-');
    if (range !== null) {
      if (port >= range[0] && port <= range[1]) return 'yes';
    } else result = 'maybe'; // keywords such as RPC or IPHTTPSOut
  }
  return result;
}

function addressCovered(addresses: readonly string[], targets: readonly IpValue[]): Tri {
  if (addresses.length === 0 || addresses.some((a) => /^any$/i.test(a.trim()))) return 'yes';
  if (targets.length === 0) return 'maybe';
  let keyword = false;
  const hit = targets.map((t) =>
    addresses.some((a) => {
      const inside = addressSpecContains(a.trim(), t);
      if (inside === null) keyword = true;
      return inside === true;
    }),
  );
  if (hit.every(Boolean)) return 'yes';
  return keyword ? 'maybe' : hit.some(Boolean) ? 'maybe' : 'no';
}

/** Whether a program filter catches the Remote Desktop client (mstsc.exe) or every program. */
function programCovered(program: string | null): Tri {
  if (program === null || /^any$/i.test(program)) return 'yes';
  return /(^|[\\/])mstsc\.exe$/i.test(program.trim()) ? 'yes' : 'no';
}

/**
 * The Windows Firewall's verdict on outgoing TCP to `port`: block rules always win over allow rules, so
 * every enabled outbound block rule that covers TCP, the port, the address, the Remote Desktop client and
 * a profile in force blocks the connection. A Block default outbound action on a profile in force blocks
 * it too unless an allow rule (not read) lets it out.
 */
export function evaluateWindowsFirewall(
  fw: WindowsFirewall,
  port: number,
  addresses: readonly string[],
): Pick<ClientFirewallEvidence, 'enabled' | 'defaultOutbound' | 'blocking'> {
  const targets = addresses.map(parseIp).filter((a): a is IpValue => a !== undefined);
  const isActive = (name: string) => fw.active === null || fw.active.includes(name);
  const enabledProfiles = fw.profiles.filter((p) => p.enabled).map((p) => p.name);
  const blocking: FirewallBlock[] = [];
  for (const rule of fw.rules) {
    const protocol = /^(tcp|6|any)$/i.test(rule.protocol) ? 'yes' : 'no';
    const inProfiles =
      rule.profiles.length === 0 ? enabledProfiles : rule.profiles.filter((p) => enabledProfiles.includes(p));
    const profile: Tri =
      inProfiles.length === 0
        ? 'no'
        : fw.active === null
          ? rule.profiles.length === 0
            ? 'yes'
            : 'maybe'
          : inProfiles.some(isActive)
            ? 'yes'
            : 'no';
    const checks = [
      protocol,
      portCovered(rule.remotePorts, port),
      addressCovered(rule.remoteAddresses, targets),
      programCovered(rule.program),
      profile,
    ] as const;
    if (checks.includes('no')) continue;
    const conditions = [
      ...(profile === 'maybe' ? [`only in the ${rule.profiles.join(', ')} profile(s)`] : []),
      ...(checks[1] === 'maybe' ? [`RemotePort ${rule.remotePorts.join(',')}`] : []),
      ...(rule.program !== null && !/^any$/i.test(rule.program) ? [`program ${rule.program}`] : []),
    ];
    const addressLimited = !(rule.remoteAddresses.length === 0 || rule.remoteAddresses.some((a) => /^any$/i.test(a)));
    blocking.push({
      kind: 'rule',
      ref: rule.name,
      name: rule.displayName,
      scope: rule.profiles.length === 0 ? 'Any profile' : rule.profiles.join(', '),
      action: 'block',
      matches: `Outbound Block, Protocol ${rule.protocol}, RemotePort ${rule.remotePorts.join(',') || 'Any'}, RemoteAddress ${rule.remoteAddresses.join(',') || 'Any'}${rule.program === null ? '' : `, Program ${rule.program}`}`,
      destinations: addressLimited ? [...rule.remoteAddresses] : null,
      conditions,
      certain: !checks.includes('maybe'),
    });
  }
  for (const p of fw.profiles) {
    if (!p.enabled || p.defaultOutbound !== 'block' || !isActive(p.name)) continue;
    blocking.push({
      kind: 'default',
      ref: `${p.name} profile`,
      name: null,
      scope: p.name,
      action: 'block',
      matches: 'DefaultOutboundAction Block',
      destinations: null,
      conditions: [
        'unless an outbound Allow rule lets the Remote Desktop client or the port out (allow rules are not read)',
      ],
      certain: false,
    });
  }
  return {
    enabled: fw.profiles.length === 0 ? null : fw.profiles.some((p) => p.enabled && isActive(p.name)),
    defaultOutbound: fw.profiles.map((p) => ({
      scope: p.name,
      action: p.defaultOutbound,
      active: p.enabled && isActive(p.name),
    })),
    blocking,
  };
}
