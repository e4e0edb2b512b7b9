import type { CatalogEntry } from './catalog-entry.js';

/**
 * Findings about your organization's edge: proxies and the ports it lets out. RDP clients (mstsc, the
 * Microsoft Remote Desktop apps, FreeRDP) do not use HTTP or SOCKS proxies, so a working tunnel never means
 * "RDP will work through the proxy": the remedies say what does work.
 */
export const EDGE_FINDINGS = {
  'edge.proxy-denies-connect': {
    severity: 'warning',
    source: 2,
    candidates: [],
    title: "Your organization's proxy refuses to tunnel to the RDP port",
    remedy:
      'The proxy answered the CONNECT request for the RDP port with a refusal: its policy does not let this port out. Your RDP client does not use the proxy anyway, so this tells you the organization restricts RDP. Use an RD Gateway or Azure Bastion over HTTPS (443), or ask the network team to allow outbound TCP to the VM on the RDP port.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Connect through Azure Bastion instead (native client, over 443)',
        command:
          'az network bastion rdp --name <bastion-name> -g <resource-group> --target-resource-id <vm-resource-id>',
      },
    ],
  },
  'edge.proxy-auth-required': {
    severity: 'warning',
    source: 2,
    candidates: [1],
    title: 'Your proxy asks for credentials before it tunnels',
    remedy:
      'The proxy answered 407 Proxy Authentication Required, so RDP Probe could not learn whether it would let the RDP port out. To test it, give the credentials in the proxy URL (--proxy http://user:password@proxy:port; they are used for the tunnel and never written to the report). Your RDP client does not use the proxy: what matters is whether the network lets RDP out directly, or an RD Gateway or Azure Bastion over 443.',
    steps: [],
  },
  'edge.direct-blocked-proxy-ok': {
    severity: 'blocker',
    source: 2,
    candidates: [1, 4],
    title: 'RDP is blocked on your direct path, but your proxy reaches the VM',
    remedy:
      "The VM answers RDP when reached through your proxy, but not when your computer connects directly: your organization's network (or your computer's firewall) blocks the RDP port outbound. RDP clients do not use HTTP or SOCKS proxies, so the tunnel only shows that RDP can leave through your proxy's network. Use an RD Gateway or Azure Bastion over HTTPS (443), or ask the network team to allow outbound TCP to the VM on the RDP port. If an NSG allows only your proxy's public IP, allow your direct egress IP too.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Connect through Azure Bastion instead (native client, over 443)',
        command:
          'az network bastion rdp --name <bastion-name> -g <resource-group> --target-resource-id <vm-resource-id>',
      },
      {
        os: 'windows',
        label: 'Confirm the RDP port is blocked from this computer',
        command: 'Test-NetConnection -ComputerName {host} -Port {port}',
      },
    ],
  },
  'edge.port-blocked': {
    severity: 'blocker',
    source: 2,
    candidates: [4, 1],
    title: 'Only the RDP port is blocked: the host answers on other ports',
    remedy:
      "The VM's address answers on other ports, so it is reachable; only the RDP port gets no answer. Something on the way filters that one port: your organization's firewall, your computer's firewall, or an NSG that allows other ports but not RDP from your IP. Try from another network (a phone hotspot): if RDP works there, your network blocks it; if not, check the NSG.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Ask Azure whether an NSG lets your IP reach RDP',
        command:
          'az network watcher test-ip-flow --direction Inbound --protocol TCP --local <vm-private-ip>:{port} --remote <your-public-ip>:50000 --vm <vm-name> -g <resource-group>',
      },
      {
        os: 'windows',
        label: 'Test the RDP port and HTTPS side by side',
        command:
          'Test-NetConnection -ComputerName {host} -Port {port}; Test-NetConnection -ComputerName {host} -Port 443',
      },
      { os: 'macos', label: 'Test the RDP port', command: 'nc -vz -w 5 {host} {port}' },
      { os: 'linux', label: 'Test the RDP port', command: 'nc -vz -w 5 {host} {port}' },
    ],
  },
  'edge.tls-inspection': {
    severity: 'warning',
    source: 2,
    candidates: [1],
    title: 'Something on your network inspects TLS: HTTPS is re-signed on the way',
    remedy:
      "A TLS handshake with a well-known HTTPS endpoint came back with a certificate chain that does not end in a public root: a TLS-inspecting proxy or firewall (or security software on your computer) decrypts and re-signs the traffic. Inspection can break RD Gateway and Azure Bastion connections over 443 and RDP's own TLS. Ask the network team to exempt your RD Gateway or Bastion host names and management.azure.com from TLS inspection.",
    steps: [
      {
        os: 'windows',
        label: 'See who issued the certificate your computer receives',
        command:
          "$c = New-Object Net.Sockets.TcpClient('management.azure.com', 443); $s = New-Object Net.Security.SslStream($c.GetStream(), $false, {$true}); $s.AuthenticateAsClient('management.azure.com'); $s.RemoteCertificate.Issuer",
      },
      {
        os: 'macos',
        label: 'See who issued the certificate your computer receives',
        command:
          'openssl s_client -connect management.azure.com:443 -servername management.azure.com -showcerts </dev/null | grep -E "^ *(s|i):"',
      },
      {
        os: 'linux',
        label: 'See who issued the certificate your computer receives',
        command:
          'openssl s_client -connect management.azure.com:443 -servername management.azure.com -showcerts </dev/null | grep -E "^ *(s|i):"',
      },
    ],
  },
} as const satisfies Record<`edge.${string}`, CatalogEntry>;
