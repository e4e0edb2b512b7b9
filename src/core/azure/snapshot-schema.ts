import { z } from 'zod';
import { EffectiveNsgEntrySchema, IpFlowVerifyResultSchema, ParsedNsgSchema } from './parsed-nsg-schema.js';

const text = z.string().nullable();
const ids = z.array(z.string());

/** Where a snapshot came from: files an admin saved (`offline`), or a live ARM collection (`arm`). */
export const AzureOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offline'), inputs: z.array(z.string()) }),
  z.object({ kind: z.literal('arm'), subscriptionId: z.string(), collectedAt: z.iso.datetime() }),
]);

/** What is known about an NSG association: an NSG, explicitly none, or not known from the data given. */
export const NsgRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nsg'), id: z.string() }),
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('unknown') }),
]);

/** The VM: identity, power and provisioning state, guest agent, boot diagnostics, NICs and addresses. */
export const AzureVmSchema = z.object({
  /** Where this came from (`file vm.json`, `ARM`). */
  input: z.string(),
  id: text,
  name: text,
  resourceGroup: text,
  location: text,
  computerName: text,
  /** `running`, `deallocated`, `stopped`, `starting`… (the part after `PowerState/`) and Azure's display text. */
  powerState: z.object({ code: z.string(), display: z.string() }).nullable(),
  provisioningState: text,
  /** The VM agent's status (`Ready`, `Not Ready`) and message, from the instance view. */
  vmAgent: z.object({ status: z.string(), message: text, version: text }).nullable(),
  bootDiagnostics: z.object({ enabled: z.boolean().nullable(), screenshotUri: text }).nullable(),
  nics: z.array(z.object({ id: z.string(), primary: z.boolean().nullable() })),
  /** Addresses `az vm show -d` lists (`publicIps`, `privateIps`, `fqdns`). */
  publicIps: ids,
  privateIps: ids,
  fqdns: ids,
});

/** One IP configuration of a NIC. */
export const AzureIpConfigSchema = z.object({
  id: text,
  name: z.string(),
  primary: z.boolean().nullable(),
  privateIp: text,
  subnetId: text,
  publicIpId: text,
  asgIds: ids,
  natRuleIds: ids,
  backendPoolIds: ids,
});

/** A network interface: its VM, its own NSG and its IP configurations. */
export const AzureNicSchema = z.object({
  input: z.string(),
  id: z.string(),
  name: z.string(),
  vmId: text,
  primary: z.boolean().nullable(),
  nsg: NsgRefSchema,
  ipConfigurations: z.array(AzureIpConfigSchema),
});

/** A subnet and its NSG. */
export const AzureSubnetSchema = z.object({
  input: z.string(),
  id: z.string(),
  name: z.string(),
  nsg: NsgRefSchema,
  addressPrefixes: ids,
});

/** A public IP: address, SKU, allocation, DNS name and what it is attached to. */
export const AzurePublicIpSchema = z.object({
  input: z.string(),
  id: z.string(),
  name: z.string(),
  address: text,
  /** `Basic`, `Standard`, `StandardV2`; null when the data does not say. */
  sku: text,
  allocation: text,
  fqdn: text,
  /** A NIC IP configuration or a load balancer frontend. */
  ipConfigurationId: text,
});

/** An NSG parsed by the evaluator, and what it is associated with. */
export const AzureNsgSchema = z.object({
  input: z.string(),
  id: text,
  name: z.string(),
  subnetIds: ids,
  nicIds: ids,
  parsed: ParsedNsgSchema,
});

/** A load balancer inbound NAT rule: frontend IP and port (or port range) → backend IP configuration and port. */
export const AzureNatRuleSchema = z.object({
  id: text,
  name: z.string(),
  protocol: text,
  frontendIpConfigurationId: text,
  frontendPort: z.number().int().nullable(),
  frontendPortRange: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  backendPort: z.number().int().nullable(),
  backendIpConfigurationId: text,
  backendPoolId: text,
  /** Port-range rules: which frontend port reaches which backend address. */
  portMappings: z.array(z.object({ backendIp: text, frontendPort: z.number().int(), backendPort: z.number().int() })),
});

