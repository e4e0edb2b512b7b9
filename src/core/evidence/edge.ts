import { z } from 'zod';
import { TcpOutcomeSchema } from './tcp.js';

/**
 * Where a proxy setting came from: `--proxy`, `--pac`, the environment, the OS (Windows WinINET, Windows
 * WinHTTP, macOS, GNOME, KDE), or the desktop app.
 */
export const ProxySourceNameSchema = z.enum([
  'option',
  'pac',
  'env',
  'windows',
  'winhttp',
  'macos',
  'gnome',
  'kde',
  'app',
]);

export const ProxySchemeSchema = z.enum(['http', 'https', 'socks4', 'socks5']);

/** An endpoint a check contacts that we do not run for the user, and what it is sent. */
export const ThirdPartySchema = z.object({
  endpoint: z.string(),
  purpose: z.string(),
  sends: z.string(),
  /** false when `--no-external` (or a missing setting) kept us from contacting it. */
  contacted: z.boolean(),
});

export const ProxyDiscoverEvidenceSchema = z.object({
  kind: z.literal('proxy.discover'),
  /** The URL proxy-aware software would look up for the target (`https://host:port/`). */
  url: z.string(),
  sources: z.array(
    z.object({
      source: ProxySourceNameSchema,
      state: z.enum(['found', 'none', 'skipped', 'error']),
      /** What the source said, credentials masked. */
      detail: z.string(),
    }),
  ),
  /** Every distinct proxy found, as `scheme://host:port` (never credentials). */
  proxies: z.array(
    z.object({
      url: z.string(),
      scheme: ProxySchemeSchema,
      source: ProxySourceNameSchema,
      /** Credentials were given with it (they are used for the tunnel and never recorded). */
      withCredentials: z.boolean(),
    }),
  ),
  /** What proxy-aware software would do for the target, decided by the first source that has an opinion. */
  decision: z.object({
    via: z.enum(['direct', 'proxy']),
    proxy: z.string().nullable(),
    source: ProxySourceNameSchema.nullable(),
    reason: z.string(),
  }),
  thirdParties: z.array(ThirdPartySchema),
  /** How long discovery took (it runs before the plan, which needs its proxies). */
  durationMs: z.number().nonnegative(),
});

/** How a tunnel request through a proxy ended. */
export const ProxyTunnelOutcomeSchema = z.enum([
  'tunnel',
  'denied',
  'auth-required',
  'upstream-failed',
  'other-status',
  'proxy-unreachable',
  'bad-reply',
  'no-reply',
]);

export const ProxyConnectEvidenceSchema = z.object({
  kind: z.literal('proxy.connect'),
  /** `scheme://host:port` of the proxy, never its credentials. */
  proxy: z.string(),
  scheme: ProxySchemeSchema,
  source: ProxySourceNameSchema,
  /** What we asked the proxy to reach: `host:port` as the user typed the host. */
  destination: z.string(),
  outcome: ProxyTunnelOutcomeSchema,
  /** HTTP status (200, 403, 407, 502…) or SOCKS reply code. */
  statusCode: z.number().int().nullable(),
  statusLine: z.string().nullable(),
  /** Headers that identify the proxy and why it answered so. */
  headers: z.object({
    server: z.string().nullable(),
    via: z.string().nullable(),
    squidError: z.string().nullable(),
    /** Schemes offered in Proxy-Authenticate (Basic, Negotiate, NTLM), never their challenge data. */
    authSchemes: z.array(z.string()),
  }),
  connectMs: z.number().nonnegative().nullable(),
  replyMs: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});

export const TcpPortsEvidenceSchema = z.object({
  kind: z.literal('tcp.ports'),
  address: z.string(),
  /** The RDP port the user dials; the others tell "host unreachable" from "this port blocked". */
  targetPort: z.number().int().min(1).max(65535),
  timeoutMs: z.number().int().positive(),
  ports: z.array(
    z.object({
      port: z.number().int().min(1).max(65535),
      outcome: TcpOutcomeSchema,
      connectMs: z.number().nonnegative().nullable(),
      errorCode: z.string().nullable(),
    }),
  ),
});

/** How the handshake to the TLS-inspection endpoint ended. */
export const TlsInspectionOutcomeSchema = z.enum([
  /** The presented chain ends in a trusted public root: nothing rewrote it. */
  'public-roots',
  /** The chain ends in a root not among the trusted ones: something on the way re-signed it. */
  'inspected',
  /** `--no-external`: the endpoint was not contacted. */
  'not-contacted',
  /** The proxy opened no tunnel to the endpoint. */
  'tunnel-failed',
  /** No TCP connection to the endpoint (or the proxy). */
  'unreachable',
  /** TCP connected but no TLS handshake completed in time or it failed. */
  'handshake-failed',
]);

/** One certificate of the presented chain, leaf first. */
export const ChainCertificateSchema = z.object({
  subjectCN: z.string().nullable(),
  issuerCN: z.string().nullable(),
  /** SHA-256 of the DER, hex upper case without colons. */
  sha256: z.string(),
  selfSigned: z.boolean(),
});

export const TlsInspectionEvidenceSchema = z.object({
  kind: z.literal('tls.inspection'),
  /** The HTTPS endpoint, `host:port` (a third party unless the user pointed it elsewhere). */
  endpoint: z.string(),
  /** The proxy the handshake went through, `scheme://host:port`; null on the direct path. */
  proxy: z.string().nullable(),
  thirdParty: ThirdPartySchema,
  outcome: TlsInspectionOutcomeSchema,
  /** Which roots the chain was checked against: Node's bundled public roots, or a list given in their place. */
  roots: z.enum(['node-bundled', 'custom']),
  /** The chain as presented (completed with the matching root when one is trusted), leaf first. */
  chain: z.array(ChainCertificateSchema),
  /** The chain's last issuer is one of the trusted roots; null when no chain was seen. */
  endsInTrustedRoots: z.boolean().nullable(),
  tlsVersion: z.string().nullable(),
  handshakeMs: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});

export type ProxySourceName = z.infer<typeof ProxySourceNameSchema>;
export type ThirdParty = z.infer<typeof ThirdPartySchema>;
export type ProxyDiscoverEvidence = z.infer<typeof ProxyDiscoverEvidenceSchema>;
export type ProxyTunnelOutcome = z.infer<typeof ProxyTunnelOutcomeSchema>;
export type ProxyConnectEvidence = z.infer<typeof ProxyConnectEvidenceSchema>;
export type TcpPortsEvidence = z.infer<typeof TcpPortsEvidenceSchema>;
export type TlsInspectionEvidence = z.infer<typeof TlsInspectionEvidenceSchema>;
export type ChainCertificate = z.infer<typeof ChainCertificateSchema>;
