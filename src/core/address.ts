/** Pure address helpers (no node:net, so the renderer can use them). */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether a string is a dotted-quad IPv4 address. */
export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** Whether a string is an IPv6 address (optionally with a `%zone`), in any RFC 4291 text form. */
export function isIPv6(value: string): boolean {
  const [address, zone, ...rest] = value.split('%');
  if (address === undefined || rest.length > 0 || (zone !== undefined && !/^[\w.-]+$/.test(zone))) return false;
  let text = address;
  let groupsNeeded = 8;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.includes('.', lastColon)) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const parts = (half: string | undefined): string[] | undefined => {
    if (half === undefined || half === '') return [];
    const groups = half.split(':');
    return groups.every((g) => group.test(g)) ? groups : undefined;
  };
  const head = parts(halves[0]);
  const tail = parts(halves[1]);
  if (head === undefined || tail === undefined) return false;
  if (halves.length === 1) return head.length === groupsNeeded;
  groupsNeeded -= 1;
  return head.length + tail.length <= groupsNeeded;
}

/** 4, 6, or 0 for a string that is not an IP address (as node:net's isIP). */
export function ipFamily(value: string): 0 | 4 | 6 {
  if (isIPv4(value)) return 4;
  if (isIPv6(value)) return 6;
  return 0;
}

/** Expands an IPv6 address to eight 16-bit groups, so two spellings of one address compare equal. */
function ipv6Groups(value: string): number[] {
  let text = (value.split('%')[0] ?? '').toLowerCase();
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const octets = text
      .slice(lastColon + 1)
      .split('.')
      .map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':').map((g) => Number.parseInt(g, 16));
  const t = tail === undefined || tail === '' ? [] : tail.split(':').map((g) => Number.parseInt(g, 16));
  const fill = tail === undefined ? [] : new Array<number>(8 - h.length - t.length).fill(0);
  return [...h, ...fill, ...t];
}

/** Canonical text of an IP address (lower-case, compressed IPv6), for comparing answers. */
export function canonicalIp(value: string): string {
  if (isIPv4(value)) return value;
  if (!isIPv6(value)) return value.toLowerCase();
  const groups = ipv6Groups(value);
  // RFC 5952: compress the longest run (length ≥ 2) of zero groups.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Whether two IP address strings name the same address. */
export function sameIp(a: string, b: string): boolean {
  return canonicalIp(a) === canonicalIp(b);
}

const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/** Whether a string is a DNS host name (RFC 1123 labels; underscores tolerated; a trailing dot allowed). */
export function isHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // An all-numeric last label would be a mistyped IPv4 address, not a name.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}
