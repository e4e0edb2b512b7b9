import type {
  ClientAgentsEvidence,
  ClientFirewallEvidence,
  DnsFreshEvidence,
  DnsRecord,
  EgressIpEvidence,
  Evidence,
  IcmpPingEvidence,
  PathTraceEvidence,
  RdpNegotiateEvidence,
  RdpTlsEvidence,
  Report,
  RoutePathEvidence,
  TlsInspectionEvidence,
} from '../report-schema.js';

/** A text file for the bundle's evidence/ folder (name relative to it). */
export interface EvidenceFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

function record(r: DnsRecord): string {
  return `${r.name.endsWith('.') ? r.name : `${r.name}.`}\t${r.ttl}\tIN\t${r.type}\t${r.data}`;
}

function freshText(e: DnsFreshEvidence): string {
  const lines = [
    `; dns.fresh: ${e.name}, nameservers (${e.nameservers.origin}): ${e.nameservers.addresses.join(', ')}`,
  ];
  for (const q of e.queries) {
    const rtt = q.rttMs === null ? 'no reply' : `${Math.round(q.rttMs)} ms`;
    lines.push('', `;; ${q.type} ${e.name} @${q.server}#${q.port} (${q.transport}): ${q.outcome}`);
    lines.push(`;; rcode ${q.rcode ?? '-'}, ${rtt}${q.truncated ? ', truncated (TC)' : ''}`);
    if (q.message !== null) lines.push(`;; ${q.message}`);
    lines.push(...q.answers.map(record));
  }
  if (e.cnameChain.length > 0) lines.push('', `; CNAME chain: ${e.cnameChain.join(' -> ')}`);
  return `${lines.join('\n')}\n`;
}

function certificateText(e: RdpTlsEvidence): string | null {
  const c = e.certificate;
  if (c === null) return null;
  const fields: [string, string | number | boolean | null][] = [
    ['address', `${e.address}:${e.port}`],
    ['TLS', `${e.tlsVersion ?? '-'} ${e.cipher ?? ''}`.trim()],
    ['subject', c.subject.replaceAll('\n', ', ')],
    ['subject alternative names', c.subjectAltNames.join(', ') || '-'],
    ['issuer', c.issuer.replaceAll('\n', ', ')],
    ['self-signed', c.selfSigned],
    ['valid', `${c.validFrom} to ${c.validTo}${c.expired ? ' (expired)' : c.notYetValid ? ' (not yet valid)' : ''}`],
    ['SHA-1 thumbprint (what mstsc shows)', c.sha1],
    ['SHA-256', c.sha256],
    ['serial number', c.serialNumber],
    ['key', `${c.keyType ?? '?'} ${c.keyBits ?? '?'} bits`],
    ['trusted', c.trusted ? 'yes' : `no${c.trustError === null ? '' : ` (${c.trustError})`}`],
    ['matches the name dialled', c.matchesHost],
  ];
  return `${fields.map(([k, v]) => `${k}: ${v ?? '-'}`).join('\n')}\n`;
}

function negotiateText(e: RdpNegotiateEvidence): string {
  const lines = [
    `; rdp.negotiate with ${e.address}:${e.port}: ${e.outcome}`,
    `sent: ${e.sentToken ?? '(no cookie)'}, requested protocols ${e.requestedProtocols}`,
    `selected: ${e.selectedProtocolName ?? '-'}${e.failureName === null ? '' : `, failure ${e.failureName}`}`,
  ];
  if (e.reply !== null) {
    lines.push(
      `reply: ${e.reply.description} (${e.reply.kind}, ${e.reply.bytes} bytes, ended ${e.reply.ended})`,
      `first bytes: ${e.reply.headHex}`,
    );
    if (e.reply.text !== null) lines.push(`text: ${e.reply.text}`);
  }
  if (e.error !== null) lines.push(`error: ${e.error}`);
  return `${lines.join('\n')}\n`;
}

function inspectionText(e: TlsInspectionEvidence): string {
  const lines = [
    `; tls.inspection with ${e.endpoint}${e.proxy === null ? ' (direct)' : ` through ${e.proxy}`}: ${e.outcome}`,
    `roots: ${e.roots === 'node-bundled' ? "Node's bundled public roots" : 'custom'}, ends in them: ${e.endsInTrustedRoots ?? '-'}`,
    ...e.chain.map(
      (c, i) =>
        `${i}: subject CN=${c.subjectCN ?? '-'}, issuer CN=${c.issuerCN ?? '-'}, SHA-256 ${c.sha256}${c.selfSigned ? ' (self-signed)' : ''}`,
    ),
  ];
  if (e.error !== null) lines.push(`error: ${e.error}`);
  return `${lines.join('\n')}\n`;
}