/** A load balancer: frontends and inbound NAT rules. */
export const AzureLoadBalancerSchema = z.object({
  input: z.string(),
  id: z.string(),
  name: z.string(),
  sku: text,
  frontends: z.array(z.object({ id: z.string(), name: z.string(), publicIpId: text, privateIp: text })),
  inboundNatRules: z.array(AzureNatRuleSchema),
});

/** A NIC's effective NSGs (the POST action). `nicId` is null when the data does not say which NIC. */
export const AzureEffectiveNsgsSchema = z.object({
  input: z.string(),
  nicId: text,
  entries: z.array(EffectiveNsgEntrySchema),
});

/** An IP flow verify answer; `flow` is what was asked, when known (CLI output does not repeat it). */
export const AzureIpFlowVerifySchema = z.object({
  input: z.string(),
  result: IpFlowVerifyResultSchema,
  flow: z.object({ direction: z.string(), protocol: z.string(), local: z.string(), remote: z.string() }).nullable(),
});

/** An operation Azure refused (403 / AuthorizationFailed): which one, and the action that was missing. */
export const AzureForbiddenSchema = z.object({
  input: z.string(),
  operation: z.enum(['effective-nsg', 'ip-flow-verify', 'effective-routes', 'other']),
  /** The missing permission, e.g. `Microsoft.Network/networkWatchers/ipFlowVerify/action`. */
  action: text,
  code: z.string(),
  message: z.string(),
});

/** A write or delete on one of the VM's resources, from the Activity Log (who, what, when). */
export const AzureChangeSchema = z.object({
  resourceId: z.string(),
  /** `Microsoft.Network/networkSecurityGroups/securityRules/write`. */
  operation: z.string(),
  /** Azure's localised name of the operation, when given (`Create or Update Security Rule`). */
  operationName: text,
  status: text,
  /** Who: a user principal name, an app id or a service's name. */
  caller: text,
  at: z.iso.datetime({ offset: true }),
});

/** One route of a NIC's effective route table. */
export const AzureRouteSchema = z.object({
  source: text,
  state: text,
  addressPrefixes: ids,
  nextHopType: text,
  nextHopIpAddresses: ids,
});

/** A NIC's effective routes (the POST action). */
export const AzureEffectiveRoutesSchema = z.object({
  input: z.string(),
  nicId: text,
  routes: z.array(AzureRouteSchema),
});

/** The region's Network Watcher as found in the subscription; null fields when there is none. */
export const AzureNetworkWatcherSchema = z.object({
  location: z.string(),
  /** Null: the subscription has no Network Watcher in the VM's region. */
  id: text,
});

/** The VM's Just-In-Time policy (Defender for Cloud): which ports it opens on request, and the requests made. */
export const AzureJitSchema = z.object({
  policyId: z.string(),
  ports: z.array(
    z.object({
      number: z.number().int(),
      protocol: text,
      allowedSources: ids,
      /** ISO 8601 duration, e.g. `PT3H`. */
      maxRequestAccessDuration: text,
    }),
  ),
  requests: z.array(
    z.object({
      port: z.number().int(),
      sources: ids,
      startTimeUtc: text,
      endTimeUtc: text,
      /** `Initiated`, `Revoked`… */
      status: text,
      requestor: text,
    }),
  ),
});

/** One Resource Manager call of a live collection: what was asked and how it went. */
export const AzureCollectStepSchema = z.object({
  operation: z.string(),
  status: z.enum(['ok', 'failed', 'forbidden', 'skipped']),
  httpStatus: z.number().int().nullable(),
  code: text,
  detail: text,
  durationMs: z.number().nonnegative(),
});

/** How a live collection went: the credential used, how the VM was found, and every call. */
export const AzureCollectionSchema = z.object({
  credential: z.string(),
  cloud: z.string(),
  /** How the VM was found (`resource ID`, `name in resource group rg`, `public IP 203.0.113.10 → NIC nic1`). */
  locatedBy: text,
  steps: z.array(AzureCollectStepSchema),
  /** Why the collection stopped short (sign-in failed, VM not found), or null. */
  failure: text,
});

