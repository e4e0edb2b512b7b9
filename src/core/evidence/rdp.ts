import { z } from 'zod';
import { REPLY_KINDS } from '../rdp/reply-kind.js';

/** What came back on the raw TCP connection after our Connection Request. */
export const RdpReplySchema = z.object({
  kind: z.enum(REPLY_KINDS),
  /** How the read ended: a whole frame, the peer closed, reset, our timeout, or more bytes than a reply can have. */
  ended: z.enum(['complete', 'closed', 'reset', 'timeout', 'oversized']),
  bytes: z.number().int().nonnegative(),
  /** The first bytes in hex (at most 64), to show what answered. */
  headHex: z.string(),
  /** The first line as text when it is printable (HTTP status line, SSH banner). */
  text: z.string().nullable(),
  /** Plain phrase for what answered. */
  description: z.string(),
});

/** How one Connection Request / Connection Confirm exchange ended. */
export const RdpNegotiationOutcomeSchema = z.enum([
  'negotiated',
  'failure',
  'no-negotiation-data',
  'not-rdp',
  'invalid-confirm',
  'closed',
  'reset',
  'no-reply',
  'connect-failed',
]);

export const RdpNegotiateEvidenceSchema = z.object({
  kind: z.literal('rdp.negotiate'),
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  requestedProtocols: z.number().int().nonnegative(),
  /** The cleartext cookie or routing token line we sent (never a user name), or null. */
  sentToken: z.string().nullable(),
  outcome: RdpNegotiationOutcomeSchema,
  selectedProtocol: z.number().int().nonnegative().nullable(),
  selectedProtocolName: z.string().nullable(),
  flags: z.number().int().nonnegative().nullable(),
  flagNames: z.array(z.string()),
  failureCode: z.number().int().nonnegative().nullable(),
  failureName: z.string().nullable(),
  /** X.224 SRC-REF of the Connection Confirm (Windows and xrdp send 0x1234), a fingerprint. */
  sourceRef: z.number().int().nonnegative().nullable(),
  reply: RdpReplySchema.nullable(),
  connectMs: z.number().nonnegative().nullable(),
  replyMs: z.number().nonnegative().nullable(),
  /** Why the exchange ended early (socket error code or decoder message), or null. */
  error: z.string().nullable(),
});

/** The five security protocols a protocol sweep offers, one per connection. */
export const RdpProtocolIdSchema = z.enum(['rdp', 'ssl', 'hybrid', 'rdstls', 'hybrid-ex']);

export const RdpProtocolAttemptSchema = z.object({
  protocol: RdpProtocolIdSchema,
  requestedProtocols: z.number().int().nonnegative(),
  /** accepted: the server selected it; other-selected: it chose another; refused: RDP_NEG_FAILURE; unknown: no answer to read. */
  result: z.enum(['accepted', 'other-selected', 'refused', 'no-negotiation-data', 'unknown']),
  outcome: RdpNegotiationOutcomeSchema,
  selectedProtocol: z.number().int().nonnegative().nullable(),
  failureCode: z.number().int().nonnegative().nullable(),
  failureName: z.string().nullable(),
  error: z.string().nullable(),
});

export const RdpProtocolsEvidenceSchema = z.object({
  kind: z.literal('rdp.protocols'),
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  attempts: z.array(RdpProtocolAttemptSchema),
  /** true: offering TLS alone is refused with HYBRID_REQUIRED_BY_SERVER; false: TLS or RDP alone is accepted; null: unknown. */
  nlaEnforced: z.boolean().nullable(),
});

export const RdpCertificateSchema = z.object({
  subject: z.string(),
  subjectCN: z.string().nullable(),
  subjectAltNames: z.array(z.string()),
  issuer: z.string(),
  issuerCN: z.string().nullable(),
  selfSigned: z.boolean(),
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  /** Whether validTo had passed (expired) or validFrom not yet come (notYetValid) when the probe ran. */
  expired: z.boolean(),
  notYetValid: z.boolean(),
  /** Upper-case hex without separators: SHA-1 is what mstsc shows as the thumbprint. */
  sha1: z.string(),
  sha256: z.string(),
  serialNumber: z.string(),
  keyType: z.string().nullable(),
  keyBits: z.number().int().positive().nullable(),
  /** Whether the certificate chains to a CA this computer trusts, and OpenSSL's reason when not. */
  trusted: z.boolean(),
  trustError: z.string().nullable(),
  /** Whether the certificate is valid for the name the user dialled (null when they dialled an IP address). */
  matchesHost: z.boolean().nullable(),
  /** The certificate itself, PEM, for support (bundles drop it when host names or addresses are masked). */
  pem: z.string().max(65_536).optional(),
});

