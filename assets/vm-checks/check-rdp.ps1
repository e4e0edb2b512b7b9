# check-rdp.ps1: RDP Probe's read-only check of the VM side of Remote Desktop.
#
# It reads the Remote Desktop service, its registry settings, the TCP listeners, Windows Firewall, the RDP
# certificate and the CredSSP policy, and prints ONE line of compact JSON. It changes nothing: only Get-*
# cmdlets, registry reads and CIM queries. Windows PowerShell 5.1 or later. It runs as SYSTEM through Azure
# Run Command (RunPowerShellScript), or by hand in an elevated PowerShell (then send back the line it prints).
#
# Output contract, "v": 1 (parsed by src/core/vm-checks/parse-vm-check-output.ts; see docs/vm-checks.md):
#   v         1, always the first key: a line starting {"v": is this script's output
#   computer  the computer name
#   bootUtc   last boot time, UTC ISO 8601
#   service   TermService: state (Running, Stopped...), start (Auto, Manual, Disabled), pid (null if none)
#   rdp       port (PortNumber), deny (fDenyTSConnections), denyPolicy (the same set by Group Policy, which
#             wins), nla (UserAuthentication), securityLayer (0 RDP, 1 Negotiate, 2 TLS)
#   listen    count (TCP ports listening), rdp: [{port, addr, pid, proc}] listening on the RDP port or 3389
#   firewall  profiles: [{name, enabled, inbound}], rdpRules: [{name, enabled, action}] (the Remote Desktop
#             group), allowRules: how many enabled inbound allow rules cover the RDP port over TCP,
#             blockRules: [{name, display, ports}] enabled inbound block rules covering it
#   cert      thumbprint (SHA-1, upper-case hex), notAfter (UTC ISO 8601), store of the listener certificate
#   credssp   oracle (AllowEncryptionOracle: 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; null: unset)
#   errors    [{section, message}], one per section that failed; that section is null
# A value that is not set (a registry value never written) is null.
# Run Command keeps only the LAST 4096 bytes of output
# (https://learn.microsoft.com/azure/virtual-machines/windows/run-command): keys are short, every list is
# capped (-First) and texts are cut, so a typical line is about 1 KB and the longest possible one is
# about 2.6 KB of ASCII. Enums are written as strings: ConvertTo-Json in 5.1 would write them as numbers.

$ErrorActionPreference = 'Stop'           # a failing cmdlet throws into its section's catch
$ProgressPreference = 'SilentlyContinue'  # no progress records in the output
$WarningPreference = 'SilentlyContinue'

# A text on one line, cut to $Max characters.
function Get-Short([string]$Text, [int]$Max) {
  $line = ($Text -replace '\s+', ' ').Trim()
  if ($line.Length -gt $Max) { return $line.Substring(0, $Max) }
  return $line
}

# One entry of "errors": the section and the start of the error message.
function Get-Failure([string]$Section, $Record) {
  return [ordered]@{ section = $Section; message = Get-Short ([string]$Record.Exception.Message) 120 }
}

# A registry value, or $null when the key or the value does not exist.
function Get-RegValue([string]$Path, [string]$Name) {
  $item = Get-ItemProperty -LiteralPath $Path -Name $Name -ErrorAction SilentlyContinue
  if ($null -eq $item) { return $null }
  return $item.$Name
}

# Whether a firewall port filter's LocalPort list ('Any', '3389', '3000-3400', 'RPC'...) includes $Port.
function Test-Covers($LocalPorts, [int]$Port) {
  foreach ($entry in @($LocalPorts)) {
    $text = [string]$entry
    if ($text -eq 'Any') { return $true }
    if ($text -match '^(\d+)-(\d+)$' -and $Port -ge [int]$Matches[1] -and $Port -le [int]$Matches[2]) { return $true }
    if ($text -match '^\d+$' -and [int]$text -eq $Port) { return $true }
  }
  return $false
}

# A time as UTC ISO 8601; the invariant culture keeps ':' and the Gregorian calendar whatever the locale.
function Get-UtcText([datetime]$Time) {
  return $Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [Globalization.CultureInfo]::InvariantCulture)
}

$out = [ordered]@{
  v = 1; computer = $env:COMPUTERNAME; bootUtc = $null; service = $null; rdp = $null; listen = $null
  firewall = $null; cert = $null; credssp = $null; errors = $null
}
$errors = @()
$port = 3389  # the RDP port; replaced by PortNumber when it can be read

