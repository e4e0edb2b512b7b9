import type { CatalogEntry, CatalogStep } from './catalog-entry.js';

// Findings from inside the VM (assets/vm-checks/check-rdp.ps1, through Run Command or run by hand). Commands
// use <angle> placeholders that the VM rules fill from the Azure snapshot when it is known. The repairs the
// rules propose are on the finding (`repairs`), each behind its own confirmation; these steps are to copy.

/** Run the read-only check script through Run Command (saved next to the command as check-rdp.ps1). */
const RUN_CHECKS: CatalogStep = {
  os: 'azure-cli',
  label: 'Run the read-only VM checks (check-rdp.ps1, shown in full by RDP Probe) and read the line it prints',
  command:
    'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts @check-rdp.ps1 --query "value[0].message" -o tsv',
};

/** VMAccess "reset configuration only" (Microsoft: reset-rdp, vmaccess-windows). */
const RESET_RDP: CatalogStep = {
  os: 'azure-cli',
  label: 'Or reset the Remote Desktop configuration with the VMAccess extension (changes no password)',
  command:
    "az vm extension set -g <resource-group> --vm-name <vm-name> -n VMAccessAgent --publisher Microsoft.Compute --version 2.0 --settings '{}'",
};

/** Findings from the VM itself: its Remote Desktop service, settings, listener, firewall and certificate. */
export const VM_FINDINGS = {
  'vm.rdp-disabled': {
    severity: 'blocker',
    source: 5,
    candidates: [],
    title: 'Remote Desktop is turned off on the VM',
    remedy:
      'fDenyTSConnections is 1: Windows refuses every Remote Desktop connection. Set it to 0 (in Windows: System Properties > Remote > Allow remote connections). When a Group Policy sets it ("Allow users to connect remotely by using Remote Desktop Services"), change the policy: it overrides the local value.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Allow Remote Desktop connections (an admin runs this)',
        command:
          'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts \'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server" -Name fDenyTSConnections -Type DWord -Value 0\'',
      },
      RESET_RDP,
    ],
  },
  'vm.rdp-service-stopped': {
    severity: 'blocker',
    source: 5,
    candidates: [],
    title: 'The Remote Desktop service is not running on the VM',
    remedy:
      'The Remote Desktop Services service (TermService) is not running, so nothing answers RDP. Start it, and set its start mode back to Manual if someone disabled it. If it stops again, the System event log on the VM says why.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Start the service (an admin runs this)',
        command:
          "az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts 'Set-Service -Name TermService -StartupType Manual' 'Start-Service -Name TermService'",
      },
      RESET_RDP,
    ],
  },
  'vm.port-changed': {
    severity: 'blocker',
    source: 5,
    candidates: [3],
    title: 'RDP on the VM listens on another port than the one connections arrive on',
    remedy:
      "Remote Desktop listens on the port in the VM's registry (PortNumber under ...\\WinStations\\RDP-Tcp), and your connections arrive on another one: someone changed the port, or the load balancer's NAT rule (or the port you dial) expects the default. Set PortNumber back and restart the service, or send connections to the port it listens on.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Set the port back and restart the service (an admin runs this; it ends open sessions)',
        command:
          "az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts 'Set-ItemProperty -Path \"HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\" -Name PortNumber -Type DWord -Value <expected-port>' 'Restart-Service -Name TermService -Force'",
      },
      {
        os: 'azure-cli',
        label: "Or point the load balancer's NAT rule at the port RDP listens on",
        command:
          'az network lb inbound-nat-rule update -g <lb-resource-group> --lb-name <lb-name> -n <nat-rule-name> --backend-port <vm-port>',
      },
      {
        os: 'windows',
        label: 'Or, without a load balancer, dial the port it listens on',
        command: 'mstsc /v:{host}:<vm-port>',
      },
    ],
  },
  'vm.not-listening': {
    severity: 'blocker',
    source: 5,
    candidates: [],
    title: 'Nothing on the VM listens for RDP on its port',
    remedy:
      'The Remote Desktop service runs, but no listener of its own is on the RDP port: the listener failed to start (often its certificate, or a damaged RDP-Tcp configuration) or another program holds the port. Restart the service; if it still does not listen, reset the Remote Desktop configuration and read the TerminalServices-RemoteConnectionManager events on the VM.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Restart the Remote Desktop service (an admin runs this; it ends open sessions)',
        command:
          "az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts 'Restart-Service -Name TermService -Force'",
      },
      {
        os: 'azure-cli',
        label: 'See which process holds the port',
        command:
          "az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts 'Get-NetTCPConnection -State Listen -LocalPort <vm-port> | Select-Object LocalAddress,LocalPort,OwningProcess'",
      },
      RESET_RDP,
    ],
  },
  'vm.firewall-blocks-rdp': {
    severity: 'blocker',
    source: 5,
    candidates: [],
    title: 'Windows Firewall on the VM blocks RDP',
    remedy:
      "The VM's own firewall drops the connection even when the NSGs allow it: a block rule covers the RDP port, or no enabled rule allows it (the Remote Desktop rules are disabled, or RDP listens on a port they do not cover) while inbound traffic is blocked by default. Enable the Remote Desktop rules, or allow the port RDP listens on; remove a block rule only if you know why it is there.",
    steps: [
      {
        os: 'azure-cli',
        label: 'Enable the built-in Remote Desktop firewall rules (an admin runs this)',
        command:
          'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts \'Enable-NetFirewallRule -Group "@FirewallAPI.dll,-28752"\'',
      },
      {
        os: 'azure-cli',
        label: 'List the enabled inbound block rules',
        command:
          "az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts 'Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound -Action Block -Enabled True | Select-Object Name,DisplayName'",
      },
      RESET_RDP,
    ],
  },
  'vm.cert-thumbprint-mismatch': {
    severity: 'blocker',
    source: 0,
    candidates: [3, 2],
    title: "Another machine answered: its RDP certificate is not the VM's",
    remedy:
      "The RDP server your computer reached presented a certificate whose thumbprint is not the one the VM's listener uses: another machine answered. The address you dial may belong to someone else now (an old IP, a stale DNS answer), the load balancer may send the port to another VM, or a device on the way may intercept TLS. Do not sign in there; check the VM's current public IP and the NAT rules.",
    steps: [
      {
        os: 'azure-cli',
        label: "Show the VM's current public IP",
        command: 'az vm show -d -g <resource-group> -n <vm-name> --query publicIps -o tsv',
      },
      {
        os: 'azure-cli',
        label: 'List the load balancer NAT rules (which port leads to which VM)',
        command: 'az network lb inbound-nat-rule list -g <lb-resource-group> --lb-name <lb-name> -o table',
      },
    ],
  },
  'vm.nla-required': {
    severity: 'info',
    source: 5,
    candidates: [],
    title: 'The VM requires Network Level Authentication',
    remedy:
      'Your RDP client must support Network Level Authentication (CredSSP) and sign in before the session starts. Then an expired password or one that must change at next sign-in, an account not allowed to sign in remotely, or a client without CredSSP fails before any desktop appears. Turning NLA off lowers security: do it only to recover access, then turn it back on.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Only to recover access: turn NLA off (lowers security; turn it back on with -Value 1)',
        command:
          'az vm run-command invoke -g <resource-group> -n <vm-name> --command-id RunPowerShellScript --scripts \'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" -Name UserAuthentication -Type DWord -Value 0\'',
      },
    ],
  },
  'vm.checks-unavailable': {
    severity: 'info',
    source: 5,
    candidates: [],
    title: 'The checks inside the VM could not run, or only partly',
    remedy:
      'RDP Probe reads the VM side through Run Command, which needs a running VM agent and the right to run commands (Virtual Machine Contributor, or Microsoft.Compute/virtualMachines/runCommand/action). Without them: copy the read-only script check-rdp.ps1, ask an admin to run it in an elevated PowerShell on the VM (or in the portal: Run command > RunPowerShellScript) and import the line it prints.',
    steps: [
      RUN_CHECKS,
      {
        os: 'azure-cli',
        label: 'Grant the right to run commands on this VM (an owner runs this)',
        command:
          'az role assignment create --assignee <your-sign-in> --role "Virtual Machine Contributor" --scope <vm-id>',
      },
    ],
  },
} as const satisfies Record<`vm.${string}`, CatalogEntry>;
