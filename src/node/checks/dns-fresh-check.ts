import { canonicalIp } from '../../core/address.js';
import { DIRECT_PATH } from '../../core/ids.js';
import type { DnsFreshEvidence, DnsQuery } from '../../core/report-schema.js';
import { queryNameserver } from '../dns/dns-query.js';
import { type DnsEndpoint, parseDnsEndpoint } from '../dns/endpoint.js';
import { type Nameservers, systemNameservers } from '../dns/nameservers.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/**
 * dns.fresh: asks each nameserver directly, bypassing every local cache, so a changed public IP shows
 * even while the computer still holds the old one. `nameservers` (tests, `--nameserver`) replaces the
 * system's list.
 */
export function dnsFreshCheck(nameservers: readonly DnsEndpoint[] | null): CheckDefinition {
  return {
    id: 'dns.fresh',
    path: DIRECT_PATH,
    title: 'A fresh DNS answer from the nameservers',
    needs: [],
    async run({ target, signal, timeoutMs }) {
      if (target.hostKind !== 'hostname') {
        return { status: 'skipped', summary: `${target.host} is an IP address: nothing to resolve.`, evidence: null };
      }
      const source: Nameservers =
        nameservers === null
          ? await systemNameservers()
          : { addresses: nameservers.map((n) => n.label), origin: 'option' };
      const endpoints =
        nameservers ??
        source.addresses.flatMap((label) => {
          const parsed = parseDnsEndpoint(label, 'nameserver');
          return parsed.kind === 'ok' ? [parsed.value] : [];
        });
      const evidenceBase = { kind: 'dns.fresh' as const, name: target.host, nameservers: source };
      if (endpoints.length === 0) {
        return {
          status: 'error',
          summary: 'No nameserver is configured, so no fresh answer could be asked for.',
          evidence: { ...evidenceBase, queries: [], addresses: [], cnameChain: [], answeredBy: null },
        };
      }
      // Leave a little of the budget for reporting; each query retransmits once within its share.
      const queryTimeout = Math.max(200, timeoutMs - 100);
      const queries = await Promise.all(
        endpoints.flatMap((endpoint) =>
          (['A', 'AAAA'] as const).map((type) =>
            queryNameserver({
              server: endpoint.server,
              port: endpoint.port,
              name: target.host,
              type,
              timeoutMs: queryTimeout,
              signal,
            }),
          ),
        ),
      );
      const evidence = summarise(evidenceBase, queries, endpoints, target.host);
      if (evidence.answeredBy === null) {
        return {
          status: 'error',
          summary: `No nameserver answered for ${target.host} (${endpoints.map((e) => e.label).join(', ')}).`,
          evidence,
        };
      }
      if (evidence.addresses.length === 0) {
        const nx = queries.some((q) => q.outcome === 'nxdomain');
        return {
          status: 'fail',
          summary: nx
            ? `${evidence.answeredBy} says ${target.host} does not exist (NXDOMAIN).`
            : `${evidence.answeredBy} has no address for ${target.host}.`,
          evidence,
        };
      }
      const chain = evidence.cnameChain.length > 0 ? ` (via ${evidence.cnameChain.join(' → ')})` : '';
      return {
        status: 'pass',
        summary: `${evidence.answeredBy} answers ${evidence.addresses.join(', ')}${chain}.`,
        evidence,
      };
    },
  };
}

const DEFINITE = new Set<DnsQuery['outcome']>(['answer', 'nodata', 'nxdomain']);

function summarise(
  base: Pick<DnsFreshEvidence, 'kind' | 'name' | 'nameservers'>,
  queries: DnsQuery[],
  endpoints: readonly DnsEndpoint[],
  name: string,
): DnsFreshEvidence {
  const labelOf = (q: DnsQuery) => endpoints.find((e) => e.server === q.server && e.port === q.port)?.label ?? q.server;
  const answering = queries.find((q) => DEFINITE.has(q.outcome));
  const addresses = new Set<string>();
  for (const q of queries) {
    for (const record of q.answers)
      if (record.type === 'A' || record.type === 'AAAA') addresses.add(canonicalIp(record.data));
  }
  return {
    ...base,
    queries,
    addresses: [...addresses],
    cnameChain: cnameChain(name, queries),
    answeredBy: answering === undefined ? null : labelOf(answering),
  };
}

/** Follows CNAME records from the name (bounded: a loop cannot hang the walk). */
function cnameChain(name: string, queries: readonly DnsQuery[]): string[] {
  const cnames = new Map<string, string>();
  for (const q of queries) {
    for (const record of q.answers) if (record.type === 'CNAME') cnames.set(record.name.toLowerCase(), record.data);
  }
  const chain: string[] = [];
  let current = name.toLowerCase();
  for (let hop = 0; hop < 16; hop++) {
    const next = cnames.get(current);
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
    current = next.toLowerCase();
  }
  return chain;
}
