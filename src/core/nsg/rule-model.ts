/** Who decides: Allow and Deny in NSGs; AlwaysAllow exists only in Virtual Network Manager admin rules. */
export type RuleAccess = 'Allow' | 'Deny' | 'AlwaysAllow';

/** Traffic direction, as NSG rules spell it. */
export type RuleDirection = 'Inbound' | 'Outbound';

/** A rule's protocol; `Any` stands for `*`, `All` (effective API) and `Any` (admin rules). */
export type RuleProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | 'Any';

/** One source or destination entry of a rule, classified. */
export type AddressEntry =
  /** `*`, `Any`, `0.0.0.0/0` or `::/0`: every address. */
  | { readonly kind: 'any'; readonly text: string }
  /** A single IPv4/IPv6 address or a CIDR block. */
  | { readonly kind: 'prefix'; readonly text: string }
  /** A service tag such as `Internet`, `VirtualNetwork`, `AzureLoadBalancer` or `Storage.WestUS`. */
  | { readonly kind: 'service-tag'; readonly text: string }
  /** An application security group, by resource ID. */
  | { readonly kind: 'asg'; readonly text: string };

/** One port entry of a rule: `*` or an inclusive range (`3389` is 3389-3389). */
export type PortEntry =
  | { readonly kind: 'any'; readonly text: string }
  | { readonly kind: 'range'; readonly text: string; readonly first: number; readonly last: number };

/** Where a rule came from: a custom NSG rule, an NSG default rule, or a Virtual Network Manager admin rule. */
export type RuleOrigin = 'security-rule' | 'default-security-rule' | 'admin-rule';

/**
 * A security rule in one shape, whatever API gave it (NSG GET, CLI output, effective NSG POST, admin
 * rules). Plain, serialisable data: strings and numbers only.
 */
export interface NormalizedRule {
  /** The name as the source gave it: `rule1`, `securityRules/rule1`, `defaultSecurityRules/DenyAllInBound`. */
  readonly name: string;
  /** The name without the effective API's `securityRules/` or `defaultSecurityRules/` prefix. */
  readonly shortName: string;
  readonly origin: RuleOrigin;
  readonly priority: number;
  readonly access: RuleAccess;
  readonly direction: RuleDirection;
  readonly protocol: RuleProtocol;
  readonly sources: readonly AddressEntry[];
  readonly destinations: readonly AddressEntry[];
  /**
   * The effective API's `expandedSourceAddressPrefix`: the service tag or group already resolved to
   * prefixes. When present it is what the rule matches against.
   */
  readonly expandedSources?: readonly string[];
  /** The effective API's `expandedDestinationAddressPrefix` (see `expandedSources`). */
  readonly expandedDestinations?: readonly string[];
  readonly sourcePorts: readonly PortEntry[];
  readonly destinationPorts: readonly PortEntry[];
}

/** A parsed network security group: its identity and all its rules (custom and default). */
export interface ParsedNsg {
  readonly name: string;
  readonly id?: string;
  readonly rules: readonly NormalizedRule[];
  /**
   * The effective API's `tagMap`: service tag → the prefixes it stands for in this NSG's context. Keys
   * as given.
   */
  readonly tagMap?: Readonly<Record<string, readonly string[]>>;
}
