import { z } from 'zod';
import { flattenProperties, schemaError } from '../nsg/json-input.js';
import { err, type InputError, ok, type Result } from '../result.js';
import { resourceGroupOf } from './resource-id.js';
import type { AzureVm } from './snapshot-schema.js';

const text = z.string().nullish();
const status = z.object({ code: text, displayStatus: text, message: text });

const instanceViewSchema = z.object({
  computerName: text,
  statuses: z.array(status).nullish(),
  vmAgent: z.object({ vmAgentVersion: text, statuses: z.array(status).nullish() }).nullish(),
  bootDiagnostics: z.object({ consoleScreenshotBlobUri: text }).nullish(),
});

const nicRef = z.preprocess(flattenProperties, z.object({ id: z.string(), primary: z.boolean().nullish() }));

const vmSchema = z.preprocess(
  flattenProperties,
  z.object({
    id: text,
    name: text,
    location: text,
    resourceGroup: text,
    provisioningState: text,
    osProfile: z.object({ computerName: text }).nullish(),
    networkProfile: z.object({ networkInterfaces: z.array(nicRef).nullish() }).nullish(),
    diagnosticsProfile: z.object({ bootDiagnostics: z.object({ enabled: z.boolean().nullish() }).nullish() }).nullish(),
    instanceView: instanceViewSchema.nullish(),
    // `az vm show -d` adds these at the top level, each a comma-separated string.
    powerState: text,
    publicIps: text,
    privateIps: text,
    fqdns: text,
  }),
);

const EXPECTED = 'a virtual machine (`az vm show -d`, VM GET or its instance view)';

function split(list: string | null | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function powerStateOf(
  statuses: readonly z.infer<typeof status>[],
  cliPowerState: string | null | undefined,
): AzureVm['powerState'] {
  const power = statuses.find((s) => s.code?.toLowerCase().startsWith('powerstate/'));
  if (power?.code != null) {
    const code = power.code.slice('powerstate/'.length).toLowerCase();
    return { code, display: power.displayStatus ?? `VM ${code}` };
  }
  if (cliPowerState == null || cliPowerState.trim() === '') return null;
  const code = cliPowerState
    .trim()
    .replace(/^VM\s+/i, '')
    .toLowerCase();
  return { code, display: cliPowerState.trim() };
}

function provisioningOf(statuses: readonly z.infer<typeof status>[], given: string | null | undefined): string | null {
  if (given != null) return given;
  const status = statuses.find((s) => s.code?.toLowerCase().startsWith('provisioningstate/'));
  return status?.code == null ? null : status.code.slice('provisioningstate/'.length);
}

/**
 * Reads a VM from `az vm show -d` (properties flattened, `powerState`, `publicIps`… at the top level), a
 * VM GET (with or without `$expand=instanceView`) or a bare instance view.
 */
export function readVm(value: unknown, input: string, bareInstanceView = false): Result<AzureVm, InputError> {
  const parsed = vmSchema.safeParse(bareInstanceView ? { instanceView: value } : value);
  if (!parsed.success) return err(schemaError(parsed.error, input, EXPECTED));
  const vm = parsed.data;
  const view = vm.instanceView;
  const statuses = view?.statuses ?? [];
  const agent = view?.vmAgent?.statuses?.[0];
  const enabled = vm.diagnosticsProfile?.bootDiagnostics?.enabled ?? null;
  const screenshotUri = view?.bootDiagnostics?.consoleScreenshotBlobUri ?? null;
  return ok({
    input,
    id: vm.id ?? null,
    name: vm.name ?? null,
    resourceGroup: vm.resourceGroup ?? (vm.id == null ? null : resourceGroupOf(vm.id)),
    location: vm.location ?? null,
    computerName: vm.osProfile?.computerName ?? view?.computerName ?? null,
    powerState: powerStateOf(statuses, vm.powerState),
    provisioningState: provisioningOf(statuses, vm.provisioningState),
    vmAgent:
      agent?.displayStatus == null
        ? null
        : {
            status: agent.displayStatus,
            message: agent.message ?? null,
            version: view?.vmAgent?.vmAgentVersion ?? null,
          },
    bootDiagnostics: enabled === null && screenshotUri === null ? null : { enabled, screenshotUri },
    nics: (vm.networkProfile?.networkInterfaces ?? []).map((nic) => ({ id: nic.id, primary: nic.primary ?? null })),
    publicIps: split(vm.publicIps),
    privateIps: split(vm.privateIps),
    fqdns: split(vm.fqdns),
  });
}

function pick<T>(a: T | null, b: T | null): T | null {
  return a ?? b;
}

/** Merges two views of one VM (e.g. `az vm show -d` and its instance view): known values win over nulls. */
export function mergeVm(a: AzureVm, b: AzureVm): AzureVm {
  const union = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
  return {
    input: a.input === b.input ? a.input : `${a.input} + ${b.input}`,
    id: pick(a.id, b.id),
    name: pick(a.name, b.name),
    resourceGroup: pick(a.resourceGroup, b.resourceGroup),
    location: pick(a.location, b.location),
    computerName: pick(a.computerName, b.computerName),
    powerState: pick(a.powerState, b.powerState),
    provisioningState: pick(a.provisioningState, b.provisioningState),
    vmAgent: pick(a.vmAgent, b.vmAgent),
    bootDiagnostics:
      a.bootDiagnostics === null || b.bootDiagnostics === null
        ? pick(a.bootDiagnostics, b.bootDiagnostics)
        : {
            enabled: a.bootDiagnostics.enabled ?? b.bootDiagnostics.enabled,
            screenshotUri: a.bootDiagnostics.screenshotUri ?? b.bootDiagnostics.screenshotUri,
          },
    nics: a.nics.length > 0 ? a.nics : b.nics,
    publicIps: union(a.publicIps, b.publicIps),
    privateIps: union(a.privateIps, b.privateIps),
    fqdns: union(a.fqdns, b.fqdns),
  };
}
