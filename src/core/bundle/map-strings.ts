/**
 * Fields whose values are enums, timestamps, hashes or versions: never free text, never personal, and
 * a mask there would break the report schema. Their whole subtree is left as it is.
 */
export const FIXED_FIELDS: ReadonlySet<string> = new Set([
  'schemaVersion',
  'tool',
  'kind',
  'id',
  'status',
  'hostKind',
  'portSource',
  'code',
  'severity',
  'confidence',
  'os',
  'outcome',
  'result',
  'protocol',
  'type',
  'transport',
  'origin',
  'via',
  'ended',
  'reachable',
  'method',
  'startedAt',
  'finishedAt',
  'validFrom',
  'validTo',
  'serverTime',
  'localTime',
  'headHex',
  'sha1',
  'sha256',
  'serialNumber',
  'selectedProtocolName',
  'failureName',
  'flagNames',
  'tlsVersion',
  'cipher',
  'keyType',
  'version',
]);

/** A deep copy of plain JSON data with every string value outside FIXED_FIELDS passed through `fn`. */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  return mapValue(value, fn) as T;
}

function mapValue(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapValue(item, fn));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = FIXED_FIELDS.has(key) ? item : mapValue(item, fn);
    return out;
  }
  return value;
}

/** Every string value outside FIXED_FIELDS, for collecting what to mask before masking. */
export function collectStrings(value: unknown): string[] {
  const out: string[] = [];
  mapValue(value, (text) => {
    out.push(text);
    return text;
  });
  return out;
}
