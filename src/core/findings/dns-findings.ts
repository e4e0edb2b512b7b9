import type { CatalogEntry, CatalogStep } from './catalog-entry.js';

/** How to flush the DNS cache on each OS. */
export const FLUSH_DNS: readonly CatalogStep[] = [
  { os: 'windows', label: 'Flush the DNS client cache (Command Prompt)', command: 'ipconfig /flushdns' },
  {
    os: 'macos',
    label: 'Flush the DNS cache',
    command: 'sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder',
  },
  { os: 'linux', label: 'Flush the systemd-resolved cache', command: 'resolvectl flush-caches' },
];

/** Findings about name resolution. */
export const DNS_FINDINGS = {
  'dns.resolution-failed': {
    severity: 'blocker',
    source: 0,
    candidates: [1],
    title: 'The name does not resolve to an address',
    remedy:
      'Check the spelling of the name. For an Azure VM, copy its DNS name or public IP from the portal (VM > Overview). If other computers resolve the name, your DNS settings or cache are at fault: flush the cache.',
    steps: [
      {
        os: 'azure-cli',
        label: "Show the VM's public IP and DNS name",
        command: 'az vm show -d -g <resource-group> -n <vm-name> --query "{ip:publicIps, fqdn:fqdns}"',
      },
      ...FLUSH_DNS,
    ],
  },
  'dns.hosts-override': {
    severity: 'warning',
    source: 1,
    candidates: [],
    title: 'A hosts-file entry overrides DNS for this name',
    remedy:
      'Your hosts file pins this name to a fixed address, so DNS changes (such as a new public IP of the VM) never reach your RDP client. Remove or correct the line.',
    steps: [
      {
        os: 'windows',
        label: 'Edit the hosts file (run as administrator)',
        command: 'notepad %SystemRoot%\\System32\\drivers\\etc\\hosts',
      },
      { os: 'macos', label: 'Edit the hosts file', command: 'sudo nano /etc/hosts' },
      { os: 'linux', label: 'Edit the hosts file', command: 'sudo nano /etc/hosts' },
    ],
  },
  'dns.stale-cache': {
    severity: 'warning',
    source: 1,
    candidates: [0],
    title: 'Your computer still holds an old address for this name',
    remedy:
      "Your computer's resolver answers with an address that the name's DNS servers no longer give. The VM's public IP has probably changed: flush the DNS cache, or connect to the new address directly.",
    steps: FLUSH_DNS,
  },
  'dns.mismatch-expected': {
    severity: 'blocker',
    source: 0,
    candidates: [3, 1],
    title: "The name does not point at the VM's current public IP",
    remedy:
      "Every address the name resolves to differs from the VM's public IP: the VIP has changed or the DNS record is out of date. Update the record, or connect to the current IP directly.",
    steps: [
      {
        os: 'azure-cli',
        label: "Show the VM's current public IP",
        command: 'az vm show -d -g <resource-group> -n <vm-name> --query publicIps -o tsv',
      },
      { os: 'windows', label: 'Connect to the current IP directly', command: 'mstsc /v:{expected}:{port}' },
    ],
  },
} as const satisfies Record<`dns.${string}`, CatalogEntry>;