/** Input that could not be used, with one sentence saying why. */
export const AzureProblemSchema = z.object({ input: z.string(), message: z.string() });

/**
 * What RDP Probe knows about the Azure side of one VM: the same shape whether it came from files an admin
 * saved (`az … show` JSON) or from a live collection. Plain, serialisable data.
 */
export const AzureSnapshotSchema = z.object({
  origin: AzureOriginSchema,
  vm: AzureVmSchema.nullable(),
  nics: z.array(AzureNicSchema),
  subnets: z.array(AzureSubnetSchema),
  publicIps: z.array(AzurePublicIpSchema),
  nsgs: z.array(AzureNsgSchema),
  loadBalancers: z.array(AzureLoadBalancerSchema),
  effectiveNsgs: z.array(AzureEffectiveNsgsSchema),
  ipFlowVerify: z.array(AzureIpFlowVerifySchema),
  forbidden: z.array(AzureForbiddenSchema),
  problems: z.array(AzureProblemSchema),
  /** Activity Log writes on the VM's resources (live collection only; absent in files and older reports). */
  changes: z.array(AzureChangeSchema).optional(),
  /** The window `changes` covers. */
  changesSince: z.iso.datetime({ offset: true }).optional(),
  effectiveRoutes: z.array(AzureEffectiveRoutesSchema).optional(),
  networkWatcher: AzureNetworkWatcherSchema.optional(),
  /** The VM's Just-In-Time policy; null: none covers the VM; absent: not read. */
  jit: AzureJitSchema.nullable().optional(),
  collection: AzureCollectionSchema.optional(),
});

/** The Azure side of one VM (see `AzureSnapshotSchema`). */
export type AzureSnapshot = z.infer<typeof AzureSnapshotSchema>;
/** The VM part of a snapshot. */
export type AzureVm = z.infer<typeof AzureVmSchema>;
/** A NIC in a snapshot. */
export type AzureNic = z.infer<typeof AzureNicSchema>;
/** A NIC IP configuration in a snapshot. */
export type AzureIpConfig = z.infer<typeof AzureIpConfigSchema>;
/** A subnet in a snapshot. */
export type AzureSubnet = z.infer<typeof AzureSubnetSchema>;
/** A public IP in a snapshot. */
export type AzurePublicIp = z.infer<typeof AzurePublicIpSchema>;
/** An NSG in a snapshot. */
export type AzureNsg = z.infer<typeof AzureNsgSchema>;
/** A load balancer in a snapshot. */
export type AzureLoadBalancer = z.infer<typeof AzureLoadBalancerSchema>;
/** An inbound NAT rule in a snapshot. */
export type AzureNatRule = z.infer<typeof AzureNatRuleSchema>;
/** An NSG association in a snapshot. */
export type NsgRef = z.infer<typeof NsgRefSchema>;
/** Effective NSGs in a snapshot. */
export type AzureEffectiveNsgs = z.infer<typeof AzureEffectiveNsgsSchema>;
/** An IP flow verify answer in a snapshot. */
export type AzureIpFlowVerify = z.infer<typeof AzureIpFlowVerifySchema>;
/** A refused operation in a snapshot. */
export type AzureForbidden = z.infer<typeof AzureForbiddenSchema>;
/** A problem with the input of a snapshot. */
export type AzureProblem = z.infer<typeof AzureProblemSchema>;
/** An Activity Log change in a snapshot. */
export type AzureChange = z.infer<typeof AzureChangeSchema>;
/** Effective routes in a snapshot. */
export type AzureEffectiveRoutes = z.infer<typeof AzureEffectiveRoutesSchema>;
/** One effective route. */
export type AzureRoute = z.infer<typeof AzureRouteSchema>;
/** A Just-In-Time policy in a snapshot. */
export type AzureJit = z.infer<typeof AzureJitSchema>;
/** One call of a live collection. */
export type AzureCollectStep = z.infer<typeof AzureCollectStepSchema>;
/** How a live collection went. */
export type AzureCollection = z.infer<typeof AzureCollectionSchema>;
/** Where a snapshot came from. */
export type AzureOrigin = z.infer<typeof AzureOriginSchema>;
