/** The repairs RDP Probe can propose for the VM; each runs only after its own confirmation. */
export const VM_REPAIR_IDS = [
  'vm.repair.set-port',
  'vm.repair.enable-firewall-rules',
  'vm.repair.allow-connections',
  'vm.repair.start-service',
  'vm.repair.reset-rdp-config',
] as const;

/** A repair's id. */
export type VmRepairId = (typeof VM_REPAIR_IDS)[number];
