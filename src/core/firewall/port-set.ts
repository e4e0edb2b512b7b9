/** Ports as inclusive ranges (`3389` is `[3389, 3389]`), for rules that name single ports, lists and ranges. */
export type PortSet = readonly (readonly [number, number])[];

/** Every port. */
export const ANY_PORT: PortSet = [[0, 65535]];

/** Whether a port lies in a set. */
export function portSetHas(set: PortSet, port: number): boolean {
  return set.some(([first, last]) => port >= first && port <= last);
}

/** Whether two port sets share a port. */
export function portSetsOverlap(a: PortSet, b: PortSet): boolean {
  return a.some(([af, al]) => b.some(([bf, bl]) => af <= bl && bf <= al));
}

/** One port or an inclusive range written `first<sep>last` (`3000-4000`, `3000:4000`); null when neither. */
export function parsePortRange(text: string, separator: '-' | ':'): readonly [number, number] | null {
  const parts = text.trim().split(separator);
  if (parts.length > 2 || parts.some((p) => !/^\d{1,5}$/.test(p))) return null;
  const first = Number(parts[0]);
  const last = Number(parts[1] ?? parts[0]);
  if (first > 65535 || last > 65535 || first > last) return null;
  return [first, last];
}
