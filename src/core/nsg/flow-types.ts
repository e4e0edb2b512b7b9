import type { NormalizedRule, ParsedNsg, RuleAccess, RuleDirection } from './rule-model.js';

/** A protocol a packet actually carries (rules may also say Any). */
export type FlowProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah';

/**
 * One flow, as NSGs see it: for inbound, after Azure translated the public IP to the VM's private IP,
 * so `destinationIp` is the private address and `destinationPort` the backend port. Ports are ignored
 * for Icmp, Esp and Ah; an unknown port makes port-specific rules "unknown".
 */
export interface Flow {
  readonly direction: RuleDirection;
  readonly protocol: FlowProtocol;
  readonly sourceIp: string;
  readonly sourcePort?: number;
  readonly destinationIp: string;
  readonly destinationPort?: number;
}

/** What the evaluator knows about addresses beyond the rules themselves. */
export interface AddressContext {
  /** The VM's own addresses (its NIC's IP configurations). The VM's side of a flow is always one of them. */
  readonly vmIps?: readonly string[];
  /** Resource IDs of the application security groups the VM's NIC belongs to. */
  readonly nicAsgIds?: readonly string[];
  /** Known members of other ASGs: resource ID → member addresses. */
  readonly asgMembers?: Readonly<Record<string, readonly string[]>>;
  /**
   * What `VirtualNetwork` stands for: the VNet's address space plus peered and gateway-learned
   * prefixes. When absent, `VirtualNetwork` matches only the VM's own addresses and is "unknown" for others.
   */
  readonly virtualNetworkPrefixes?: readonly string[];
  /** Expansions of other service tags (tag → prefixes), e.g. from the Service Tags API. Keys match case-insensitively. */
  readonly serviceTags?: Readonly<Record<string, readonly string[]>>;
}

/** Everything `evaluateFlow` needs: the flow, the layers in the order Azure applies them, and address knowledge. */
export interface EvaluateFlowInput {
  readonly flow: Flow;
  /** Virtual Network Manager security admin rules for the VNet, if any: evaluated before any NSG. */
  readonly adminRules?: readonly NormalizedRule[];
  /** The subnet's NSG, or null when the subnet has none. */
  readonly subnetNsg: ParsedNsg | null;
  /** The NIC's NSG, or null when the NIC has none. */
  readonly nicNsg: ParsedNsg | null;
  /**
   * The flow reaches the VM through a Standard SKU public IP. Such an IP is closed to inbound traffic
   * unless an NSG (on the subnet or the NIC) allows it, so with no NSG at all the flow is denied.
   */
  readonly viaStandardSkuPublicIp?: boolean;
  readonly context?: AddressContext;
  /**
   * `full` (default) lists every rule considered; `brief` lists only matched and undecidable rules,
   * for bulk evaluation.
   */
  readonly detail?: 'full' | 'brief';
}

/** Which layer a rule lives in. */
export type LayerName = 'admin' | 'subnet' | 'nic';

/** A rule together with where it lives. */
export interface LocatedRule {
  readonly rule: NormalizedRule;
  readonly layer: LayerName;
  /** The NSG's name (for admin rules: the network manager's, when known). */
  readonly nsgName?: string;
  readonly nsgId?: string;
}

/** The field of a rule that decided a mismatch or could not be decided. */
export type MatchField = 'protocol' | 'destination-port' | 'source-port' | 'destination-address' | 'source-address';

/** One rule the evaluator looked at, and what came of it. */
export interface ConsideredRule {
  readonly rule: NormalizedRule;
  readonly outcome: 'match' | 'no-match' | 'unknown';
  /** For no-match: the first field that did not match. For unknown: the field that could not be decided. */
  readonly field?: MatchField;
  /** For unknown: why (e.g. `service tag Storage has no known expansion`). */
  readonly note?: string;
}

/** What one layer did with the flow. */
export type LayerReport =
  | { readonly kind: 'absent'; readonly layer: LayerName }
  | { readonly kind: 'not-reached'; readonly layer: LayerName; readonly nsgName?: string; readonly nsgId?: string }
  | {
      readonly kind: 'decided';
      readonly layer: LayerName;
      readonly nsgName?: string;
      readonly nsgId?: string;
      readonly access: RuleAccess;
      readonly decidingRule: NormalizedRule;
      readonly considered: readonly ConsideredRule[];
    }
  | {
      readonly kind: 'no-match';
      readonly layer: LayerName;
      readonly nsgName?: string;
      readonly nsgId?: string;
      readonly considered: readonly ConsideredRule[];
    };

/** What decided the flow. */
export type Decider =
  | { readonly kind: 'rule'; readonly located: LocatedRule }
  /** No NSG on the subnet or the NIC (and no Standard SKU public IP): everything passes. */
  | { readonly kind: 'no-nsg' }
  /** A Standard SKU public IP with no NSG on the subnet or the NIC: closed to inbound traffic. */
  | { readonly kind: 'standard-sku-closed' };

/**
 * A rule that could not be decided (an unexpanded service tag, an ASG with unknown members) and that,
 * had it matched, would have given its layer a different outcome. The verdict assumes it did not match.
 */
export interface Uncertainty {
  readonly located: LocatedRule;
  readonly field: MatchField;
  readonly note: string;
}

/** An Allow rule that would let the same protocol and destination port in, but only from other sources. */
export interface OtherSourceAllow {
  readonly located: LocatedRule;
  /** The rule's source prefixes as written (or expanded by the effective API). */
  readonly sources: readonly string[];
  /** The rule is a Just-In-Time allow (`SecurityCenter-JITRule-<n>-<hex>`): access was granted to another IP. */
  readonly jit: boolean;
}

interface VerdictCommon {
  readonly flow: Flow;
  readonly decidedBy: Decider;
  /** Every layer in evaluation order: admin (when rules were given), then the NSGs. */
  readonly layers: readonly LayerReport[];
  /** Allow rules that passed the flow, one per NSG layer that allowed it (and an AlwaysAllow admin rule). */
  readonly allowingRules: readonly LocatedRule[];
  readonly uncertainties: readonly Uncertainty[];
}

/** The evaluator's answer: allowed or denied, why, and what the diagnosis needs next. */
export type FlowVerdict =
  | (VerdictCommon & { readonly kind: 'allowed' })
  | (VerdictCommon & {
      readonly kind: 'denied';
      /** Allow rules for this protocol and port that match only other sources (for `nsg.allowed-other-source`). */
      readonly otherSourceAllows: readonly OtherSourceAllow[];
      /** The deciding rule is a Just-In-Time deny (`SecurityCenter-JITRule_-<n>_<hex>`): request access. */
      readonly jitDeny: boolean;
    });
