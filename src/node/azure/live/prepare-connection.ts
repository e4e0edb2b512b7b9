import { readFile } from 'node:fs/promises';
import { err, type InputError, inputError, ok, type Result } from '../../../core/result.js';
import type { ArmConnection } from './arm-clients.js';
import { pathWithAzureCli } from './az-path.js';
import { AZURE_CLOUDS, type AzureCloudName, withArmEndpoint } from './cloud.js';
import { type AzureSignIn, createCredential } from './credential.js';

/** What a connection is made of, as the CLI or the desktop app validated it. */
export interface ConnectionChoice {
  readonly signIn: AzureSignIn;
  readonly cloud: AzureCloudName;
  readonly armEndpoint: string | null;
  readonly armCaFile: string | null;
}

const MAX_CA_BYTES = 1024 * 1024;

async function readCaFile(path: string): Promise<Result<string, InputError>> {
  const input = '--arm-ca';
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CA_BYTES)
      return err(inputError(input, `${path} is larger than 1 MiB; expected PEM certificates.`));
    text = bytes.toString('utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? 'unreadable';
    return err(inputError(input, `${path} cannot be read (${code}); expected a PEM file of CA certificates.`));
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return err(inputError(input, `${path} holds no PEM certificate; expected -----BEGIN CERTIFICATE----- blocks.`));
  }
  return ok(text);
}

/** Builds the connection to Resource Manager: the cloud (or a private endpoint and its CA) and the credential. */
export async function prepareConnection(choice: ConnectionChoice): Promise<Result<ArmConnection, InputError>> {
  const base = AZURE_CLOUDS[choice.cloud];
  const cloud = choice.armEndpoint === null ? base : withArmEndpoint(base, choice.armEndpoint);
  let ca: string | null = null;
  if (choice.armCaFile !== null) {
    const read = await readCaFile(choice.armCaFile);
    if (read.kind === 'err') return read;
    ca = read.value;
  }
  if (choice.signIn.kind === 'cli') {
    // The identity library runs `az` with this process's PATH; a macOS app started from Finder lacks Homebrew's.
    const path = pathWithAzureCli(process.env.PATH, process.platform);
    if (path !== undefined) process.env.PATH = path;
  }
  const signedIn = createCredential(choice.signIn, cloud);
  if (signedIn.kind === 'err') return signedIn;
  return ok({ cloud, signedIn: signedIn.value, ca });
}
