// A local Azure Resource Manager over HTTPS for tests (127.0.0.1 only). Usage:
//   const emulator = await startArmEmulator();
//   const world = installVmWorld(emulator, { nicNsgRules: [...] });
//   const network = new NetworkManagementClient(new StaticTokenCredential(), world.subscriptionId,
//     armClientOptions(emulator));                       // endpoint + tlsOptions.ca (+ fast retries)
//   await network.networkInterfaces.listEffectiveNetworkSecurityGroups(rg, nic, FAST_POLLING);
//   await emulator.close();
// Long-running operations: pass `updateIntervalInMs` (FAST_POLLING) per operation; core-lro ignores
// `Retry-After: 0` and would wait 2 s between polls. Files: server.ts (HTTPS, recording, latency), router.ts
// (what ARM answers), store.ts (resources by case-insensitive id), lro.ts (202 + Azure-AsyncOperation +
// Location), activity-log.ts ($filter), world*.ts (a coherent VM world from the official example bodies),
// effective-nsg.ts and ip-flow-verify.ts (the default action handlers).
export {
  type ArmErrorAnswer,
  authorizationFailedError,
  EMULATOR_CALLER_OBJECT_ID,
  resourceNotFoundError,
} from './arm-errors.js';
export { type ArmClientOptions, armClientOptions, FAST_POLLING } from './client-options.js';
export { effectiveNsgList } from './effective-nsg.js';
export { azureExamplesDir, exampleObject, exampleResponseBody } from './examples.js';
export { armRuleName, ipFlowVerifyAnswer } from './ip-flow-verify.js';
export { idKey, parsePath } from './resource-path.js';
export { startArmEmulator } from './server.js';
export { NAMESPACE_BRIDGE_HOST } from './tls.js';
export type {
  ActionAnswer,
  ActionHandler,
  ArmEmulator,
  ArmEmulatorOptions,
  ArmErrorDetail,
  ArmRequestRecord,
} from './types.js';
export { installVmWorld, type VmWorld, type VmWorldOptions, WORLD_TENANT_ID } from './world.js';
