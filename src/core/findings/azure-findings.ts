import type { CatalogEntry, CatalogStep } from './catalog-entry.js';
import { FLUSH_DNS } from './dns-findings.js';

// Commands below use <angle> placeholders; the Azure rules fill the ones the snapshot knows (resource group,
// VM, NSG, NIC, client IP, ports) and leave the rest for the user to replace.

/** Ask Network Watcher what decides the flow, for the user's own IP. */
const TEST_IP_FLOW: CatalogStep = {
  os: 'azure-cli',
  label: 'Ask Network Watcher which rule decides RDP from your IP',
  command:
    'az network watcher test-ip-flow --direction Inbound --protocol TCP --local <vm-private-ip>:<backend-port> --remote <client-ip>:50000 --vm <vm-name> -g <resource-group>',
};

/** Allow RDP from the user's public IP only, before the rule that denies it. */
const ALLOW_MY_IP: CatalogStep = {
  os: 'azure-cli',
  label: 'Allow RDP from your public IP only (an admin runs this)',
  command:
    'az network nsg rule create -g <nsg-resource-group> --nsg-name <nsg-name> -n Allow-RDP-from-client --priority <priority> --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <client-ip>/32 --source-port-ranges "*" --destination-address-prefixes "*" --destination-port-ranges <backend-port>',
};

/** Request Just-In-Time access for one IP (there is no `az security jit-policy initiate`: use the REST action). */
const JIT_REQUEST: readonly CatalogStep[] = [
  {
    os: 'azure-cli',
    label: "Find the VM's Just-In-Time policy",
    command: 'az security jit-policy list --query "[].id" -o tsv',
  },
  {
    os: 'azure-cli',
    label: 'Request access for your public IP (end time in UTC, within the policy maximum)',
    command:
      'az rest --method post --url "<jit-policy-id>/initiate?api-version=2020-01-01" --body \'{"virtualMachines":[{"id":"<vm-id>","ports":[{"number":<backend-port>,"allowedSourceAddressPrefix":"<client-ip>","endTimeUtc":"<end-time-utc>"}]}],"justification":"RDP"}\'',
  },
];

