import { z } from 'zod';
import type { DnsRecord } from '../evidence/dns.js';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/**
 * The PowerShell command whose output `parseDnsClientCache` reads. The properties are those of the
 * MSFT_DNSClientCache CIM class, selected so the JSON stays small and stable. `ipconfig /displaydns`
 * would be localised, which is why the PowerShell form is used.
 */
export function dnsClientCacheCommand(name: string): string {
  const quoted = `'${name.replace(/'/g, "''")}'`;
  return `Get-DnsClientCache -Entry ${quoted} -ErrorAction SilentlyContinue | Select-Object Entry,Name,Type,Status,Section,TimeToLive,DataLength,Data | ConvertTo-Json -Compress`;
}

// ConvertTo-Json prints one object, or an array of them. Type (the display calls it RecordType), Status
// and Section are numbers; Data is the record's text.
const CacheEntrySchema = z.object({
  Entry: z.string(),
  Name: z.string().optional(),
  RecordName: z.string().optional(),
  Type: z.number().int().optional(),
  RecordType: z.number().int().optional(),
  Status: z.number().int(),
  Section: z.number().int().optional(),
  TimeToLive: z.number().int().nonnegative(),
  DataLength: z.number().int().optional(),
  Data: z.string().nullable(),
});

const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'A', 5: 'CNAME', 28: 'AAAA', 12: 'PTR', 33: 'SRV' };

/**
 * Parses the JSON of `Get-DnsClientCache -Entry <name> | ConvertTo-Json` into records. Negative
 * entries (Status ≠ 0, e.g. 9003 "name does not exist") are kept with type `NEGATIVE`, since a cached
 * "does not exist" also explains a failure. Empty output (no cache entry) is an empty list.
 */
export function parseDnsClientCache(json: string): Result<DnsRecord[], InputError> {
  const text = json.trim();
  if (text === '') return ok([]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return err(
      inputError('Get-DnsClientCache output', 'Get-DnsClientCache output is not JSON; expected ConvertTo-Json output.'),
    );
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const entries = z.array(CacheEntrySchema).safeParse(list);
  if (!entries.success) {
    const issue = entries.error.issues[0];
    return err(
      inputError(
        'Get-DnsClientCache output',
        `Get-DnsClientCache output has an unexpected shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}.`,
      ),
    );
  }
  return ok(
    entries.data.map((e) => {
      const type = e.Type ?? e.RecordType ?? 0;
      return {
        name: e.Name ?? e.RecordName ?? e.Entry,
        type: e.Status === 0 ? (TYPE_NAMES[type] ?? `TYPE${type}`) : 'NEGATIVE',
        ttl: e.TimeToLive,
        data: e.Status === 0 ? (e.Data ?? '') : `status ${e.Status}`,
      };
    }),
  );
}
