import { type Report, ReportSchema } from '../../src/core/report-schema.js';

const T0 = '2026-11-25T10:00:00.000Z';
const PROXY_PATH = 'proxy:http://alice:S3cretPass@proxy.contoso-corp.com:8080';

/** Values in sensitiveReport() that a fully redacted bundle must not contain (compared case-insensitively). */
export const SENSITIVE_VALUES = [
  'myvm',
  'contoso',
  'alice',
  'rdgw',
  '20.50.60.70',
  '2603:1020:203:3::5',
  '10.20.30.40',
  '192.168.77.5',
  '192.168.1.23',
  '00:15:5d:01:02:03',
  'fe80::215:5dff:fe01:203',
  '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
] as const;

/** Credentials and tokens in sensitiveReport(): never in a bundle, whatever the options. */
export const SECRET_VALUES = ['S3cretPass', 'YWxpY2U6UzNjcmV0UGFzcw', 'eyJhbGciOiJSUzI1NiJ9', '3640205228'] as const;

/**
 * A report holding every kind of sensitive value a bundle may mask (host, user, IPs, MAC, proxy URL
 * with a password, subscription and tenant ids, a routing token, an Authorization header, a JWT),
 * validated by ReportSchema. `certificateCN` lets a test put hostile markup in the certificate.
 */
