import type { FailureCode } from '../rdp/protocols.js';
import type { CatalogEntry, CatalogStep } from './catalog-entry.js';

/** Thresholds of the RDP rules, beside the codes so docs/findings.md shows them. */
export const RDP_THRESHOLDS = {
  /** Server clock difference above which NLA (Kerberos) logons fail and certificates look invalid. */
  clockSkewMs: 5 * 60 * 1000,
} as const;

const RUN_COMMAND =
  'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts';
const RDP_TCP = "'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp'";

/** How to show the RDP listener's security settings on the VM. */
const SHOW_SECURITY: CatalogStep = {
  os: 'azure-cli',
  label: "Show the RDP listener's security layer and NLA setting on the VM",
  command: `${RUN_COMMAND} "Get-ItemProperty ${RDP_TCP} -Name SecurityLayer,UserAuthentication"`,
};

/** The remedy for one RDP_NEG_FAILURE code: a title-like headline, the fix in plain words, and commands. */
export interface NegotiationFailureRemedy {
  readonly headline: string;
  readonly remedy: string;
  readonly steps: readonly CatalogStep[];
}

/** One remedy per RDP_NEG_FAILURE code [MS-RDPBCGR 2.2.1.2.2]; the rule puts the matching one in the finding. */
export const NEGOTIATION_FAILURE_REMEDIES: Readonly<Record<FailureCode, NegotiationFailureRemedy>> = {
  1: {
    headline: 'The server requires TLS (SSL_REQUIRED_BY_SERVER)',
    remedy:
      'The server accepts only TLS-protected connections and your client offered Standard RDP Security only. Turn off any "use legacy RDP security" option in your client, or update it; current mstsc, Windows App and FreeRDP offer TLS by default.',
    steps: [{ os: 'linux', label: 'Connect with FreeRDP using TLS', command: 'xfreerdp /v:{host}:{port} /sec:tls' }],
  },
  2: {
    headline: 'The server allows only Standard RDP Security (SSL_NOT_ALLOWED_BY_SERVER)',
    remedy:
      'The VM is set to the old Standard RDP Security layer, which modern clients refuse. On the VM, set the security layer back to Negotiate (2) or TLS (1) and restart the Remote Desktop service.',
    steps: [
      SHOW_SECURITY,
      {
        os: 'azure-cli',
        label: 'Set the security layer to Negotiate on the VM',
        command: `${RUN_COMMAND} "Set-ItemProperty ${RDP_TCP} -Name SecurityLayer -Value 2; Restart-Service TermService -Force"`,
      },
    ],
  },
  3: {
    headline: 'The server has no usable certificate (SSL_CERT_NOT_ON_SERVER)',
    remedy:
      "The VM cannot start TLS or NLA because its Remote Desktop certificate is missing, expired or unreadable. On the VM, delete the broken certificate from the 'Remote Desktop' store (Windows recreates a self-signed one) or bind a valid one, then restart the Remote Desktop service.",
    steps: [
      {
        os: 'azure-cli',
        label: "List the VM's Remote Desktop certificates",
        command: `${RUN_COMMAND} "Get-ChildItem 'Cert:\\LocalMachine\\Remote Desktop' | Format-List Subject,NotAfter,Thumbprint"`,
      },
      {
        os: 'azure-cli',
        label: 'Remove the certificate binding so Windows uses a fresh self-signed one, and restart the service',
        command: `${RUN_COMMAND} "Remove-ItemProperty ${RDP_TCP} -Name SSLCertificateSHA1Hash -ErrorAction SilentlyContinue; Restart-Service TermService -Force"`,
      },
    ],
  },
  4: {
    headline: 'The security flags were inconsistent (INCONSISTENT_FLAGS)',
    remedy:
      'The server found the requested security protocols inconsistent with the security already in effect. This is a client or gateway bug, not a network problem: update your RDP client, or connect without the gateway or proxy in between.',
    steps: [],
  },
  5: {
    headline: 'The server requires Network Level Authentication (HYBRID_REQUIRED_BY_SERVER)',
    remedy:
      'The server requires NLA (CredSSP): your client must support it and you must sign in with valid credentials before the session starts. Use a current client (mstsc, Windows App, FreeRDP with /sec:nla); if you cannot, an administrator can turn NLA off on the VM.',
    steps: [
      SHOW_SECURITY,
      {
        os: 'azure-cli',
        label: 'Turn NLA off on the VM (weakens security; only if your client cannot do NLA)',
        command: `${RUN_COMMAND} "Set-ItemProperty ${RDP_TCP} -Name UserAuthentication -Value 0"`,
      },
    ],
  },
  6: {
    headline: 'The server requires a client certificate (SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)',
    remedy:
      'The server accepts only TLS with certificate-based client authentication (a smart card or client certificate). Connect with a client configured for it, or ask the administrator which certificate to use.',
    steps: [],
  },
};

