import { networkInterfaces } from 'node:os';
import { ipFamily } from '../core/address.js';
import { type BindPath, type InterfaceTable, resolveBindPaths } from '../core/paths/bind-paths.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import type { Target } from '../core/target.js';

/** `--bind` and `--interface` as given, checked for form only (the machine is asked after the target). */
export interface BindArgs {
  readonly binds: string[];
  readonly interfaces: string[];
}

/** Checks the form of `--bind <address>` (an IP address) and `--interface <name>` (not empty). */
export function parseBindArgs(values: {
  bind?: string[] | undefined;
  interface?: string[] | undefined;
}): Result<BindArgs, InputError> {
  const binds = (values.bind ?? []).map((b) => b.trim().replace(/^\[(.*)\]$/, '$1'));
  const bad = binds.find((b) => ipFamily(b) === 0);
  if (bad !== undefined) {
    return err(
      inputError('--bind', `--bind: "${bad}" is not an IP address; expected a local address, e.g. 198.51.100.7.`),
    );
  }
  const interfaces = (values.interface ?? []).map((i) => i.trim());
  if (interfaces.some((i) => i === '')) {
    return err(inputError('--interface', '--interface needs the name of a network interface, e.g. eth1 or "Wi-Fi".'));
  }
  return ok({ binds, interfaces });
}

/** This computer's interfaces as plain data (`os.networkInterfaces()`). */
export function localInterfaces(): InterfaceTable {
  const table: Record<string, { address: string; family: 4 | 6; internal: boolean }[]> = {};
  for (const [name, list] of Object.entries(networkInterfaces())) {
    table[name] = (list ?? []).map((a) => ({
      address: a.address,
      family: a.family === 'IPv6' ? 6 : 4,
      internal: a.internal,
    }));
  }
  return table;
}

/**
 * The bound paths for a target: `--bind` must be this computer's address, `--interface` an interface
 * with an address of the target's family (an IP literal's; IPv4 first for a host name). An error names
 * the option and lists the interfaces (exit 2).
 */
export function resolveBinds(
  args: BindArgs,
  target: Pick<Target, 'hostKind'>,
  table: InterfaceTable = localInterfaces(),
): Result<BindPath[], InputError> {
  if (args.binds.length === 0 && args.interfaces.length === 0) return ok([]);
  const family = target.hostKind === 'ipv4' ? 4 : target.hostKind === 'ipv6' ? 6 : null;
  return resolveBindPaths(args, table, family);
}