# Last boot (Win32_OperatingSystem.LastBootUpTime).
try { $out.bootUtc = Get-UtcText (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime }
catch { $errors += Get-Failure 'bootUtc' $_ }

# The Remote Desktop Services service, TermService
# (https://learn.microsoft.com/windows/win32/cimwin32prov/win32-service: State, StartMode, ProcessId).
try {
  $svc = Get-CimInstance -ClassName Win32_Service -Filter "Name='TermService'"
  if ($null -eq $svc) { throw 'The TermService service does not exist.' }
  $out.service = [ordered]@{
    state = [string]$svc.State; start = [string]$svc.StartMode
    pid = $(if ($svc.ProcessId) { [int]$svc.ProcessId } else { $null })
  }
} catch { $errors += Get-Failure 'service' $_ }

# Remote Desktop settings in the registry. PortNumber is the listening port
# (https://learn.microsoft.com/windows-server/remote/remote-desktop-services/clients/change-listening-port);
# fDenyTSConnections 1 refuses connections, and its Group Policy value, when set, wins; UserAuthentication 1
# requires Network Level Authentication; SecurityLayer 0 RDP, 1 Negotiate, 2 TLS.
try {
  $ts = 'HKLM:\System\CurrentControlSet\Control\Terminal Server'
  $rdpTcp = "$ts\WinStations\RDP-Tcp"
  $out.rdp = [ordered]@{
    port = Get-RegValue $rdpTcp 'PortNumber'
    deny = Get-RegValue $ts 'fDenyTSConnections'
    denyPolicy = Get-RegValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' 'fDenyTSConnections'
    nla = Get-RegValue $rdpTcp 'UserAuthentication'
    securityLayer = Get-RegValue $rdpTcp 'SecurityLayer'
  }
  if ($null -ne $out.rdp.port) { $port = [int]$out.rdp.port }
} catch { $errors += Get-Failure 'rdp' $_ }

# TCP listeners (https://learn.microsoft.com/powershell/module/nettcpip/get-nettcpconnection): how many
# ports listen, and which process listens on the RDP port and on 3389.
try {
  $listening = @(Get-NetTCPConnection -State Listen)
  $out.listen = [ordered]@{
    count = @($listening | Select-Object -ExpandProperty LocalPort -Unique).Count
    rdp = @($listening | Where-Object { $_.LocalPort -eq $port -or $_.LocalPort -eq 3389 } |
      Select-Object -First 4 | ForEach-Object {
        $process = Get-Process -Id $_.OwningProcess -ErrorAction SilentlyContinue
        [ordered]@{
          port = [int]$_.LocalPort; addr = [string]$_.LocalAddress; pid = [int]$_.OwningProcess
          proc = $(if ($process) { Get-Short $process.ProcessName 32 } else { $null })
        }
      })
  }
} catch { $errors += Get-Failure 'listen' $_ }

# Windows Firewall as enforced: the ActiveStore holds local and Group Policy rules together
# (https://learn.microsoft.com/powershell/module/netsecurity/get-netfirewallprofile,
# .../get-netfirewallrule, .../get-netfirewallportfilter). A profile's DefaultInboundAction NotConfigured
# means Block. Only port and protocol conditions are read, not program or address ones.
try {
  $profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
      [ordered]@{ name = [string]$_.Name; enabled = ([string]$_.Enabled -eq 'True'); inbound = [string]$_.DefaultInboundAction }
    })
  # The built-in "Remote Desktop" group by its resource id: its display name is localised.
  $rdpRules = @(Get-NetFirewallRule -PolicyStore ActiveStore -Group '@FirewallAPI.dll,-28752' -Direction Inbound -ErrorAction SilentlyContinue |
      Select-Object -First 4 | ForEach-Object {
        [ordered]@{ name = Get-Short $_.Name 48; enabled = ([string]$_.Enabled -eq 'True'); action = [string]$_.Action }
      })
  $filters = @{}
  foreach ($filter in @(Get-NetFirewallPortFilter -PolicyStore ActiveStore)) { $filters[[string]$filter.InstanceID] = $filter }
  $allowRules = 0
  $blockRules = @()
  foreach ($rule in @(Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound -Enabled True)) {
    $filter = $filters[[string]$rule.InstanceID]
    if ($null -eq $filter -or @('TCP', 'Any', '6') -notcontains [string]$filter.Protocol) { continue }
    if (-not (Test-Covers $filter.LocalPort $port)) { continue }
    if ([string]$rule.Action -eq 'Allow') { $allowRules++ }
    elseif ($blockRules.Count -lt 3) {
      $blockRules += [ordered]@{
        name = Get-Short $rule.Name 48; display = Get-Short $rule.DisplayName 40
        ports = Get-Short (@($filter.LocalPort) -join ',') 24
      }
    }
  }
  $out.firewall = [ordered]@{ profiles = $profiles; rdpRules = $rdpRules; allowRules = $allowRules; blockRules = $blockRules }
} catch { $errors += Get-Failure 'firewall' $_ }

# The certificate the RDP listener presents: its SHA-1 hash from Win32_TSGeneralSetting
# (https://learn.microsoft.com/windows/win32/termserv/win32-tsgeneralsetting), then its expiry from the
# "Remote Desktop" store (the self-signed one) or the computer's personal store (one an admin installed).
try {
  $setting = Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter "TerminalName='RDP-Tcp'"
  $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant()
  $cert = $null
  $store = $null
  foreach ($name in @('Remote Desktop', 'My')) {
    if ($null -eq $cert -and $thumbprint) {
      $cert = Get-Item -LiteralPath "Cert:\LocalMachine\$name\$thumbprint" -ErrorAction SilentlyContinue
      if ($cert) { $store = $name }
    }
  }
  $out.cert = [ordered]@{
    thumbprint = $(if ($thumbprint) { $thumbprint } else { $null })
    notAfter = $(if ($cert) { Get-UtcText $cert.NotAfter } else { $null }); store = $store
  }
} catch { $errors += Get-Failure 'cert' $_ }

# CredSSP "encryption oracle remediation" (CVE-2018-0886, https://support.microsoft.com/help/4093492):
# AllowEncryptionOracle 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; not set means Mitigated.
try {
  $out.credssp = [ordered]@{
    oracle = Get-RegValue 'HKLM:\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters' 'AllowEncryptionOracle'
  }
} catch { $errors += Get-Failure 'credssp' $_ }

$out.errors = @($errors | Select-Object -First 4)
ConvertTo-Json -InputObject $out -Compress -Depth 4
