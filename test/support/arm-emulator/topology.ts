import { isRecord } from './examples.js';

/** Reads a resource by id from the emulator (stored or embedded), as `ArmEmulator.get` does. */
export type ReadResource = (id: string) => unknown | undefined;

/** An NSG found through a reference. */
export interface ReferencedNsg {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** What a NIC's network path is made of, read from the emulator at the time of the call. */
export interface NicTopology {
  readonly nicId: string;
  readonly privateIps: readonly string[];
  readonly subnetId: string | undefined;
  /** The virtual network's address space (the subnet's prefix when the VNet is not stored). */
  readonly vnetPrefixes: readonly string[];
  readonly asgIds: readonly string[];
  /** Present when the NIC references an NSG and it is stored. */
  readonly nicNsg: ReferencedNsg | undefined;
  readonly subnetNsg: ReferencedNsg | undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function properties(value: unknown): Record<string, unknown> {
  return record(record(value).properties);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The `id` of a `{ id }` reference, or undefined. */
export function referenceId(value: unknown): string | undefined {
  const id = record(value).id;
  return typeof id === 'string' ? id : undefined;
}

function nsgAt(read: ReadResource, id: string | undefined): ReferencedNsg | undefined {
  if (id === undefined) return undefined;
  const body = read(id);
  return isRecord(body) ? { id, body } : undefined;
}

/** Follows NIC → IP configurations → subnet → VNet and both NSGs; undefined when the NIC is not stored. */
export function readNicTopology(read: ReadResource, nicId: string): NicTopology | undefined {
  const nic = read(nicId);
  if (!isRecord(nic)) return undefined;
  const ipConfigurations = Array.isArray(properties(nic).ipConfigurations)
    ? (properties(nic).ipConfigurations as unknown[])
    : [];
  const privateIps: string[] = [];
  const asgIds: string[] = [];
  let subnetId: string | undefined;
  for (const ipConfiguration of ipConfigurations) {
    const props = properties(ipConfiguration);
    if (typeof props.privateIPAddress === 'string') privateIps.push(props.privateIPAddress);
    subnetId ??= referenceId(props.subnet);
    if (Array.isArray(props.applicationSecurityGroups)) {
      for (const asg of props.applicationSecurityGroups) {
        const id = referenceId(asg);
        if (id !== undefined) asgIds.push(id);
      }
    }
  }
  const subnet = subnetId === undefined ? undefined : read(subnetId);
  const vnetId = subnetId?.replace(/\/subnets\/[^/]+$/i, '');
  const vnet = vnetId === undefined ? undefined : read(vnetId);
  const fromVnet = strings(record(properties(vnet).addressSpace).addressPrefixes);
  const subnetPrefixes = [...strings(properties(subnet).addressPrefixes)];
  const subnetPrefix = properties(subnet).addressPrefix;
  if (typeof subnetPrefix === 'string') subnetPrefixes.push(subnetPrefix);
  return {
    nicId,
    privateIps,
    subnetId,
    vnetPrefixes: fromVnet.length > 0 ? fromVnet : subnetPrefixes,
    asgIds,
    nicNsg: nsgAt(read, referenceId(properties(nic).networkSecurityGroup)),
    subnetNsg: nsgAt(read, referenceId(properties(subnet).networkSecurityGroup)),
  };
}

/** The primary NIC of a VM body (`properties.networkProfile.networkInterfaces`), or the first. */
export function primaryNicId(vm: unknown): string | undefined {
  const nics = record(properties(vm).networkProfile).networkInterfaces;
  if (!Array.isArray(nics)) return undefined;
  const primary = nics.find((nic) => properties(nic).primary === true) ?? nics[0];
  return referenceId(primary);
}
