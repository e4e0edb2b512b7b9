import { err, ok, type Result } from '../result.js';
import { classifyAddressPrefix } from './address-entry.js';
import { parsePortEntries } from './port-entry.js';
import type { AddressEntry, PortEntry, RuleAccess, RuleDirection, RuleProtocol } from './rule-model.js';

const PROTOCOLS: Readonly<Record<string, RuleProtocol>> = {
  tcp: 'Tcp',
  udp: 'Udp',
  icmp: 'Icmp',
  esp: 'Esp',
  ah: 'Ah',
  '*': 'Any',
  all: 'Any',
  any: 'Any',
};

/** Reads a protocol case-insensitively (`Tcp`, `TCP`, `*`, `All`, `Any`…). */
export function readProtocol(value: string): Result<RuleProtocol, string> {
  const protocol = PROTOCOLS[value.trim().toLowerCase()];
  return protocol === undefined ? err(`protocol "${value}" is not Tcp, Udp, Icmp, Esp, Ah, * or All`) : ok(protocol);
}

/** Reads an access value; AlwaysAllow only where admin rules allow it. */
export function readAccess(value: string, allowAlwaysAllow: boolean): Result<RuleAccess, string> {
  const lower = value.trim().toLowerCase();
  if (lower === 'allow') return ok('Allow');
  if (lower === 'deny') return ok('Deny');
  if (allowAlwaysAllow && lower === 'alwaysallow') return ok('AlwaysAllow');
  return err(`access "${value}" is not ${allowAlwaysAllow ? 'Allow, Deny or AlwaysAllow' : 'Allow or Deny'}`);
}

/** Reads a direction case-insensitively. */
export function readDirection(value: string): Result<RuleDirection, string> {
  const lower = value.trim().toLowerCase();
  if (lower === 'inbound') return ok('Inbound');
  if (lower === 'outbound') return ok('Outbound');
  return err(`direction "${value}" is not Inbound or Outbound`);
}

/** Joins a singular field and its plural list, ignoring null, empty strings and empty lists. */
export function gather(single: string | null | undefined, list: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  if (single != null && single.trim() !== '') out.push(single);
  if (list != null) for (const item of list) if (item.trim() !== '') out.push(item);
  return out;
}

/** Classifies address prefixes and ASG IDs of one side; an empty side is an error (`what` names it). */
export function readAddresses(
  prefixes: readonly string[],
  asgIds: readonly string[],
  what: string,
): Result<AddressEntry[], string> {
  const entries: AddressEntry[] = [];
  for (const prefix of prefixes) {
    const entry = classifyAddressPrefix(prefix);
    if (entry.kind === 'err') return err(`${what}: ${entry.error}`);
    entries.push(entry.value);
  }
  for (const id of asgIds) entries.push({ kind: 'asg', text: id });
  if (entries.length === 0) return err(`${what}: no address prefix or application security group`);
  return ok(entries);
}

/** Parses the port fields of one side; an absent field means any port (`whenEmpty`). */
export function readPorts(
  texts: readonly string[],
  what: string,
  whenEmpty: 'any' | 'error',
): Result<PortEntry[], string> {
  if (texts.length === 0) {
    return whenEmpty === 'any' ? ok([{ kind: 'any', text: '*' }]) : err(`${what}: no port or port range`);
  }
  const entries: PortEntry[] = [];
  for (const item of texts) {
    const parsed = parsePortEntries(item);
    if (parsed.kind === 'err') return err(`${what}: ${parsed.error}`);
    entries.push(...parsed.value);
  }
  return ok(entries);
}
