import { exampleObject, isRecord } from './examples.js';

// The VM of a world and its instance view, from VirtualMachine_Get.json and VirtualMachine_Get_InstanceView.json.

type Json = Record<string, unknown>;

function props(body: Json): Json {
  if (!isRecord(body.properties)) body.properties = {};
  return body.properties as Json;
}

/** Where the VM lives. */
export interface VmNames {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly vmName: string;
  readonly vmId: string;
  readonly nicId: string;
  readonly location: string;
}

function diskId(names: VmNames, disk: string): string {
  return `/subscriptions/${names.subscriptionId}/resourceGroups/${names.resourceGroup}/providers/Microsoft.Compute/disks/${disk}`;
}

function diskNames(names: VmNames): { os: string; data: (lun: number) => string } {
  return { os: `${names.vmName}_OsDisk`, data: (lun) => `${names.vmName}_DataDisk_${lun}` };
}

/** The VM, its NIC referenced as primary; references to resources the world lacks removed. */
export function vmBody(names: VmNames): Json {
  const body = exampleObject('compute/VirtualMachine_Get.json');
  Object.assign(body, { name: names.vmName, id: names.vmId, location: names.location });
  // The example VM belongs to a scale set, an availability set, a placement group and a gallery: not ours.
  delete body.managedBy;
  const properties = props(body);
  for (const key of ['availabilitySet', 'proximityPlacementGroup', 'applicationProfile', 'userData']) {
    delete properties[key];
  }
  if (isRecord(properties.osProfile)) properties.osProfile.computerName = names.vmName;
  properties.networkProfile = { networkInterfaces: [{ id: names.nicId, properties: { primary: true } }] };
  properties.diagnosticsProfile = { bootDiagnostics: { enabled: true } };
  const storage = isRecord(properties.storageProfile) ? properties.storageProfile : {};
  const disks = diskNames(names);
  if (isRecord(storage.osDisk)) {
    storage.osDisk.name = disks.os;
    if (isRecord(storage.osDisk.managedDisk)) storage.osDisk.managedDisk.id = diskId(names, disks.os);
  }
  if (Array.isArray(storage.dataDisks)) {
    for (const disk of storage.dataDisks) {
      if (!isRecord(disk)) continue;
      disk.name = disks.data(Number(disk.lun));
      if (isRecord(disk.managedDisk)) disk.managedDisk.id = diskId(names, disks.data(Number(disk.lun)));
    }
  }
  if (Array.isArray(body.resources)) {
    for (const extension of body.resources) {
      if (!isRecord(extension)) continue;
      extension.id = `${names.vmId}/extensions/${String(extension.name)}`;
      extension.location = names.location;
    }
  }
  return body;
}

const POWER_DISPLAY: Record<string, string> = {
  running: 'VM running',
  deallocated: 'VM deallocated',
  deallocating: 'VM deallocating',
  stopped: 'VM stopped',
  stopping: 'VM stopping',
  starting: 'VM starting',
};

/**
 * The instance view: the power state, and the VM agent's status (`Ready`, or `Not Ready` as Azure shows an
 * unresponsive agent). A VM that is not running and whose agent status is not given has no agent section
 * and no guest OS details, as Azure reports a deallocated VM.
 */
export function instanceViewBody(
  names: VmNames,
  powerState: string,
  vmAgentStatus: 'Ready' | 'Not Ready' | undefined,
): Json {
  const body = exampleObject('compute/VirtualMachine_Get_InstanceView.json');
  body.computerName = names.vmName;
  const statuses = Array.isArray(body.statuses) ? body.statuses : [];
  const provisioning = statuses.find(
    (status) => isRecord(status) && String(status.code).startsWith('ProvisioningState'),
  );
  body.statuses = [
    ...(provisioning === undefined ? [] : [provisioning]),
    {
      code: `PowerState/${powerState}`,
      level: 'Info',
      displayStatus: POWER_DISPLAY[powerState] ?? `VM ${powerState}`,
    },
  ];
  const agentStatus = vmAgentStatus ?? (powerState === 'running' ? 'Ready' : undefined);
  if (agentStatus === undefined) {
    for (const key of ['vmAgent', 'computerName', 'osName', 'osVersion']) delete body[key];
  } else if (isRecord(body.vmAgent)) {
    body.vmAgent.statuses = [
      agentStatus === 'Ready'
        ? {
            code: 'ProvisioningState/succeeded',
            level: 'Info',
            displayStatus: 'Ready',
            message: 'GuestAgent is running and accepting new configurations.',
            time: new Date().toISOString(),
          }
        : {
            code: 'ProvisioningState/Unavailable',
            level: 'Warning',
            displayStatus: 'Not Ready',
            message: 'VM Agent is unresponsive.',
            time: new Date().toISOString(),
          },
    ];
  }
  // The example's extension (IaaSAntimalware) is not the VM example's (CustomScriptExtension-DSC): align them.
  const extension = { type: 'Microsoft.Compute.CustomScriptExtension', typeHandlerVersion: '1.9' };
  if (isRecord(body.vmAgent) && Array.isArray(body.vmAgent.extensionHandlers)) {
    body.vmAgent.extensionHandlers = body.vmAgent.extensionHandlers.map((handler) =>
      isRecord(handler) ? { ...handler, ...extension } : handler,
    );
  }
  if (Array.isArray(body.extensions)) {
    body.extensions = body.extensions.map((status) =>
      isRecord(status)
        ? {
            ...status,
            ...extension,
            name: 'CustomScriptExtension-DSC',
            statuses: [
              {
                code: 'ProvisioningState/succeeded',
                level: 'Info',
                displayStatus: 'Provisioning succeeded',
                message: 'Command execution finished',
              },
            ],
          }
        : status,
    );
  }
  const disks = diskNames(names);
  if (Array.isArray(body.disks)) {
    body.disks.forEach((disk, index) => {
      if (isRecord(disk)) disk.name = index === 0 ? disks.os : disks.data(index - 1);
    });
  }
  // The example's boot diagnostics URIs carry `{myStorageAccount}` placeholders.
  delete body.bootDiagnostics;
  return body;
}
