import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArmConnection } from '../../src/node/azure/live/arm-clients.js';
import { AZURE_CLOUDS, withArmEndpoint } from '../../src/node/azure/live/cloud.js';
import type { ArmEmulator } from './arm-emulator/index.js';
import { StaticTokenCredential } from './static-credential.js';

/** An NSG rule (ARM shape) allowing RDP only from the office range 203.0.113.0/24. */
export function officeOnlyRdpRule(name = 'Allow-RDP-Office'): unknown {
  return {
    name,
    properties: {
      priority: 300,
      protocol: 'Tcp',
      access: 'Allow',
      direction: 'Inbound',
      sourceAddressPrefix: '203.0.113.0/24',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      destinationPortRange: '3389',
    },
  };
}

/** A connection to the emulator as the engine makes one, with a stand-in credential and fast polling. */
export function emulatorConnection(emulator: ArmEmulator, credential = new StaticTokenCredential()): ArmConnection {
  return {
    cloud: withArmEndpoint(AZURE_CLOUDS.public, emulator.endpoint),
    signedIn: { credential, label: 'test credential' },
    ca: emulator.ca,
    pollIntervalMs: 5,
  };
}

/**
 * A stand-in `az` in `dir` for the real AzureCliCredential: it prints a fake token the way
 * `az account get-access-token --output json` does and, when `logFile` is given, records its arguments.
 */
export function writeStandInAz(dir: string, logFile?: string): void {
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const log = logFile === undefined ? '' : `echo "$@" >> '${logFile}'\n`;
  writeFileSync(
    join(dir, 'az'),
    `#!/bin/sh\n${log}echo '{"accessToken":"fake-cli-token","expiresOn":"2099-01-01 00:00:00.000000","expires_on":${expires},"tokenType":"Bearer"}'\n`,
  );
  chmodSync(join(dir, 'az'), 0o755);
}