function firewallText(e: ClientFirewallEvidence): string {
  const lines = [
    `; client.firewall (${e.os}), TCP port ${e.port}${e.addresses.length > 0 ? ` to ${e.addresses.join(', ')}` : ''}`,
    ...e.tools.map((t) => `tool: ${t.command}: ${t.outcome}${t.message === null ? '' : ` (${t.message})`}`),
    ...e.defaultOutbound.map((d) => `default outbound: ${d.scope}: ${d.action}${d.active ? '' : ' (not in force)'}`),
    ...e.blocking.map(
      (b) =>
        `${b.certain ? 'blocks' : 'may block'}: ${b.ref}${b.name === null ? '' : ` "${b.name}"`} in ${b.scope}: ${b.action} ${b.matches}${b.conditions.length === 0 ? '' : ` (if ${b.conditions.join(', ')})`}`,
    ),
    ...e.notes.map((n) => `note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

function agentsText(e: ClientAgentsEvidence): string {
  const lines = [
    `; client.agents (${e.os}): ${e.processes.count} process names from ${e.processes.command ?? '-'}${e.processes.error === null ? '' : ` (${e.processes.error})`}`,
    `interfaces: ${e.interfaces.join(', ') || '-'}`,
    ...e.agents.map(
      (a) => `agent: ${a.name} [${a.category}]: ${a.matched.map((m) => `${m.via} ${m.name}`).join(', ')}`,
    ),
    ...e.hints.map((h) => `hint: ${h.interface}: ${h.note}`),
  ];
  return `${lines.join('\n')}\n`;
}

function egressText(e: EgressIpEvidence): string {
  const lines = [
    `; egress.ip (${e.mode}): ${e.address ?? 'unknown'}${e.addressFrom === null ? '' : ` from ${e.addressFrom}`}`,
    `target: ${e.targetAddress ?? '-'} (${e.targetPublic === null ? 'unknown' : e.targetPublic ? 'public' : 'private'}), local address on its route: ${e.route?.localAddress ?? e.route?.error ?? '-'}`,
    ...e.lookups.map(
      (l) =>
        `${l.service} @${l.resolver}: ${l.name} ${l.type}: ${l.outcome}${l.address === null ? '' : ` ${l.address}`}${l.answers.length > 0 ? ` [${l.answers.join(' | ')}]` : ''}${l.message === null ? '' : ` (${l.message})`}`,
    ),
    ...(e.proxy === null
      ? []
      : [
          `${e.proxy.url} through ${e.proxy.proxy}: ${e.proxy.outcome}${e.proxy.address === null ? '' : ` ${e.proxy.address}`} (CONNECT ${e.proxy.tunnelStatus ?? '-'}, HTTP ${e.proxy.httpStatus ?? '-'}, certificate trusted: ${e.proxy.certificateTrusted ?? '-'})${e.proxy.error === null ? '' : `: ${e.proxy.error}`}`,
        ]),
    ...e.thirdParties.map(
      (t) => `third party: ${t.endpoint}: ${t.contacted ? 'contacted' : 'not contacted'}; sends ${t.sends}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function routeText(e: RoutePathEvidence): string {
  const r = e.route;
  const lines = [
    `; route.path (${e.os}) to ${e.destination ?? '-'}: ${e.outcome}${e.lookup === null ? '' : ` (${e.lookup.command}: ${e.lookup.outcome}${e.lookup.message === null ? '' : `, ${e.lookup.message}`})`}`,
    ...(r === null
      ? []
      : [
          `interface: ${r.interface ?? '-'}, gateway: ${r.gateway ?? '-'}, source: ${r.source ?? '-'}, mtu: ${r.mtu ?? '-'}${r.type === null ? '' : `, type ${r.type}`}`,
        ]),
    `through a VPN: ${e.vpn === null ? 'no' : `${e.vpn.name} (${e.vpn.why})`}`,
    `interfaces: ${e.interfaces.join(', ') || '-'}`,
    ...e.vpnInterfaces.map((v) => `VPN interface: ${v.name}: ${v.why}`),
  ];
  return `${lines.join('\n')}\n`;
}

function pingText(e: IcmpPingEvidence): string {
  const lines = [
    `; icmp.ping ${e.address ?? '-'} (${e.method}${e.command === null ? '' : `: ${e.command}`}): ${e.received}/${e.sent} answered${e.rttMs.length > 0 ? `, ${e.rttMs.join(' ')} ms` : ''}`,
    ...(e.netPing === null ? [] : [`net-ping not used: ${e.netPing}`]),
    ...(e.error === null ? [] : [`error: ${e.error}`]),
    ...(e.mtu === null
      ? []
      : [
          `path MTU probe (${e.mtu.reason}): ${e.mtu.command}`,
          ...e.mtu.probes.map(
            (p) =>
              `${p.size} bytes (${p.packetBytes}-byte packet): ${p.outcome}${p.mtu === null ? '' : ` mtu ${p.mtu}`}${p.from === null ? '' : ` from ${p.from}`}${p.message === null ? '' : ` (${p.message})`}`,
          ),
          `largest that passed: ${e.mtu.largestPassed ?? '-'}, path MTU: ${e.mtu.pathMtu ?? '-'}`,
        ]),
  ];
  return `${lines.join('\n')}\n`;
}

function traceText(e: PathTraceEvidence): string {
  const lines = [
    `; path.trace ${e.address ?? '-'} (${e.tool ?? 'none'}${e.mode === null ? '' : `, ${e.mode} probes`}${e.command === null ? '' : `: ${e.command}`}): ${e.ended}, max TTL ${e.maxTtl}`,
    ...e.notUsed.map((n) => `not used: ${n}`),
    ...(e.error === null ? [] : [`error: ${e.error}`]),
    ...e.hops.map(
      (h) =>
        `${String(h.ttl).padStart(2)}  ${h.address ?? '*'}${h.rttMs === null ? '' : `  ${h.rttMs} ms`}${h.note === null ? '' : `  ${h.note}`}`,
    ),
    `last hop that answered: ${e.lastHop === null ? '-' : `${e.lastHop.address} (hop ${e.lastHop.ttl}${e.lastHop.public === null ? '' : e.lastHop.public ? ', public' : ', private'})`}; destination answered: ${e.destinationAnswered ? 'yes' : 'no'}`,
  ];
  return `${lines.join('\n')}\n`;
}

function evidenceText(e: Evidence): string | null {
  switch (e.kind) {
    case 'dns.os':
      return `; dns.os (the OS resolver): ${e.name}${e.errorCode === null ? '' : ` failed with ${e.errorCode}`}\n${e.addresses.map((a) => `${a.address}\tIPv${a.family}`).join('\n')}\n`;
    case 'dns.fresh':
      return freshText(e);
    case 'dns.hosts':
      return `; ${e.file}${e.readError === null ? '' : `: ${e.readError}`}\n${e.entries.map((x) => `${x.address}\t${x.names.join(' ')}\t; line ${x.line}`).join('\n')}\n`;
    case 'dns.os-cache':
      return `; ${e.method}: ${e.note}\n${e.entries.map(record).join('\n')}\n`;
    case 'rdp.tls':
      return certificateText(e);
    case 'rdp.negotiate':
      return negotiateText(e);
    case 'tcp.connect':
      return `; tcp.connect to port ${e.port}, timeout ${e.timeoutMs} ms\n${e.attempts.map((a) => `${a.address}\t${a.outcome}\tvia ${a.via}\t${a.connectMs === null ? '-' : `${Math.round(a.connectMs)} ms`}\t${a.errorCode ?? ''}\tfrom ${a.localAddress ?? '-'}:${a.localPort ?? '-'}`).join('\n')}\n`;
    case 'tls.inspection':
      return inspectionText(e);
    case 'client.firewall':
      return firewallText(e);
    case 'client.agents':
      return agentsText(e);
    case 'egress.ip':
      return egressText(e);
    case 'route.path':
      return routeText(e);
    case 'icmp.ping':
      return pingText(e);
    case 'path.trace':
      return traceText(e);
    case 'rdp.protocols':
    case 'rdp.ntlm':
    case 'udp.rdp':
    case 'tcp.ports':
    case 'proxy.discover':
    case 'proxy.connect':
    case 'azure.collect':
    case 'vm.checks':
      return null;
  }
}

/**
 * Readable evidence files derived from a (redacted) report: decoded DNS answers per check, TCP
 * attempts, the RDP Connection Request's reply, the certificate's details. report.json holds the rest.
 */
export function reportEvidenceFiles(report: Report): EvidenceFile[] {
  return report.checks.flatMap((check) => {
    if (check.evidence === null) return [];
    const text = evidenceText(check.evidence);
    const folder = check.id.split('.')[0] ?? 'checks';
    const path = check.path.replace(/[^A-Za-z0-9._@-]/g, '_');
    const name = check.evidence.kind === 'rdp.tls' ? `certificate@${path}` : `${check.id}@${path}`;
    const files = text === null ? [] : [{ name: `${folder}/${name}.txt`, content: text }];
    // The certificate as the server sent it, for openssl or certmgr (redaction replaces it when masking).
    const pem = check.evidence.kind === 'rdp.tls' ? check.evidence.certificate?.pem : undefined;
    return pem === undefined ? files : [...files, { name: `${folder}/${name}.pem`, content: pem }];
  });
}
