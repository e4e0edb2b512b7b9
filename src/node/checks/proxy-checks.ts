import type { ProxyConnectEvidence } from '../../core/evidence/edge.js';
import type { RdpNegotiateEvidence } from '../../core/evidence/rdp.js';
import { checkKey, type PathId } from '../../core/ids.js';
import type { DiscoveredProxy } from '../../core/proxy/combine-discovery.js';
import { proxyLabel } from '../../core/proxy/proxy-url.js';
import { negotiateThroughTunnel } from '../proxy/negotiate-tunnel.js';
import { openTunnel } from '../proxy/open-tunnel.js';
import { describeNegotiation } from '../rdp/rdp-summaries.js';
import { dropSocket } from '../rdp/tcp-connect.js';
import type { CheckDefinition, CheckOutcome } from '../runner/check-definition.js';

/** The Connection Request the RDP checks send, shared so both paths send the same bytes. */
export interface RdpRequest {
  readonly bytes: Uint8Array;
  readonly requestedProtocols: number;
  readonly sentToken: string | null;
}

/** The path id of a proxy: `proxy:` and its URL without credentials. */
export function proxyPath(proxy: DiscoveredProxy['proxy']): PathId {
  return `proxy:${proxyLabel(proxy)}`;
}

/** What the proxy did, as a phrase about the destination. */
function what(outcome: ProxyConnectEvidence['outcome'], destination: string): string {
  switch (outcome) {
    case 'tunnel':
      return `opened a tunnel to ${destination}`;
    case 'denied':
      return `refused to tunnel to ${destination}`;
    case 'auth-required':
      return `asks for credentials before tunnelling to ${destination}`;
    case 'upstream-failed':
      return `could not reach ${destination}`;
    case 'other-status':
      return `answered CONNECT ${destination} unexpectedly`;
    case 'proxy-unreachable':
      return 'could not be reached';
    case 'bad-reply':
      return 'did not answer like a proxy';
    case 'no-reply':
      return 'did not answer in time';
  }
}

function describeTunnel(e: ProxyConnectEvidence): CheckOutcome {
  const said = e.statusLine ?? e.error ?? e.outcome;
  const via = e.headers.server
    ? ` (${e.headers.server}${e.headers.squidError ? `, ${e.headers.squidError}` : ''})`
    : '';
  return {
    status: e.outcome === 'tunnel' ? 'pass' : 'fail',
    summary: `${e.proxy} ${what(e.outcome, e.destination)}: ${said}${via}.`,
    evidence: e,
  };
}

/**
 * The checks on one proxy's path: `proxy.connect` asks the proxy for a tunnel to the target's RDP port
 * (HTTP CONNECT or SOCKS) and, when it opens, sends the RDP Connection Request through it;
 * `rdp.negotiate` on the same path reports that negotiation, so paths line up check by check.
 */
export function proxyChecks(
  discovered: DiscoveredProxy,
  request: RdpRequest,
  stepTimeoutMs: number,
): CheckDefinition[] {
  const path = proxyPath(discovered.proxy);
  let negotiation: RdpNegotiateEvidence | null = null;
  const connect: CheckDefinition = {
    id: 'proxy.connect',
    path,
    title: 'Tunnel to the RDP port through the proxy',
    needs: [],
    timeoutMs: 2 * stepTimeoutMs + 250,
    async run(context) {
      negotiation = null;
      const destination = { host: context.target.host, port: context.target.port };
      const tunnel = await openTunnel(discovered.proxy, {
        ...destination,
        timeoutMs: stepTimeoutMs,
        signal: context.signal,
      });
      const evidence: ProxyConnectEvidence = {
        kind: 'proxy.connect',
        proxy: proxyLabel(discovered.proxy),
        scheme: discovered.proxy.scheme,
        source: discovered.source,
        destination: `${destination.host.includes(':') ? `[${destination.host}]` : destination.host}:${destination.port}`,
        ...tunnel.reply,
      };
      if (tunnel.socket !== null) {
        try {
          negotiation = await negotiateThroughTunnel({
            socket: tunnel.socket,
            destination,
            request: request.bytes,
            requestedProtocols: request.requestedProtocols,
            sentToken: request.sentToken,
            tunnelMs: tunnel.reply.replyMs,
            timeoutMs: stepTimeoutMs,
            signal: context.signal,
          });
        } finally {
          dropSocket(tunnel.socket);
        }
      }
      return describeTunnel(evidence);
    },
  };
  const negotiate: CheckDefinition = {
    id: 'rdp.negotiate',
    path,
    title: 'RDP negotiation through the proxy tunnel',
    needs: [checkKey('proxy.connect', path)],
    async run() {
      if (negotiation === null)
        return { status: 'skipped', summary: 'Not run: the proxy opened no tunnel.', evidence: null };
      const described = describeNegotiation(negotiation);
      return { ...described, summary: `Through ${proxyLabel(discovered.proxy)}: ${described.summary}` };
    },
  };
  return [connect, negotiate];
}
