import { canonicalIp, ipFamily, sameIp } from '../address.js';
import type { PathId } from '../ids.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** One address of a local interface, as `os.networkInterfaces()` lists it (plain data: no `node:` import). */
export interface LocalAddress {
  readonly address: string;
  readonly family: 4 | 6;
  readonly internal: boolean;
}

/** This computer's interfaces by name, with their addresses. */
export type InterfaceTable = Readonly<Record<string, readonly LocalAddress[]>>;

/** A path whose sockets are bound to one local address: `--bind` as given, or `--interface`'s address. */
export interface BindPath {
  readonly address: string;
  readonly family: 4 | 6;
  /** The interface that has the address, when known. */
  readonly interface: string | null;
  readonly from: '--bind' | '--interface';
}

/** At most this many extra paths: each is one more set of connections to the target. */
export const MAX_BIND_PATHS = 8;

/** The path id of a bound path. */
export function bindPathId(bind: Pick<BindPath, 'address'>): PathId {
  return `bind:${bind.address}`;
}

/** `fe80::/10`: usable only with a zone index, which a bound socket here does not carry. */
function linkLocal(address: string): boolean {
  return ipFamily(address) === 6 && /^fe[89ab]/i.test(canonicalIp(address));
}

/** The interfaces and their addresses, for an error message: `lo (127.0.0.1), eth0 (198.18.30.1, 2001:db8::1)`. */
export function describeInterfaces(table: InterfaceTable): string {
  const names = Object.keys(table);
  if (names.length === 0) return 'none';
  return names
    .map((name) => {
      const addresses = (table[name] ?? []).filter((a) => !linkLocal(a.address)).map((a) => a.address);
      return addresses.length === 0 ? `${name} (no address)` : `${name} (${addresses.join(', ')})`;
    })
    .join(', ');
}

function interfaceOf(table: InterfaceTable, address: string): string | null {
  return Object.keys(table).find((name) => (table[name] ?? []).some((a) => sameIp(a.address, address))) ?? null;
}

/**
 * Turns `--bind` addresses and `--interface` names into bound paths, checked against this computer's
 * interfaces: a `--bind` address must be one of its addresses (and of the target's family when that is
 * known); an `--interface` must exist and have an address of the target's family (IPv4 first for a host
 * name), link-local IPv6 excluded. Errors name the option and list the interfaces. Duplicates collapse.
 */
export function resolveBindPaths(
  given: { readonly binds: readonly string[]; readonly interfaces: readonly string[] },
  table: InterfaceTable,
  targetFamily: 4 | 6 | null,
): Result<BindPath[], InputError> {
  const paths: BindPath[] = [];
  const familyName = (f: 4 | 6) => `IPv${f}`;
  for (const text of given.binds) {
    const family = ipFamily(text);
    if (family === 0)
      return err(inputError('--bind', `--bind: "${text}" is not an IP address; expected e.g. 198.51.100.7.`));
    const name = interfaceOf(table, text);
    if (name === null) {
      return err(
        inputError(
          '--bind',
          `--bind: ${text} is not an address of this computer; its interfaces: ${describeInterfaces(table)}.`,
        ),
      );
    }
    if (targetFamily !== null && family !== targetFamily) {
      return err(
        inputError(
          '--bind',
          `--bind: ${text} is an ${familyName(family)} address but the target is ${familyName(targetFamily)}.`,
        ),
      );
    }
    paths.push({ address: canonicalIp(text), family, interface: name, from: '--bind' });
  }
  for (const name of given.interfaces) {
    const addresses = table[name];
    if (addresses === undefined) {
      return err(
        inputError(
          '--interface',
          `--interface: this computer has no interface named "${name}"; its interfaces: ${describeInterfaces(table)}.`,
        ),
      );
    }
    const usable = addresses.filter((a) => !linkLocal(a.address));
    const families: (4 | 6)[] = targetFamily === null ? [4, 6] : [targetFamily];
    const pick = families.map((f) => usable.find((a) => a.family === f)).find((a) => a !== undefined);
    if (pick === undefined) {
      const wanted =
        targetFamily === null
          ? 'IP address'
          : `${familyName(targetFamily)} address (the target is ${familyName(targetFamily)})`;
      return err(
        inputError(
          '--interface',
          `--interface: ${name} has no ${wanted}; its interfaces: ${describeInterfaces(table)}.`,
        ),
      );
    }
    paths.push({ address: canonicalIp(pick.address), family: pick.family, interface: name, from: '--interface' });
  }
  const unique = paths.filter((p, i) => paths.findIndex((q) => q.address === p.address) === i);
  if (unique.length > MAX_BIND_PATHS) {
    return err(
      inputError(
        paths.some((p) => p.from === '--interface') ? '--interface' : '--bind',
        `--bind and --interface: at most ${MAX_BIND_PATHS} local addresses at a time; got ${unique.length}.`,
      ),
    );
  }
  return ok(unique);
}
