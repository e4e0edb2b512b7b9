import {
  type AzureDocument,
  type AzureProblem,
  type AzureSnapshot,
  buildAzureSnapshot,
  parseAzureJsonText,
} from '../../../core/azure/index.js';
import { err, type InputError, inputError, ok, type Result } from '../../../core/result.js';
import { readInputFile } from '../../read-input-file.js';
import { decodeSavedText } from './decode-json-file.js';
import { listInputFiles } from './list-input-files.js';

/**
 * Largest file read. An effective-NSG list with its service-tag map is the biggest `az` output here (a few
 * MiB); the cap keeps an untrusted or mistaken input (a disk image, a log) from exhausting memory.
 */
export const MAX_AZURE_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads the JSON an admin saved from `az vm show -d`, `az network nic show`, `az network nic
 * list-effective-nsg`, `az network nsg show`, `az network public-ip show`, `az network lb show` and `az
 * network watcher test-ip-flow` (files, or folders of `*.json`), recognising each by its content. Files that
 * cannot be used become the snapshot's `problems`; it is an error only when a path is missing or nothing at
 * all could be used (then the message names the first bad file and why).
 */
export async function readAzureSnapshot(paths: readonly string[]): Promise<Result<AzureSnapshot, InputError>> {
  const files = await listInputFiles(paths);
  if (files.kind === 'err') return files;
  const documents: AzureDocument[] = [];
  const problems: AzureProblem[] = [];
  for (const path of files.value) {
    const input = `file ${path}`;
    const bytes = await readInputFile(path, 'JSON saved from az', MAX_AZURE_FILE_BYTES);
    if (bytes.kind === 'err') {
      problems.push({ input: bytes.error.input, message: bytes.error.message });
      continue;
    }
    const json = parseAzureJsonText(decodeSavedText(bytes.value), input);
    if (json.kind === 'err') problems.push({ input, message: json.error.message });
    else documents.push({ input, value: json.value });
  }
  const built = buildAzureSnapshot(documents, { kind: 'offline', inputs: files.value }, problems);
  if (built.usedDocuments > 0) return ok(built.snapshot);
  const [first, ...rest] = built.snapshot.problems;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  const message = first === undefined ? 'No Azure data found.' : `${first.message}${more}`;
  return err(inputError('--azure-snapshot', message));
}
