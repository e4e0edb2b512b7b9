import { ipFamily } from '../address.js';
import type { Evidence, Report } from '../report-schema.js';

/** Names found in a report that no pattern can recognise in free text: they are matched literally. */
export interface SensitiveNames {
  readonly hostNames: string[];
  readonly proxyUrls: string[];
}

/** Names that identify no one; masking them would only make the bundle harder to read. */
const SHARED_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback', 'broadcasthost']);

function evidenceNames(evidence: Evidence): (string | null | undefined)[] {
  switch (evidence.kind) {
    case 'dns.os':
      return [evidence.name];
    case 'dns.fresh':
      return [
        evidence.name,
        ...evidence.cnameChain,
        ...evidence.queries.flatMap((q) => q.answers.flatMap((a) => [a.name, a.type === 'CNAME' ? a.data : null])),
      ];
    case 'dns.hosts':
      return evidence.entries.flatMap((e) => e.names);
    case 'dns.os-cache':
      return evidence.entries.flatMap((e) => [e.name, e.type === 'CNAME' ? e.data : null]);
    case 'rdp.tls': {
      const cert = evidence.certificate;
      const sans = cert?.subjectAltNames.filter((san) => /^DNS:/i.test(san)).map((san) => san.slice(4)) ?? [];
      return [evidence.servername, cert?.subjectCN, cert?.selfSigned ? cert.issuerCN : null, ...sans];
    }
    case 'rdp.ntlm': {
      const id = evidence.identity;
      return id === null
        ? []
        : [id.targetName, id.nbComputerName, id.nbDomainName, id.dnsComputerName, id.dnsDomainName, id.dnsTreeName];
    }
    case 'proxy.discover':
      return [...evidence.proxies.map((p) => urlHost(p.url)), ...evidence.thirdParties.map((t) => urlHost(t.endpoint))];
    case 'proxy.connect':
      return [urlHost(evidence.proxy), evidence.destination.replace(/:\d+$/, '')];
    case 'tls.inspection':
      return [
        urlHost(evidence.thirdParty.endpoint),
        ...(evidence.proxy === null ? [] : [urlHost(evidence.proxy)]),
        ...evidence.chain.flatMap((c) => [c.subjectCN, c.issuerCN]),
      ];
    case 'egress.ip':
      return [
        ...evidence.thirdParties.map((t) => urlHost(t.endpoint)),
        ...(evidence.proxy === null ? [] : [urlHost(evidence.proxy.proxy)]),
      ];
    case 'tcp.connect':
    case 'rdp.negotiate':
    case 'rdp.protocols':
    case 'udp.rdp':
    case 'tcp.ports':
    case 'azure.collect':
    case 'vm.checks':
    case 'client.firewall':
    case 'client.agents':
    case 'route.path':
    case 'icmp.ping':
    case 'path.trace':
      return [];
  }
}

/** The URL of a `proxy:<url>` path id, or null. */
function proxyUrlOf(path: string): string | null {
  return path.startsWith('proxy:') ? path.slice('proxy:'.length) : null;
}

/** The host of a URL, without parsing it as a URL object (the text may be partial). */
function urlHost(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url);
  return match?.[1] ?? null;
}

/** Normalises a host name for matching and hashing: lower case, no trailing dot. */
export function normaliseHostName(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/**
 * Collects the host names (target, DNS answers and CNAMEs, hosts file, certificate, NTLM identity,
 * RD Gateway, expected name, proxy hosts, the VM's computer name and public DNS names from Azure) and proxy URLs a report contains, plus any `extraHostNames`
 * (the local computer's name). IP addresses are left out: patterns find those.
 */
export function collectSensitiveNames(report: Report, extraHostNames: readonly string[] = []): SensitiveNames {
  const proxyUrls = [
    ...[...report.checks.map((c) => c.path), ...report.plan.map((p) => p.path)].flatMap(
      (path) => proxyUrlOf(path) ?? [],
    ),
    ...report.checks.flatMap((c) =>
      c.evidence?.kind === 'proxy.discover' ? c.evidence.proxies.map((p) => p.url) : [],
    ),
  ];
  const candidates: (string | null | undefined)[] = [
    report.target.hostKind === 'hostname' ? report.target.host : null,
    report.target.rdpFile?.gateway?.hostname,
    report.options.expectName,
    ...report.checks.flatMap((c) => (c.evidence === null ? [] : evidenceNames(c.evidence))),
    ...proxyUrls.map(urlHost),
    // The VM's computer name, from Azure's instance view and from inside the VM.
    report.azure?.vm?.computerName,
    report.vmChecks?.output?.computer,
    ...(report.azure?.publicIps ?? []).map((ip) => ip.fqdn),
    ...extraHostNames,
  ];
  const hostNames = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === null || candidate === undefined) continue;
    const name = normaliseHostName(candidate);
    if (name.length === 0 || SHARED_NAMES.has(name) || ipFamily(name.replace(/^\[|\]$/g, '')) !== 0) continue;
    if (name.startsWith('*.')) hostNames.add(name.slice(2));
    hostNames.add(name);
  }
  return { hostNames: [...hostNames], proxyUrls: [...new Set(proxyUrls)] };
}