export const RdpTlsEvidenceSchema = z.object({
  kind: z.literal('rdp.tls'),
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  /** The protocol the server selected before the TLS upgrade. */
  selectedProtocol: z.number().int().nonnegative(),
  /** SNI sent (a host name, never an IP address), or null. */
  servername: z.string().nullable(),
  outcome: z.enum(['ok', 'handshake-failed']),
  tlsVersion: z.string().nullable(),
  cipher: z.string().nullable(),
  certificate: RdpCertificateSchema.nullable(),
  handshakeMs: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});

export const RdpHostIdentitySchema = z.object({
  targetName: z.string().nullable(),
  nbComputerName: z.string().nullable(),
  nbDomainName: z.string().nullable(),
  dnsComputerName: z.string().nullable(),
  dnsDomainName: z.string().nullable(),
  dnsTreeName: z.string().nullable(),
  /** `major.minor.build` from the CHALLENGE's Version field, or null. */
  version: z.string().nullable(),
  windowsName: z.string().nullable(),
});

export const RdpNtlmEvidenceSchema = z.object({
  kind: z.literal('rdp.ntlm'),
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  /** challenge: the server sent its NTLM CHALLENGE; error-code: a TSRequest with an NTSTATUS; others: no usable answer. */
  outcome: z.enum(['challenge', 'error-code', 'not-ntlm', 'invalid', 'closed', 'reset', 'no-reply']),
  credSspVersion: z.number().int().nonnegative().nullable(),
  /** NTSTATUS the server returned, as 0x-hex, or null. */
  errorCode: z.string().nullable(),
  identity: RdpHostIdentitySchema.nullable(),
  /** The server's clock from MsvAvTimestamp, and ours when the CHALLENGE arrived. */
  serverTime: z.iso.datetime().nullable(),
  localTime: z.iso.datetime(),
  /** serverTime minus localTime, in milliseconds (positive: the server is ahead). */
  skewMs: z.number().nullable(),
  error: z.string().nullable(),
});

export const UdpRdpEvidenceSchema = z.object({
  kind: z.literal('udp.rdp'),
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  /** confirmed: a SYN+ACK came back; refused: ICMP port unreachable; not-confirmed: silence or unrelated datagrams. */
  outcome: z.enum(['confirmed', 'not-confirmed', 'refused', 'error']),
  synsSent: z.number().int().nonnegative(),
  rttMs: z.number().nonnegative().nullable(),
  /** uUdpVer the server chose, when it sent SYNDATAEX. */
  udpVersion: z.number().int().nonnegative().nullable(),
  /** Datagrams that came back but were not a SYN+ACK to our SYN. */
  ignoredDatagrams: z.number().int().nonnegative(),
  error: z.string().nullable(),
});

export type RdpReply = z.infer<typeof RdpReplySchema>;
export type RdpNegotiationOutcome = z.infer<typeof RdpNegotiationOutcomeSchema>;
export type RdpNegotiateEvidence = z.infer<typeof RdpNegotiateEvidenceSchema>;
export type RdpProtocolId = z.infer<typeof RdpProtocolIdSchema>;
export type RdpProtocolAttempt = z.infer<typeof RdpProtocolAttemptSchema>;
export type RdpProtocolsEvidence = z.infer<typeof RdpProtocolsEvidenceSchema>;
export type RdpCertificate = z.infer<typeof RdpCertificateSchema>;
export type RdpTlsEvidence = z.infer<typeof RdpTlsEvidenceSchema>;
export type RdpHostIdentity = z.infer<typeof RdpHostIdentitySchema>;
export type RdpNtlmEvidence = z.infer<typeof RdpNtlmEvidenceSchema>;
export type UdpRdpEvidence = z.infer<typeof UdpRdpEvidenceSchema>;