/** Findings about the RDP service itself: negotiation, certificate, host identity, UDP. */
export const RDP_FINDINGS = {
  'rdp.ok': {
    severity: 'info',
    source: 5,
    candidates: [],
    title: 'An RDP server answers and negotiates security',
    remedy:
      'The RDP service answers the first step of the protocol. If your client still fails, the cause is later: credentials, licensing, or the account lacking Remote Desktop rights.',
    steps: [],
  },
  'rdp.not-rdp': {
    severity: 'blocker',
    source: 0,
    candidates: [3, 2, 5],
    title: 'Something other than RDP answers on this port',
    remedy:
      'The port is open but the service behind it does not speak RDP. Check the port and address you dial; on Azure, check that a load-balancer or NAT rule forwards to port 3389 of the right VM; a proxy or security appliance in your network may also intercept the connection.',
    steps: [
      {
        os: 'azure-cli',
        label: "List the load balancer's inbound NAT rules",
        command: 'az network lb inbound-nat-rule list -g <resource-group> --lb-name <lb-name> -o table',
      },
    ],
  },
  'rdp.negotiation-failed': {
    severity: 'blocker',
    source: 5,
    candidates: [1],
    title: 'The RDP server refused the security negotiation',
    remedy:
      'The server answered with RDP_NEG_FAILURE. Code 1: the server requires TLS. Code 2: it allows only Standard RDP Security; set it back to Negotiate. Code 3: its certificate is missing or unusable. Code 4: client or gateway bug. Code 5: it requires NLA. Code 6: it requires a client certificate.',
    steps: [SHOW_SECURITY],
  },
  'rdp.closed-after-connect': {
    severity: 'blocker',
    source: 5,
    candidates: [2, 3],
    title: 'The port accepts the connection but RDP never starts',
    remedy:
      'The TCP connection opens, then is closed or left silent without an RDP answer. Typical causes: a firewall or proxy that accepts and drops, a port forward with no backend, or an overloaded or hung Remote Desktop service. Restart the Remote Desktop service on the VM (or the VM) and try from another network.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Restart the Remote Desktop service on the VM',
        command: `${RUN_COMMAND} "Restart-Service TermService -Force"`,
      },
    ],
  },
  'rdp.tls-failed': {
    severity: 'blocker',
    source: 5,
    candidates: [2],
    title: 'The TLS handshake with the RDP server fails',
    remedy:
      'The server selected TLS but the handshake failed: it may only offer TLS versions or ciphers that current clients refuse (TLS 1.0), its certificate may be broken, or a TLS-inspecting device in your network interferes. Enable TLS 1.2 on the VM and test from another network.',
    steps: [
      {
        os: 'any',
        label: 'List the TLS versions and ciphers the RDP port offers (nmap)',
        command: 'nmap -Pn -p {port} --script ssl-enum-ciphers,ssl-cert {host}',
      },
    ],
  },
  'rdp.cert-expired': {
    severity: 'warning',
    source: 5,
    candidates: [],
    title: "The RDP server's certificate has expired or is not yet valid",
    remedy:
      "Clients warn about or refuse an expired certificate. A self-signed one is renewed by Windows once it is removed from the 'Remote Desktop' store; a CA-issued one must be renewed and bound again.",
    steps: [
      {
        os: 'azure-cli',
        label: "List the VM's Remote Desktop certificates",
        command: `${RUN_COMMAND} "Get-ChildItem 'Cert:\\LocalMachine\\Remote Desktop' | Format-List Subject,NotAfter,Thumbprint"`,
      },
    ],
  },
  'rdp.wrong-host': {
    severity: 'blocker',
    source: 3,
    candidates: [0, 2],
    title: 'Another machine answers at this address',
    remedy:
      "The RDP server that answers names itself differently from the computer you expect ({expected}): the public IP or DNS name may now belong to another VM, or a NAT rule forwards to the wrong one. Compare the VM's public IP in the portal with the address you dial.",
    steps: [
      {
        os: 'azure-cli',
        label: "Show the VM's computer name and public IP",
        command:
          'az vm show -d -g <resource-group> -n <vm-name> --query "{computerName:osProfile.computerName, ip:publicIps}"',
      },
    ],
  },
  'rdp.host-identity': {
    severity: 'info',
    source: 5,
    candidates: [],
    title: 'The machine that answered identified itself',
    remedy:
      'Before any sign-in, the server told its computer name, domain and Windows version (no credentials were sent). Check that this is the VM you mean to reach.',
    steps: [],
  },
  'rdp.clock-skew': {
    severity: 'warning',
    source: 5,
    candidates: [1],
    title: "The server's clock differs from yours by more than 5 minutes",
    remedy:
      'A large clock difference breaks Kerberos sign-in (NLA may fall back or fail) and makes certificates look invalid. Check the time on your computer first, then on the VM (it normally syncs from the Azure host).',
    steps: [
      { os: 'windows', label: "Resynchronise this computer's clock (administrator)", command: 'w32tm /resync' },
      {
        os: 'azure-cli',
        label: 'Show and resynchronise the VM clock',
        command: `${RUN_COMMAND} "Get-Date; w32tm /resync /force"`,
      },
    ],
  },
  'rdp.nla-enforced': {
    severity: 'info',
    source: 5,
    candidates: [],
    title: 'The server enforces Network Level Authentication',
    remedy:
      'The server refuses clients that do not do NLA: use a client that supports it and valid credentials (for Entra-joined VMs, the right account format). This is the secure default.',
    steps: [],
  },
  'udp.not-confirmed': {
    severity: 'info',
    source: 4,
    candidates: [5, 2, 1],
    title: 'RDP over UDP is not confirmed',
    remedy:
      'No answer to an RDP-UDP handshake on this port: UDP is blocked (NSG, firewall) or the UDP transport is off on the server. RDP still works over TCP, with less smooth graphics on slow links. To use UDP, allow UDP on the RDP port in the NSG.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Allow RDP over UDP from your public IP in the NSG',
        command:
          'az network nsg rule create -g <resource-group> --nsg-name <nsg-name> -n AllowRdpUdp --priority 310 --protocol Udp --destination-port-ranges {port} --source-address-prefixes <your-public-ip> --access Allow',
      },
    ],
  },
} as const satisfies Record<`rdp.${string}` | `udp.${string}`, CatalogEntry>;