/** Findings from the Azure side: the VM, its public IP, load balancer NAT rules and NSGs. */
export const AZURE_FINDINGS = {
  'azure.vm-not-running': {
    severity: 'blocker',
    source: 0,
    candidates: [],
    title: 'The VM is not running',
    remedy:
      'Azure reports the VM stopped or deallocated: nothing answers RDP until it is started. A deallocated VM with a dynamic public IP gets a new address when it starts, so check the address afterwards.',
    steps: [
      { os: 'azure-cli', label: 'Start the VM', command: 'az vm start -g <resource-group> -n <vm-name>' },
      {
        os: 'azure-cli',
        label: "Show the VM's state and public IP once started",
        command: 'az vm show -d -g <resource-group> -n <vm-name> --query "{state:powerState, ip:publicIps}"',
      },
    ],
  },
  'azure.vip-changed': {
    severity: 'blocker',
    source: 0,
    candidates: [1],
    title: "You are dialling an address that is not the VM's public IP",
    remedy:
      "The address your RDP client connects to is not the VM's current public IP: the IP changed (a dynamic IP after a deallocation, or a re-created IP) and a saved connection, DNS record or cached answer still has the old one. This pairs with dns.stale-cache when only your computer's cache is behind. Connect to the current IP, flush the DNS cache, and make the IP static so it stays.",
    steps: [
      {
        os: 'azure-cli',
        label: "Show the VM's current public IP",
        command: 'az vm show -d -g <resource-group> -n <vm-name> --query publicIps -o tsv',
      },
      { os: 'windows', label: 'Connect to the current IP directly', command: 'mstsc /v:<current-ip>:{port}' },
      {
        os: 'azure-cli',
        label: 'Keep the address across deallocations (static allocation)',
        command: 'az network public-ip update -g <resource-group> -n <public-ip-name> --allocation-method Static',
      },
      ...FLUSH_DNS,
    ],
  },
  'azure.guest-not-ready': {
    severity: 'blocker',
    source: 5,
    candidates: [],
    title: 'The VM runs but its guest agent is not ready',
    remedy:
      'Azure says the VM is running, but the agent inside Windows does not report Ready: the guest may be hung at boot, stuck installing updates, or out of resources, and then RDP does not answer either. Look at the boot diagnostics screenshot; if Windows is waiting on updates, wait or restart.',
    steps: [
      {
        os: 'azure-cli',
        label: 'Get the boot diagnostics screenshot and serial log links',
        command: 'az vm boot-diagnostics get-boot-log-uris -g <resource-group> -n <vm-name>',
      },
      {
        os: 'azure-cli',
        label: 'Turn boot diagnostics on (managed storage) if it is off',
        command: 'az vm boot-diagnostics enable -g <resource-group> -n <vm-name>',
      },
      {
        os: 'azure-cli',
        label: "Show the agent's status",
        command: 'az vm get-instance-view -g <resource-group> -n <vm-name> --query instanceView.vmAgent',
      },
      { os: 'azure-cli', label: 'Restart the VM', command: 'az vm restart -g <resource-group> -n <vm-name>' },
    ],
  },
  'azure.permission-denied': {
    severity: 'info',
    source: 4,
    candidates: [],
    title: 'Azure refused a read-only check: some NSG evidence is missing',
    remedy:
      'The effective NSG and IP flow verify checks are POST actions that the Reader role cannot call, so RDP Probe fell back to the NSGs themselves and its own evaluation. Ask someone with Network Contributor (or a role with the missing action) to run the commands below and send you the JSON, or grant you that action.',
    steps: [
      {
        os: 'azure-cli',
        label: "Save the NIC's effective security rules (an admin runs this)",
        command: 'az network nic list-effective-nsg -g <resource-group> -n <nic-name> > effective-nsg.json',
      },
      TEST_IP_FLOW,
      {
        os: 'azure-cli',
        label: 'Grant the missing permission (an owner runs this)',
        command: 'az role assignment create --assignee <your-sign-in> --role "Network Contributor" --scope <scope>',
      },
    ],
  },
  'nsg.denied': {
    severity: 'blocker',
    source: 4,
    candidates: [],
    title: 'A network security group denies RDP from your IP',
    remedy:
      'An NSG rule drops RDP from your public IP before anything allows it. Add an Allow rule for your IP (as a /32) with a priority number lower than the denying rule, on the NSG that denies; if both the subnet and the NIC have an NSG, both must allow.',
    steps: [ALLOW_MY_IP, TEST_IP_FLOW],
  },
  'nsg.allowed-other-source': {
    severity: 'blocker',
    source: 4,
    candidates: [2],
    title: 'RDP is allowed, but only from other addresses than yours',
    remedy:
      "An NSG allows RDP, but only from source prefixes that do not contain your public IP, so a lower rule denies you. Often the allow was written for an office or VPN address and you now leave from another one (home, a proxy, a new ISP address). Add your IP to the rule's sources, or connect through the network it names.",
    steps: [
      {
        os: 'azure-cli',
        label: "Add your public IP to the allow rule's sources (an admin runs this)",
        command:
          'az network nsg rule update -g <nsg-resource-group> --nsg-name <nsg-name> -n <allow-rule-name> --source-address-prefixes <allowed-prefixes> <client-ip>/32',
      },
      ALLOW_MY_IP,
      TEST_IP_FLOW,
    ],
  },
  'nsg.jit-deny': {
    severity: 'blocker',
    source: 4,
    candidates: [],
    title: 'Just-In-Time access is closed: request access for your IP',
    remedy:
      'Defender for Cloud protects this VM with Just-In-Time access: RDP stays denied until someone requests access, which opens it for one source IP for a limited time. Request access for your own public IP (in the portal: VM > Connect > Request access), then connect before it expires.',
    steps: JIT_REQUEST,
  },
  'nsg.jit-other-ip': {
    severity: 'blocker',
    source: 4,
    candidates: [2],
    title: 'Just-In-Time access was granted to another IP than yours',
    remedy:
      'A Just-In-Time request is active, but for a source address that is not the one you connect from. Behind a proxy or VPN the portal\'s "My IP" guesses the wrong address. Request access again for the public IP RDP Probe saw, not the one the portal suggests.',
    steps: [
      ...JIT_REQUEST,
      {
        os: 'azure-cli',
        label: 'See active requests and when they end',
        command: 'az security jit-policy show -g <resource-group> -l <region> -n <jit-policy-name> --query requests',
      },
    ],
  },
  'nsg.flow-verify-disagrees': {
    severity: 'warning',
    source: 4,
    candidates: [],
    title: "RDP Probe's NSG evaluation and Azure's IP flow verify disagree",
    remedy:
      "The local evaluation of the NSG rules and Network Watcher's IP flow verify give different answers for this flow. Trust IP flow verify for the live state; the difference usually means the saved NSG JSON is older than the live rules, IP flow verify was run for another source IP or port, or a rule uses a service tag or application security group whose members were not known.",
    steps: [
      TEST_IP_FLOW,
      {
        os: 'azure-cli',
        label: "List the NIC's effective security rules",
        command: 'az network nic list-effective-nsg -g <resource-group> -n <nic-name>',
      },
    ],
  },
  'publicip.standard-closed': {
    severity: 'blocker',
    source: 3,
    candidates: [4],
    title: 'A Standard public IP with no NSG is closed to inbound traffic',
    remedy:
      'Standard SKU public IPs are secure by default: without a network security group on the subnet or the NIC, no inbound traffic reaches the VM. Create an NSG that allows RDP from your IP and attach it to the NIC (or the subnet).',
    steps: [
      {
        os: 'azure-cli',
        label: 'Create an NSG',
        command: 'az network nsg create -g <resource-group> -n <vm-name>-nsg',
      },
      {
        os: 'azure-cli',
        label: 'Allow RDP from your public IP only',
        command:
          'az network nsg rule create -g <resource-group> --nsg-name <vm-name>-nsg -n Allow-RDP-from-client --priority 300 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes <client-ip>/32 --destination-port-ranges <backend-port>',
      },
      {
        os: 'azure-cli',
        label: "Attach it to the VM's NIC",
        command: 'az network nic update -g <resource-group> -n <nic-name> --network-security-group <vm-name>-nsg',
      },
    ],
  },
  'lb.nat-port-mismatch': {
    severity: 'blocker',
    source: 3,
    candidates: [5],
    title: "The load balancer's NAT rule does not lead to RDP on this VM",
    remedy:
      'You reach the VM through a load balancer, whose inbound NAT rules map a frontend port to a backend VM and port. The port you dial has no NAT rule, leads to another VM, or maps to a backend port RDP does not listen on. Dial the frontend port that maps to this VM, or fix the rule.',
    steps: [
      {
        os: 'azure-cli',
        label: "List the load balancer's inbound NAT rules",
        command: 'az network lb inbound-nat-rule list -g <lb-resource-group> --lb-name <lb-name> -o table',
      },
      {
        os: 'azure-cli',
        label: 'Point the NAT rule at the RDP port',
        command:
          'az network lb inbound-nat-rule update -g <lb-resource-group> --lb-name <lb-name> -n <nat-rule-name> --backend-port 3389',
      },
      {
        os: 'windows',
        label: 'Connect to the frontend port that maps to RDP',
        command: 'mstsc /v:{host}:<frontend-port>',
      },
    ],
  },
} as const satisfies Record<`azure.${string}` | `nsg.${string}` | `publicip.${string}` | `lb.${string}`, CatalogEntry>;
