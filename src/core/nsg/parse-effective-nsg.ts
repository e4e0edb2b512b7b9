import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { effectiveNsgListSchema } from './arm-schemas.js';
import { armErrorBody, parseJsonText, schemaError } from './json-input.js';
import { normalizeEffectiveRule } from './normalize-rule.js';
import type { NormalizedRule, ParsedNsg } from './rule-model.js';

const EXPECTED =
  'the effective network security groups of a NIC (effectiveNetworkSecurityGroups POST or `az network nic list-effective-nsg` JSON)';

/**
 * What an effective-NSG entry applies through: the subnet, the NIC, Virtual Network Manager (admin
 * rules), or `ambiguous` when the association names several (as the REST example does).
 */
export type EffectiveAssociation = 'subnet' | 'nic' | 'network-manager' | 'ambiguous';

/** One entry of the effective list: the NSG with its rules, and what it is associated with. */
export interface EffectiveNsgEntry {
  readonly association: EffectiveAssociation;
  readonly nsg: ParsedNsg;
}

function associationOf(association: {
  subnet?: unknown;
  networkInterface?: unknown;
  networkManager?: unknown;
}): EffectiveAssociation {
  const subnet = association.subnet != null;
  const nic = association.networkInterface != null;
  const manager = association.networkManager != null;
  if (subnet && !nic && !manager) return 'subnet';
  if (nic && !subnet && !manager) return 'nic';
  if (manager && !subnet && !nic) return 'network-manager';
  return 'ambiguous';
}

function readTagMap(
  tagMap: string | Record<string, string[]> | null | undefined,
): Record<string, string[]> | undefined {
  if (tagMap == null) return undefined;
  if (typeof tagMap !== 'string') return tagMap;
  try {
    const parsed: unknown = JSON.parse(tagMap);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const out: Record<string, string[]> = {};
    for (const [tag, prefixes] of Object.entries(parsed)) {
      if (Array.isArray(prefixes)) out[tag] = prefixes.filter((p): p is string => typeof p === 'string');
    }
    return out;
  } catch {
    // A tag map that is not JSON only costs expansions; the rules themselves are still usable.
    return undefined;
  }
}

/** Validates and normalises the NIC's effective NSGs; `input` names the source for messages. */
export function parseEffectiveNsgList(value: unknown, input: string): Result<EffectiveNsgEntry[], InputError> {
  const azureError = armErrorBody(value, input, EXPECTED);
  if (azureError !== undefined) return err(azureError);
  const parsed = effectiveNsgListSchema.safeParse(value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const entries: EffectiveNsgEntry[] = [];
  for (const [groupIndex, group] of parsed.data.value.entries()) {
    const association = associationOf(group.association ?? {});
    const rules: NormalizedRule[] = [];
    for (const [index, raw] of (group.effectiveSecurityRules ?? []).entries()) {
      const rule = normalizeEffectiveRule(raw, association === 'network-manager');
      if (rule.kind === 'err') {
        const where = `value[${groupIndex}].effectiveSecurityRules[${index}] (${raw.name})`;
        return err(inputError(input, `${input}: ${where}: ${rule.error}.`));
      }
      rules.push(rule.value);
    }
    const id = group.networkSecurityGroup?.id ?? group.association?.networkManager?.id ?? undefined;
    const name =
      id
        ?.split('/')
        .filter((part) => part !== '')
        .pop() ?? `${input} entry ${groupIndex}`;
    const tagMap = readTagMap(group.tagMap);
    entries.push({
      association,
      nsg: { name, ...(id !== undefined ? { id } : {}), rules, ...(tagMap !== undefined ? { tagMap } : {}) },
    });
  }
  return ok(entries);
}

/** Parses JSON text holding a NIC's effective NSGs; never throws. */
export function parseEffectiveNsgListJson(text: string, input: string): Result<EffectiveNsgEntry[], InputError> {
  const json = parseJsonText(text, input, EXPECTED);
  return json.kind === 'err' ? json : parseEffectiveNsgList(json.value, input);
}

/** The evaluator's layers picked out of an effective list; `ambiguous` entries are left to the caller. */
export interface EffectiveLayers {
  readonly subnetNsg: ParsedNsg | null;
  readonly nicNsg: ParsedNsg | null;
  readonly adminRules: readonly NormalizedRule[];
  readonly ambiguous: readonly ParsedNsg[];
}

/** Sorts effective entries into the subnet NSG, the NIC NSG, admin rules and the ambiguous rest. */
export function effectiveLayers(entries: readonly EffectiveNsgEntry[]): EffectiveLayers {
  let subnetNsg: ParsedNsg | null = null;
  let nicNsg: ParsedNsg | null = null;
  const adminRules: NormalizedRule[] = [];
  const ambiguous: ParsedNsg[] = [];
  for (const entry of entries) {
    if (entry.association === 'subnet' && subnetNsg === null) subnetNsg = entry.nsg;
    else if (entry.association === 'nic' && nicNsg === null) nicNsg = entry.nsg;
    else if (entry.association === 'network-manager') adminRules.push(...entry.nsg.rules);
    else ambiguous.push(entry.nsg);
  }
  return { subnetNsg, nicNsg, adminRules, ambiguous };
}
