import { z } from 'zod';

/** IPv4 or IPv6. */
export const IpFamilySchema = z.union([z.literal(4), z.literal(6)]);

export const DnsOsEvidenceSchema = z.object({
  kind: z.literal('dns.os'),
  name: z.string(),
  addresses: z.array(z.object({ address: z.string(), family: IpFamilySchema })),
  errorCode: z.string().nullable(),
});

export const DnsRecordSchema = z.object({
  name: z.string(),
  type: z.string(),
  ttl: z.number().int().nonnegative(),
  data: z.string(),
});

export const DnsQuerySchema = z.object({
  server: z.string(),
  port: z.number().int(),
  type: z.enum(['A', 'AAAA']),
  transport: z.enum(['udp', 'tcp']),
  outcome: z.enum(['answer', 'nodata', 'nxdomain', 'servfail', 'refused', 'timeout', 'error']),
  rcode: z.string().nullable(),
  rttMs: z.number().nonnegative().nullable(),
  truncated: z.boolean(),
  answers: z.array(DnsRecordSchema),
  message: z.string().nullable(),
});

export const DnsFreshEvidenceSchema = z.object({
  kind: z.literal('dns.fresh'),
  name: z.string(),
  nameservers: z.object({
    addresses: z.array(z.string()),
    origin: z.enum(['option', 'system', 'systemd-resolved-upstream']),
  }),
  queries: z.array(DnsQuerySchema),
  /** Every A/AAAA address any server answered, canonical form. */
  addresses: z.array(z.string()),
  /** The CNAME chain from the name to its address records (e.g. to *.cloudapp.azure.com). */
  cnameChain: z.array(z.string()),
  /** The server whose answer is used, when one answered. */
  answeredBy: z.string().nullable(),
});

export const DnsHostsEvidenceSchema = z.object({
  kind: z.literal('dns.hosts'),
  file: z.string(),
  entries: z.array(z.object({ address: z.string(), names: z.array(z.string()), line: z.number().int().positive() })),
  readError: z.string().nullable(),
});

export const DnsOsCacheEvidenceSchema = z.object({
  kind: z.literal('dns.os-cache'),
  method: z.enum(['Get-DnsClientCache', 'none']),
  entries: z.array(DnsRecordSchema),
  note: z.string(),
});

export type DnsOsEvidence = z.infer<typeof DnsOsEvidenceSchema>;
export type DnsFreshEvidence = z.infer<typeof DnsFreshEvidenceSchema>;
export type DnsQuery = z.infer<typeof DnsQuerySchema>;
export type DnsRecord = z.infer<typeof DnsRecordSchema>;
export type DnsHostsEvidence = z.infer<typeof DnsHostsEvidenceSchema>;
export type DnsOsCacheEvidence = z.infer<typeof DnsOsCacheEvidenceSchema>;
