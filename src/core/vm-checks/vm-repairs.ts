import type { VmBlockRule, VmRepair } from './vm-check-schema.js';

/**
 * The repairs RDP Probe proposes for the VM, as data: nothing here runs them. Each says in one exact sentence
 * what it changes, the PowerShell lines Run Command would run (RunPowerShellScript), and the same as an
 * `az` command to copy (quoted for bash, as in Cloud Shell). Sources: the listening port
 * (https://learn.microsoft.com/windows-server/remote/remote-desktop-services/clients/change-listening-port),
 * VMAccess's "reset Remote Desktop configuration"
 * (https://learn.microsoft.com/azure/virtual-machines/extensions/vmaccess-windows).
 */

/** Which VM the `az` commands name; null parts stay as `<placeholders>` for the user to fill. */
export interface RepairTarget {
  readonly resourceGroup: string | null;
  readonly vmName: string | null;
}

const TERMINAL_SERVER = 'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server';
const RDP_TCP = `${TERMINAL_SERVER}\\WinStations\\RDP-Tcp`;
/** The built-in "Remote Desktop" firewall group, by its resource id (the display name is localised). */
export const RDP_FIREWALL_GROUP = '@FirewallAPI.dll,-28752';

/** A PowerShell double-quoted string: backtick, `$` and every double-quote character escaped. */
export function psString(text: string): string {
  return `"${text.replace(/[`$"\u201C\u201D\u201E]/g, (c) => `\`${c}`)}"`;
}

/** A bash single-quoted word. */
function shWord(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

function rg(target: RepairTarget): string {
  return target.resourceGroup ?? '<resource-group>';
}

function vm(target: RepairTarget): string {
  return target.vmName ?? '<vm-name>';
}

/** `az vm run-command invoke` running these lines, one `--scripts` word per line. */
export function runCommandLine(script: readonly string[], target: RepairTarget): string {
  return `az vm run-command invoke -g ${rg(target)} -n ${vm(target)} --command-id RunPowerShellScript --scripts ${script.map(shWord).join(' ')}`;
}

function scripted(
  id: VmRepair['id'],
  title: string,
  whatChanges: string,
  script: string[],
  target: RepairTarget,
): VmRepair {
  return { id, title, whatChanges, script, azCommand: runCommandLine(script, target) };
}

/** Sets PortNumber to `port` and restarts TermService; a port other than 3389 also gets a firewall rule. */
export function setPortRepair(port: number, current: number | null, target: RepairTarget): VmRepair {
  const from = current === null ? '' : ` from ${current}`;
  const rule = port === 3389 ? null : `Remote Desktop TCP ${port}`;
  return scripted(
    'vm.repair.set-port',
    `Make RDP listen on port ${port}`,
    `Sets PortNumber under HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp${from} to ${port}${rule === null ? '' : `, adds an inbound Windows Firewall rule "${rule}" allowing TCP port ${port},`} and restarts the Remote Desktop Services service (TermService), which ends any open Remote Desktop session.`,
    [
      `Set-ItemProperty -Path ${psString(RDP_TCP)} -Name PortNumber -Type DWord -Value ${port}`,
      ...(rule === null
        ? []
        : [
            `New-NetFirewallRule -DisplayName ${psString(rule)} -Direction Inbound -Protocol TCP -LocalPort ${port} -Action Allow`,
          ]),
      'Restart-Service -Name TermService -Force',
    ],
    target,
  );
}

/** What the firewall repair changes: rules to enable, block rules to disable, a rule to add for the port. */
export interface FirewallRepairPlan {
  readonly port: number;
  /** Names of disabled Remote Desktop rules to enable; null: enable the whole group. Empty: none. */
  readonly enable: readonly string[] | null;
  readonly disable: readonly VmBlockRule[];
  /** Whether to add an allow rule for `port` (no enabled rule allows it). */
  readonly addRule: boolean;
}

/** Enables the Remote Desktop rules, disables the block rules named, and allows the port when nothing does. */
export function enableFirewallRulesRepair(plan: FirewallRepairPlan, target: RepairTarget): VmRepair {
  const script: string[] = [];
  const changes: string[] = [];
  if (plan.enable === null) {
    script.push(`Enable-NetFirewallRule -Group ${psString(RDP_FIREWALL_GROUP)}`);
    changes.push(`enables the Windows Firewall rules of the Remote Desktop group (${RDP_FIREWALL_GROUP})`);
  } else if (plan.enable.length > 0) {
    script.push(`Enable-NetFirewallRule -Name ${plan.enable.map(psString).join(',')}`);
    changes.push(`enables the Windows Firewall rules ${plan.enable.join(', ')}`);
  }
  for (const rule of plan.disable) {
    script.push(`Disable-NetFirewallRule -Name ${psString(rule.name)}`);
    changes.push(`disables the block rule ${rule.display === null ? rule.name : `"${rule.display}" (${rule.name})`}`);
  }
  if (plan.addRule) {
    const name = `Remote Desktop TCP ${plan.port}`;
    script.push(
      `New-NetFirewallRule -DisplayName ${psString(name)} -Direction Inbound -Protocol TCP -LocalPort ${plan.port} -Action Allow`,
    );
    changes.push(`adds an inbound rule "${name}" allowing TCP port ${plan.port}`);
  }
  const sentence = changes.length === 0 ? 'changes nothing' : joinClauses(changes);
  return scripted(
    'vm.repair.enable-firewall-rules',
    `Let RDP through Windows Firewall on port ${plan.port}`,
    `In Windows Firewall on the VM, ${sentence}; nothing else changes.`,
    script,
    target,
  );
}

/** Sets fDenyTSConnections to 0 (the local value; a Group Policy value would override it). */
export function allowConnectionsRepair(target: RepairTarget): VmRepair {
  return scripted(
    'vm.repair.allow-connections',
    'Turn Remote Desktop on',
    'Sets fDenyTSConnections under HKLM\\System\\CurrentControlSet\\Control\\Terminal Server from 1 to 0, which allows Remote Desktop connections to the VM; nothing restarts.',
    [`Set-ItemProperty -Path ${psString(TERMINAL_SERVER)} -Name fDenyTSConnections -Type DWord -Value 0`],
    target,
  );
}

/**
 * Starts TermService (setting its start mode back to Manual, Windows' default, when it is Disabled), or
 * restarts it when it runs but does not listen.
 */
export function startServiceRepair(
  mode: 'start' | 'restart',
  startMode: string | null,
  target: RepairTarget,
): VmRepair {
  if (mode === 'restart') {
    return scripted(
      'vm.repair.start-service',
      'Restart the Remote Desktop service',
      'Restarts the Remote Desktop Services service (TermService) and the services that depend on it, which ends any open Remote Desktop session; no setting changes.',
      ['Restart-Service -Name TermService -Force'],
      target,
    );
  }
  const disabled = startMode?.toLowerCase() === 'disabled';
  return scripted(
    'vm.repair.start-service',
    'Start the Remote Desktop service',
    disabled
      ? 'Sets the start mode of the Remote Desktop Services service (TermService) from Disabled to Manual (the Windows default) and starts it; no other setting changes.'
      : 'Starts the Remote Desktop Services service (TermService); no setting changes.',
    [...(disabled ? ['Set-Service -Name TermService -StartupType Manual'] : []), 'Start-Service -Name TermService'],
    target,
  );
}

/** Azure's VMAccess extension with no user: resets the Remote Desktop configuration, changes no password. */
export function resetRdpConfigRepair(target: RepairTarget): VmRepair {
  return {
    id: 'vm.repair.reset-rdp-config',
    title: 'Reset the Remote Desktop configuration (VMAccess)',
    whatChanges:
      "Runs Azure's VMAccess extension without a user name, which turns Remote Desktop on in the VM and adds a Windows Firewall rule for the default port 3389; it changes no password and is not supported on domain controllers.",
    script: null,
    azCommand: `az vm extension set -g ${rg(target)} --vm-name ${vm(target)} -n VMAccessAgent --publisher Microsoft.Compute --version 2.0 --settings '{}'`,
  };
}

function joinClauses(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}
