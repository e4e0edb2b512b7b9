import { EXIT } from './exit-codes.js';

/** The text of `rdp-probe --help`. */
export function usage(): string {
  return `rdp-probe — why can't I connect to my Azure VM over Remote Desktop?

Usage:
  rdp-probe [probe] [options] <target>   probe a target and diagnose
  rdp-probe show <file>                  print a saved bundle or --json report
  rdp-probe compare <a> <b>              compare two bundles or reports (e.g. home, office)
  rdp-probe script                       print the read-only VM check script (check-rdp.ps1)

<target> is a host name, an IPv4 address, [IPv6], any of them with :port,
or an .rdp file (as mstsc or the Azure portal save it). A host literally
named "show" or "compare" is probed with: rdp-probe probe show

Options:
  --port <n>          port to probe when the target has none (default 3389)
  --expect-ip <ip>    the VM's current public IP: report if the name points elsewhere
  --timeout <t>       per-check timeout, e.g. 4000, 4000ms or 4s (default 4s);
                      the run's deadline is derived from it and shown
  --expect-name <n>   the VM's computer name: report if another machine answers
  --quick             the fastest answer: your computer's DNS answer, TCP and one
                      RDP handshake (no protocol sweep, no UDP, no fresh DNS)
  --routing-token <t> send this load-balancer routing token instead of the neutral
                      "Cookie: mstshash=rdpprobe" in the RDP Connection Request
  --nameserver <ip>   ask this nameserver for the fresh DNS answer (repeatable;
                      default: the system's, or systemd-resolved's upstream servers)
  --azure-snapshot <path>  JSON saved from az (vm show -d, network nic show,
                      nic list-effective-nsg, nsg show, public-ip show, lb show,
                      watcher test-ip-flow), a file or a folder (repeatable): the
                      Azure side of the diagnosis without Azure rights here
  --source-ip <ip>    your public IP as Azure sees it, to evaluate the NSGs and
                      for IP flow verify (default: what egress.ip finds)

Reading Azure live (read-only; needs the Reader role on the VM):
  --azure-vm <id>     the VM's resource ID (az vm show -g G -n VM --query id)
  --subscription <id> with --resource-group <g> --vm <name>: the VM by name;
                      alone: find the VM whose public IP or DNS name you dial
  --azure-auth <how>  cli (default: the account of az login), browser (the system
                      browser) or device-code; browser and device-code need your
                      app registration: --azure-client-id <id> or
                      RDP_PROBE_AZURE_CLIENT_ID
  --tenant <id>       sign in to this tenant (ID or domain)
  --azure-cloud <c>   public (default), usgov or china
  --arm-endpoint <url>  Resource Manager elsewhere (Azure Stack Hub), https only;
                      --arm-ca <pem> trusts its CA
  --azure-timeout <t> budget for reading Azure (default 60s)

Inside the VM (source 5), with your consent only:
  --vm-checks         run the read-only script check-rdp.ps1 (rdp-probe script shows
                      it) in the VM through Run Command: RDP service, port, remote
                      connections, NLA, listeners, Windows Firewall, certificate;
                      needs the VM agent and runCommand rights (VM Contributor)
  --vm-checks-output <file>  the script's output an admin ran on the VM and sent
  --vm-checks-timeout <t>  how long to wait for Run Command (default 150s)
  --repair <id>       apply one repair the diagnosis proposes (set-port,
                      enable-firewall-rules, allow-connections, start-service,
                      reset-rdp-config) after showing exactly what it changes and
                      asking; --yes confirms it up front; the checks run again after
  --client-error <c>  the error code your RDP client showed (e.g. 0x204), as evidence
  --proxy <url>       also tunnel to the target through this proxy (repeatable):
                      http://host:port, https://, socks5://, socks4://; user:pass@
                      is used for the tunnel and never written to the report; an
                      https:// proxy's certificate must chain to a public root or
                      to the CA in NODE_EXTRA_CA_CERTS
  --pac <file|url>    evaluate this proxy auto-config script for the target
  --ports <list>      ports tried beside the RDP port to tell a blocked port from
                      an unreachable host (default 443,22,80; not with --quick)
  --bind <address>    also connect from this local address (repeatable): TCP and
                      the RDP handshake run on a path "bind:<address>" beside the
                      default route, side by side in the report; it must be one of
                      this computer's addresses
  --interface <name>  the same from this interface's address (repeatable; its
                      IPv4 address, or the target's family). Node cannot bind a
                      socket to a device: the OS may still route the packets out
                      another interface, as for --bind (ip rule / a VPN's split
                      tunnel decide)
  --check-tls-inspection  hand-shake TLS with management.azure.com:443, directly
                      and through each proxy, to tell whether something on the way
                      re-signs HTTPS (TLS inspection); off unless asked for
  --tls-endpoint <host[:port]>  the same check against this HTTPS endpoint instead
                      (port 443 when absent); implies --check-tls-inspection
  --egress-resolver <service>@<ip[:port]>  ask this resolver for the address
                      Azure sees you come from instead of the public ones
                      (repeatable): opendns@ (myip.opendns.com A/AAAA) or
                      google@ (o-o.myaddr.l.google.com TXT)
  --egress-url <https-url>  the what-is-my-IP endpoint asked through the proxy
                      that applies (default https://api.ipify.org/)
  --no-external       contact no third party (see below)
  --json              print the full report as JSON on stdout, nothing else
  --out <file.zip>    also write a probe bundle for support (report.json, report.html,
                      evidence/); an existing file is kept unless --force
  --force             let --out overwrite an existing file
  --redact <list>     mask these in the bundle: all, none, user-names, host-names,
                      public-ips, private-ips, mac-addresses, proxy-urls,
                      process-lists, subscription-ids, tenant-ids (credentials and
                      tokens are always removed)
  --redact-key <key>  reuse this key so masks match across bundles (compare)
  -h, --help          this help
  -V, --version       the version

Output honours NO_COLOR. Progress goes to stderr, the result to stdout.
The route to the target is read (ip route get, route -n get, Find-NetRoute) and
the target pinged (raw ICMP as root or admin, else the OS ping): evidence only,
since Azure public IPs often do not answer ping. When TCP connects but the TLS
handshake stalls, don't-fragment pings of decreasing size measure the path MTU.
When TCP to the RDP port gets no answer, the path is traced to show how far
packets get (at most 12 hops: traceroute -T to the RDP port as root on Linux,
else raw ICMP as root or admin, else traceroute or tracert): evidence only,
since routers may not answer the probes.
Contacted: the target (RDP port, --ports, ping, TTL-limited trace probes that
the routers on the way answer), its nameservers, and each proxy
found in --proxy, --pac, HTTPS_PROXY/ALL_PROXY/HTTP_PROXY (NO_PROXY honoured) or
the OS settings (Windows WinINET and WinHTTP, macOS, GNOME, KDE), asked to
tunnel to the target. Third parties, listed in the report and skipped with
--no-external:
  a PAC URL (--pac or OS settings)   one HTTP GET for the script; the target
                                     is evaluated locally, never sent to it
  wpad.<your DNS domain> and its parent domains, only when the OS settings
  detect the proxy automatically (WPAD): a DNS lookup of each name and one
                                     HTTP GET of /wpad.dat from the first that
                                     resolves; evaluated locally like a PAC
  management.azure.com:443 (or --tls-endpoint), only with --check-tls-inspection
                                     or --tls-endpoint: a TLS ClientHello naming
                                     it, directly and through each proxy; no
                                     HTTP request follows the handshake
  the address Azure sees you come from (not with --source-ip, nor for a
  private target: then the local address on the route to it is used):
    resolver1.opendns.com (208.67.222.222, 2620:119:35::35) UDP 53
                                     one DNS query for myip.opendns.com
    ns1.google.com (216.239.32.10, 2001:4860:4802:32::a) UDP 53
                                     one DNS query for o-o.myaddr.l.google.com
                                     TXT (or each --egress-resolver instead)
    https://api.ipify.org/ (or --egress-url), only when a proxy applies:
                                     CONNECT through that proxy, a TLS
                                     ClientHello and one GET; no query names
                                     the target
With --azure-vm or --subscription: Azure Resource Manager (and Microsoft Entra
ID to sign in), read-only calls about that VM, its network and Activity Log.
RDP clients do not use HTTP or SOCKS proxies: a tunnel only shows that RDP can
leave through the proxy's network. The RDP checks stop before any credential is
sent: nothing the server could log as a failed logon.

Exit codes:
  ${EXIT.reachable}  RDP reachable on the default path
  ${EXIT.problem}  a problem found
  ${EXIT.badInput}  bad input (usage, unreadable or malformed file)
  ${EXIT.probeFailed}  the probe itself failed (the checks could not tell)
`;
}
