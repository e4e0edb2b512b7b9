import { z } from 'zod';
import { ThirdPartySchema } from './edge.js';

/** The DNS services that tell a client its own public address: OpenDNS (`myip.opendns.com`) and Google (TXT). */
export const EgressServiceSchema = z.enum(['opendns', 'google']);

/** Where the client address the Azure side evaluates came from. */
export const ClientIpOriginSchema = z.enum(['option', 'dns', 'proxy', 'local-route']);

/** One question to a what-is-my-address DNS service. */
export const EgressLookupSchema = z.object({
  service: EgressServiceSchema,
  /** The resolver asked, as configured: `208.67.222.222`, `198.51.100.53:5353`, `[2620:119:35::35]`. */
  resolver: z.string(),
  name: z.string(),
  type: z.enum(['A', 'AAAA', 'TXT']),
  outcome: z.enum(['answer', 'nodata', 'nxdomain', 'servfail', 'refused', 'bad-answer', 'timeout', 'error']),
  rcode: z.string().nullable(),
  rttMs: z.number().nonnegative().nullable(),
  /** The answer records' data as received (TXT strings joined), at most a few. */
  answers: z.array(z.string()),
  /** The address the answer gives; null when it gives none. */
  address: z.string().nullable(),
  message: z.string().nullable(),
});

/** The what-is-my-IP request through the proxy that applies (HTTPS GET in a CONNECT tunnel). */
export const EgressProxyLookupSchema = z.object({
  /** `scheme://host:port` of the proxy, never its credentials. */
  proxy: z.string(),
  /** The endpoint asked, e.g. `https://api.ipify.org/`. */
  url: z.string(),
  outcome: z.enum(['answer', 'bad-answer', 'http-error', 'tunnel-failed', 'tls-failed', 'timeout', 'error']),
  /** The proxy's answer to CONNECT (200, 403, 407…). */
  tunnelStatus: z.number().int().nullable(),
  /** The endpoint's HTTP status. */
  httpStatus: z.number().int().nullable(),
  /** The endpoint's certificate chain verifies against the trusted roots (false: TLS inspection, or a wrong endpoint). */
  certificateTrusted: z.boolean().nullable(),
  /** The body's first characters, for a bad answer. */
  body: z.string().nullable(),
  address: z.string().nullable(),
  ms: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});

export const EgressIpEvidenceSchema = z.object({
  kind: z.literal('egress.ip'),
  /**
   * How the address was found: given with `--source-ip`; asked of public services (the target is public);
   * the local address on the route to a private target (VPN, ExpressRoute); or not at all (`--no-external`).
   */
  mode: z.enum(['option', 'public', 'local-route', 'not-contacted']),
  /** The target address the RDP client dials (the first the OS resolver gave), when known. */
  targetAddress: z.string().nullable(),
  /** Whether that address is on the public internet; null when unknown. */
  targetPublic: z.boolean().nullable(),
  /** The local address the OS picks for the route to the target (a UDP socket connected, no packet sent). */
  route: z
    .object({ destination: z.string(), localAddress: z.string().nullable(), error: z.string().nullable() })
    .nullable(),
  lookups: z.array(EgressLookupSchema),
  proxy: EgressProxyLookupSchema.nullable(),
  /** Every distinct address the DNS services gave, in the order asked. */
  dnsAddresses: z.array(z.string()),
  /** The address the Azure side sees for RDP from this computer, and where it came from; null when unknown. */
  address: z.string().nullable(),
  addressFrom: ClientIpOriginSchema.nullable(),
  thirdParties: z.array(ThirdPartySchema),
});

export type EgressService = z.infer<typeof EgressServiceSchema>;
export type ClientIpOrigin = z.infer<typeof ClientIpOriginSchema>;
export type EgressLookup = z.infer<typeof EgressLookupSchema>;
export type EgressProxyLookup = z.infer<typeof EgressProxyLookupSchema>;
export type EgressIpEvidence = z.infer<typeof EgressIpEvidenceSchema>;