export function sensitiveReport(certificateCN = 'myvm.contoso-corp.com'): Report {
  const base = { path: 'direct', startedAt: T0, durationMs: 12 } as const;
  return ReportSchema.parse({
    schemaVersion: 1,
    tool: { name: 'rdp-probe', version: '0.1.0' },
    platform: { os: 'win32', release: '10.0.22631', arch: 'x64', node: '24.21.0' },
    target: {
      input: 'C:\\Users\\alice\\Desktop\\myvm.rdp',
      hostKind: 'hostname',
      host: 'myvm.westeurope.cloudapp.azure.com',
      port: 3389,
      portSource: 'rdp-file',
      rdpFile: {
        path: 'C:\\Users\\alice\\Desktop\\myvm.rdp',
        gateway: { hostname: 'rdgw.contoso-internal.com', usageMethod: 2, used: false },
      },
    },
    options: {
      timeoutMs: 4000,
      deadlineMs: 12500,
      quick: false,
      expectIp: '20.50.60.70',
      expectName: 'MYVM',
      nameservers: ['10.20.30.40'],
    },
    plan: [
      { id: 'dns.os', path: 'direct', title: 'DNS (OS resolver)', needs: [] },
      { id: 'tcp.connect', path: PROXY_PATH, title: 'TCP via the proxy', needs: ['dns.os@direct'] },
    ],
    checks: [
      {
        ...base,
        id: 'dns.os',
        title: 'DNS (OS resolver)',
        status: 'pass',
        summary: 'myvm.westeurope.cloudapp.azure.com resolves to 20.50.60.70 and 2603:1020:203:3::5.',
        evidence: {
          kind: 'dns.os',
          name: 'myvm.westeurope.cloudapp.azure.com',
          addresses: [
            { address: '20.50.60.70', family: 4 },
            { address: '2603:1020:203:3::5', family: 6 },
          ],
          errorCode: null,
        },
      },
      {
        ...base,
        id: 'dns.fresh',
        title: 'DNS (fresh query)',
        status: 'pass',
        summary: '10.20.30.40 answered rdp.contoso-corp.com with 20.50.60.70.',
        evidence: {
          kind: 'dns.fresh',
          name: 'rdp.contoso-corp.com',
          nameservers: { addresses: ['10.20.30.40'], origin: 'system' },
          queries: [
            {
              server: '10.20.30.40',
              port: 53,
              type: 'A',
              transport: 'udp',
              outcome: 'answer',
              rcode: 'NOERROR',
              rttMs: 3,
              truncated: false,
              answers: [
                { name: 'rdp.contoso-corp.com', type: 'CNAME', ttl: 300, data: 'myvm.westeurope.cloudapp.azure.com' },
                { name: 'myvm.westeurope.cloudapp.azure.com', type: 'A', ttl: 60, data: '20.50.60.70' },
              ],
              message: null,
            },
          ],
          addresses: ['20.50.60.70'],
          cnameChain: ['rdp.contoso-corp.com', 'myvm.westeurope.cloudapp.azure.com'],
          answeredBy: '10.20.30.40',
        },
      },
      {
        ...base,
        id: 'dns.hosts',
        title: 'Hosts file',
        status: 'info',
        summary: 'The hosts file maps fileserver.contoso-corp.com to 192.168.77.5.',
        evidence: {
          kind: 'dns.hosts',
          file: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
          entries: [
            { address: '127.0.0.1', names: ['localhost'], line: 1 },
            { address: '192.168.77.5', names: ['fileserver.contoso-corp.com'], line: 2 },
          ],
          readError: null,
        },
      },
      {
        ...base,
        id: 'tcp.connect',
        path: PROXY_PATH,
        title: 'TCP via the proxy',
        status: 'fail',
        summary: 'The adapter 00:15:5d:01:02:03 (fe80::215:5dff:fe01:203%eth0) got no answer from 20.50.60.70:3389.',
        evidence: {
          kind: 'tcp.connect',
          port: 3389,
          timeoutMs: 4000,
          attempts: [
            {
              address: '20.50.60.70',
              family: 4,
              via: 'os',
              outcome: 'filtered',
              connectMs: null,
              errorCode: 'ETIMEDOUT',
              localAddress: '192.168.1.23',
              localPort: 51000,
            },
          ],
          samples: null,
        },
      },
      {
        ...base,
        id: 'rdp.negotiate',
        title: 'RDP negotiation',
        status: 'error',
        summary: 'The proxy answered 407 to Proxy-Authorization: Basic YWxpY2U6UzNjcmV0UGFzcw==',
        evidence: {
          kind: 'rdp.negotiate',
          address: '20.50.60.70',
          port: 3389,
          requestedProtocols: 11,
          sentToken: 'Cookie: msts=3640205228.15629.0000',
          outcome: 'not-rdp',
          selectedProtocol: null,
          selectedProtocolName: null,
          flags: null,
          flagNames: [],
          failureCode: null,
          failureName: null,
          sourceRef: null,
          reply: {
            kind: 'http',
            ended: 'closed',
            bytes: 40,
            headHex: '485454502f312e31',
            text: 'HTTP/1.1 407 Proxy Authentication Required',
            description: 'an HTTP server',
          },
          connectMs: 10,
          replyMs: 5,
          error: 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlX2hlcmU was rejected',
        },
      },
      {
        ...base,
        id: 'rdp.tls',
        title: 'RDP TLS',
        status: 'pass',
        summary: `Certificate ${certificateCN}`,
        evidence: {
          kind: 'rdp.tls',
          address: '20.50.60.70',
          port: 3389,
          selectedProtocol: 2,
          servername: 'myvm.westeurope.cloudapp.azure.com',
          outcome: 'ok',
          tlsVersion: 'TLSv1.2',
          cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
          certificate: {
            subject: `CN=${certificateCN}`,
            subjectCN: certificateCN,
            subjectAltNames: [`DNS:${certificateCN}`, 'IP Address:20.50.60.70'],
            issuer: `CN=${certificateCN}`,
            issuerCN: certificateCN,
            selfSigned: true,
            validFrom: '2026-01-01T00:00:00.000Z',
            validTo: '2027-01-01T00:00:00.000Z',
            expired: false,
            notYetValid: false,
            sha1: 'A'.repeat(40),
            sha256: 'B'.repeat(64),
            serialNumber: '01AB',
            keyType: 'rsa',
            keyBits: 2048,
            trusted: false,
            trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
            matchesHost: false,
          },
          handshakeMs: 20,
          error: null,
        },
      },
      {
        ...base,
        id: 'rdp.ntlm',
        title: 'RDP host identity',
        status: 'pass',
        summary: 'The server says it is MYVM in CONTOSO (myvm.contoso-corp.com).',
        evidence: {
          kind: 'rdp.ntlm',
          address: '20.50.60.70',
          port: 3389,
          outcome: 'challenge',
          credSspVersion: 6,
          errorCode: null,
          identity: {
            targetName: 'CONTOSO',
            nbComputerName: 'MYVM',
            nbDomainName: 'CONTOSO',
            dnsComputerName: 'myvm.contoso-corp.com',
            dnsDomainName: 'contoso-corp.com',
            dnsTreeName: 'contoso-corp.com',
            version: '10.0.20348',
            windowsName: 'Windows Server 2022',
          },
          serverTime: T0,
          localTime: T0,
          skewMs: 0,
          error: null,
        },
      },
    ],
    findings: [
      {
        code: 'tcp.filtered',
        severity: 'blocker',
        source: 4,
        candidates: [1, 2],
        confidence: 'medium',
        title: 'The RDP port does not answer (filtered)',
        detail: 'Connects from 192.168.1.23 to 20.50.60.70:3389 got no answer.',
        evidence: [{ check: `tcp.connect@${PROXY_PATH}`, says: 'filtered' }],
        remedy: {
          summary: 'Allow RDP from your public IP in the NSG.',
          steps: [
            {
              os: 'azure-cli',
              label: 'Allow your IP',
              command:
                'az network nsg rule create --subscription 0b1f6471-1bf0-4dda-aec3-cb9272f09590 -g rg1 --nsg-name nsg1 -n AllowRdp --source-address-prefixes 20.50.60.70',
            },
            { os: 'azure-cli', label: 'Sign in', command: 'az login --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47' },
            {
              os: 'windows',
              label: 'Test the port',
              command: 'Test-NetConnection -ComputerName myvm.westeurope.cloudapp.azure.com -Port 3389',
            },
          ],
        },
      },
    ],
    verdict: {
      reachable: 'no',
      likelySource: 4,
      candidates: [1, 2],
      confidence: 'medium',
      summary: 'RDP to myvm.westeurope.cloudapp.azure.com (20.50.60.70) is filtered.',
      places: [
        { source: 0, state: 'pass', reason: 'Its checks passed' },
        { source: 1, state: 'unknown', reason: 'Could also be the problem: the evidence cannot rule it out' },
        { source: 2, state: 'unknown', reason: 'Could also be the problem: the evidence cannot rule it out' },
        { source: 3, state: 'pass', reason: 'Its checks passed' },
        { source: 4, state: 'fail', reason: 'Most likely the problem: The RDP port does not answer (filtered)' },
        { source: 5, state: 'unknown', reason: 'Its checks could not confirm it' },
      ],
    },
    run: { startedAt: T0, finishedAt: T0, durationMs: 4100, ended: 'completed' },
  });
}
