import tls from 'node:tls';
import type { ThirdParty, TlsInspectionEvidence } from '../../core/evidence/edge.js';
import { DIRECT_PATH, type PathId } from '../../core/ids.js';
import type { DiscoveredProxy } from '../../core/proxy/combine-discovery.js';
import { proxyLabel } from '../../core/proxy/proxy-url.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';
import { inspectTls, type TlsEndpoint } from '../tls/inspect-chain.js';
import { proxyPath } from './proxy-checks.js';

/** A well-known HTTPS endpoint whose chain ends in a public root; an RDP user's Azure tools talk to it anyway. */
export const DEFAULT_TLS_ENDPOINT: TlsEndpoint = { host: 'management.azure.com', port: 443 };

/** What the TLS-inspection check needs: opt-in (`--tls-endpoint` or `--check-tls-inspection`). */
export interface TlsInspectionPlan {
  readonly endpoint: TlsEndpoint;
  /** false with `--no-external`: the check is planned (and listed) but skipped. */
  readonly external: boolean;
  /** PEM roots the chain must end in; Node's bundled public roots (`tls.rootCertificates`) when absent. */
  readonly trustedRoots?: readonly string[];
}

/** `host:port`, brackets around an IPv6 host. */
export function endpointLabel(endpoint: TlsEndpoint): string {
  return `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
}

/** The endpoint as a third party: what it is for and what it is sent. */
export function tlsThirdParty(endpoint: TlsEndpoint, contacted: boolean): ThirdParty {
  return {
    endpoint: `https://${endpointLabel(endpoint)}/`,
    purpose: 'TLS handshake to see whether a middlebox re-signs HTTPS (TLS inspection)',
    sends: `a TLS ClientHello naming ${endpoint.host}, directly and through each proxy's tunnel; no HTTP request`,
    contacted,
  };
}

function describe(e: TlsInspectionEvidence): CheckOutcome {
  const via = e.proxy === null ? '' : ` through ${e.proxy}`;
  const top = e.chain.at(-1);
  const root = top === undefined ? '' : ` (chain ends at "${top.selfSigned ? top.subjectCN : top.issuerCN}")`;
  switch (e.outcome) {
    case 'public-roots':
      return {
        status: 'pass',
        summary: `${e.endpoint}${via} presented a chain that ends in a trusted public root${root}: no TLS inspection seen.`,
        evidence: e,
      };
    case 'inspected':
      return {
        status: 'warn',
        summary: `${e.endpoint}${via} presented a chain that ends in no trusted public root${root}: something on the way inspects TLS.`,
        evidence: e,
      };
    case 'not-contacted':
      return { status: 'skipped', summary: `Not run: ${e.error ?? 'not contacted'}.`, evidence: e };
    case 'tunnel-failed':
      return { status: 'error', summary: `${e.proxy} opened no tunnel to ${e.endpoint}: ${e.error}.`, evidence: e };
    case 'unreachable':
      return { status: 'error', summary: `${e.endpoint} could not be reached${via}: ${e.error}.`, evidence: e };
    case 'handshake-failed':
      return { status: 'error', summary: `No TLS handshake with ${e.endpoint}${via}: ${e.error}.`, evidence: e };
  }
}

function inspectionCheck(
  plan: TlsInspectionPlan,
  path: PathId,
  proxy: DiscoveredProxy | null,
  stepTimeoutMs: number,
): CheckDefinition {
  const trustedRoots = plan.trustedRoots ?? tls.rootCertificates;
  return {
    id: 'tls.inspection',
    path,
    title: proxy === null ? 'TLS inspection on the direct path' : 'TLS inspection through the proxy',
    needs: [],
    // A tunnel and a handshake, each bounded by the step timeout.
    timeoutMs: 2 * stepTimeoutMs + 250,
    async run(context) {
      const base = {
        kind: 'tls.inspection' as const,
        endpoint: endpointLabel(plan.endpoint),
        proxy: proxy === null ? null : proxyLabel(proxy.proxy),
        roots: plan.trustedRoots === undefined ? ('node-bundled' as const) : ('custom' as const),
      };
      if (!plan.external)
        return describe({
          ...base,
          thirdParty: tlsThirdParty(plan.endpoint, false),
          outcome: 'not-contacted',
          chain: [],
          endsInTrustedRoots: null,
          tlsVersion: null,
          handshakeMs: null,
          error: `--no-external forbids contacting ${base.endpoint}`,
        });
      const result = await inspectTls({
        endpoint: plan.endpoint,
        proxy: proxy?.proxy ?? null,
        trustedRoots,
        timeoutMs: Math.min(stepTimeoutMs, context.timeoutMs),
        signal: context.signal,
      });
      return describe({ ...base, thirdParty: tlsThirdParty(plan.endpoint, true), ...result });
    },
  };
}

/**
 * `tls.inspection` on the direct path and through each discovered proxy: a TLS handshake with a
 * well-known HTTPS endpoint whose presented chain must end in a public root.
 */
export function tlsInspectionChecks(
  plan: TlsInspectionPlan,
  proxies: readonly DiscoveredProxy[],
  stepTimeoutMs: number,
): CheckDefinition[] {
  return [
    inspectionCheck(plan, DIRECT_PATH, null, stepTimeoutMs),
    ...proxies.map((p) => inspectionCheck(plan, proxyPath(p.proxy), p, stepTimeoutMs)),
  ];
}
