import { resourceName, sameResourceId } from '../azure/resource-id.js';
import type { AzureIpConfig, AzureNic, AzureNsg, AzureSnapshot, NsgRef } from '../azure/snapshot-schema.js';
import type { NormalizedRule, ParsedNsg } from '../nsg/rule-model.js';
import { vmNics } from './azure-reach.js';

/** One NSG layer as far as the snapshot tells: an NSG, known to have none, or not known. */
export type LayerState =
  | { readonly kind: 'nsg'; readonly nsg: ParsedNsg }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly why: string };

/** The layers the evaluator needs for one NIC, and which data they came from. */
export interface NsgLayers {
  readonly subnet: LayerState;
  readonly nic: LayerState;
  readonly adminRules: readonly NormalizedRule[];
  /** `effective`: the NIC's effective NSG list; `documents`: NSG, NIC and subnet JSON. */
  readonly from: 'effective' | 'documents';
  /** The input the layers came from (for evidence). */
  readonly inputs: readonly string[];
}

function fromEffective(snapshot: AzureSnapshot, nic: AzureNic | null): NsgLayers | null {
  const list =
    snapshot.effectiveNsgs.find((e) => nic !== null && sameResourceId(e.nicId, nic.id)) ??
    snapshot.effectiveNsgs.find((e) => e.nicId === null);
  if (list === undefined) return null;
  // Sorted here rather than with the NSG module's effectiveLayers, whose module loads zod: the diagnosis
  // stays free of it. An entry associated with both (as the REST example is) fills whichever layer is free.
  let subnetNsg: ParsedNsg | null = null;
  let nicNsg: ParsedNsg | null = null;
  const adminRules: NormalizedRule[] = [];
  const ambiguous: ParsedNsg[] = [];
  for (const entry of list.entries) {
    if (entry.association === 'subnet' && subnetNsg === null) subnetNsg = entry.nsg;
    else if (entry.association === 'nic' && nicNsg === null) nicNsg = entry.nsg;
    else if (entry.association === 'network-manager') adminRules.push(...entry.nsg.rules);
    else ambiguous.push(entry.nsg);
  }
  for (const nsg of ambiguous) {
    if (nicNsg === null) nicNsg = nsg;
    else if (subnetNsg === null) subnetNsg = nsg;
  }
  const state = (nsg: ParsedNsg | null): LayerState => (nsg === null ? { kind: 'none' } : { kind: 'nsg', nsg });
  return {
    subnet: state(subnetNsg),
    nic: state(nicNsg),
    adminRules,
    from: 'effective',
    inputs: [list.input],
  };
}

function nsgById(snapshot: AzureSnapshot, id: string): AzureNsg | undefined {
  return snapshot.nsgs.find((nsg) => sameResourceId(nsg.id, id));
}

function resolve(snapshot: AzureSnapshot, ref: NsgRef, owner: string, inputs: string[]): LayerState {
  if (ref.kind === 'none') return { kind: 'none' };
  if (ref.kind === 'unknown') return { kind: 'unknown', why: `nothing says whether ${owner} has an NSG` };
  const nsg = nsgById(snapshot, ref.id);
  if (nsg === undefined) {
    return { kind: 'unknown', why: `${owner} uses NSG ${resourceName(ref.id)}, but its JSON was not given` };
  }
  inputs.push(nsg.input);
  return { kind: 'nsg', nsg: nsg.parsed };
}

function nicLayer(snapshot: AzureSnapshot, nic: AzureNic | null, inputs: string[]): LayerState {
  if (nic !== null) return resolve(snapshot, nic.nsg, `NIC ${nic.name}`, inputs);
  const ids = vmNics(snapshot).map((n) => n.id);
  const vmNicIds = [...ids, ...(snapshot.vm?.nics.map((n) => n.id) ?? [])];
  const linked = snapshot.nsgs.find((nsg) => nsg.nicIds.some((id) => vmNicIds.some((own) => sameResourceId(id, own))));
  if (linked === undefined) return { kind: 'unknown', why: "the NIC's JSON was not given" };
  inputs.push(linked.input);
  return { kind: 'nsg', nsg: linked.parsed };
}

function subnetLayer(snapshot: AzureSnapshot, ipConfig: AzureIpConfig | null, inputs: string[]): LayerState {
  const subnetId = ipConfig?.subnetId ?? null;
  if (subnetId === null) return { kind: 'unknown', why: "the NIC's subnet is not known" };
  const subnet = snapshot.subnets.find((s) => sameResourceId(s.id, subnetId));
  if (subnet !== undefined) return resolve(snapshot, subnet.nsg, `subnet ${subnet.name}`, inputs);
  const linked = snapshot.nsgs.find((nsg) => nsg.subnetIds.some((id) => sameResourceId(id, subnetId)));
  if (linked !== undefined) {
    inputs.push(linked.input);
    return { kind: 'nsg', nsg: linked.parsed };
  }
  return { kind: 'unknown', why: `no subnet or NSG JSON says whether subnet ${resourceName(subnetId)} has an NSG` };
}

/**
 * The NSG layers for a NIC: from its effective NSG list when there is one (what Azure applies), else
 * from the NIC's and subnet's associations and the NSG JSON given. With nothing linking a lone NSG, it is
 * taken as the NIC's (subnet's, when it lists subnets) and the other layer stays unknown.
 */
export function nsgLayersFor(snapshot: AzureSnapshot, nic: AzureNic | null, ipConfig: AzureIpConfig | null): NsgLayers {
  const effective = fromEffective(snapshot, nic);
  if (effective !== null) return effective;
  const inputs: string[] = [];
  let nicState = nicLayer(snapshot, nic, inputs);
  let subnetState = subnetLayer(snapshot, ipConfig, inputs);
  const lone = snapshot.nsgs.length === 1 ? snapshot.nsgs[0] : undefined;
  if (lone !== undefined && nicState.kind === 'unknown' && subnetState.kind === 'unknown') {
    inputs.push(lone.input);
    if (lone.subnetIds.length > 0) subnetState = { kind: 'nsg', nsg: lone.parsed };
    else nicState = { kind: 'nsg', nsg: lone.parsed };
  }
  return { subnet: subnetState, nic: nicState, adminRules: [], from: 'documents', inputs };
}
