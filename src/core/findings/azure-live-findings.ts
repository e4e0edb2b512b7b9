import type { CatalogEntry } from './catalog-entry.js';

/** Findings that need a live read of Azure: the collection itself, the Activity Log, routes, Network Watcher. */
export const AZURE_LIVE_FINDINGS = {
  'azure.not-read': {
    severity: 'info',
    source: 0,
    candidates: [],
    title: 'Azure could not be read',
    remedy:
      "RDP Probe could not read the VM from Azure, so the diagnosis rests on your computer's checks alone. Sign in with an account that has at least the Reader role on the VM, check the subscription, resource group and VM name, then run it again; or ask an admin for the VM's JSON and use --azure-snapshot.",
    steps: [
      { os: 'azure-cli', label: 'Sign in to Azure', command: 'az login' },
      {
        os: 'azure-cli',
        label: 'See which subscription you are in',
        command: 'az account show --query "{name:name, id:id}"',
      },
      {
        os: 'azure-cli',
        label: 'List the VMs you can see, with their groups',
        command: 'az vm list -d --query "[].{name:name, group:resourceGroup, ip:publicIps}" -o table',
      },
    ],
  },
  'azure.recent-change': {
    severity: 'warning',
    source: 4,
    candidates: [3, 5],
    title: "Someone changed the VM's network recently",
    remedy:
      'The Activity Log shows changes to the VM, its NIC, NSGs, public IP or load balancer shortly before this run. If RDP worked before, start with what changed: compare the resource with how it was, or ask the person who changed it.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Show the changes of the last days in the resource group',
        command:
          "az monitor activity-log list -g <resource-group> --offset 7d --query \"[?contains(operationName.value, 'write') || contains(operationName.value, 'delete')].{when:eventTimestamp, who:caller, what:operationName.localizedValue, resource:resourceId}\" -o table",
      },
    ],
  },
  'route.asymmetric': {
    severity: 'warning',
    source: 3,
    candidates: [4],
    title: "The VM's default route goes through a virtual appliance",
    remedy:
      "The VM's subnet sends 0.0.0.0/0 to a network virtual appliance (a firewall VM or Azure Firewall), but you reach the VM on its public IP: the VM's replies leave through the appliance, not back the way your connection came, and the appliance or your side drops them. Reach the VM through the appliance's own public address (a DNAT rule), through Azure Bastion or a VPN, or add a route for your public IP with next hop Internet.",
    steps: [
      {
        os: 'azure-cli',
        label: "Show the NIC's effective routes",
        command: 'az network nic show-effective-route-table -g <resource-group> -n <nic-name> -o table',
      },
      {
        os: 'azure-cli',
        label: 'Send replies to your public IP straight to the Internet (an admin runs this on the route table)',
        command:
          'az network route-table route create -g <route-table-resource-group> --route-table-name <route-table-name> -n Return-to-client --address-prefix <client-ip>/32 --next-hop-type Internet',
      },
    ],
  },
  'nw.unavailable': {
    severity: 'info',
    source: 4,
    candidates: [],
    title: "There is no Network Watcher in the VM's region",
    remedy:
      "Network Watcher's IP flow verify could not be asked which NSG rule decides your connection, so the diagnosis relies on its own evaluation of the NSGs. Network Watcher is free to enable per region.",
    steps: [
      {
        os: 'azure-cli',
        label: "Enable Network Watcher in the VM's region",
        command: 'az network watcher configure -g NetworkWatcherRG -l <region> --enabled true',
      },
    ],
  },
} as const satisfies Record<string, CatalogEntry>;
