import type { Report } from '../../core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';
import { readInputFile } from '../read-input-file.js';
import { parseReportJson } from '../report-file.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { type LoadedBundle, parseBundle } from './parse-bundle.js';

/** What `show` and `compare` get from a file: a bundle (with its manifest) or a plain JSON report. */
export type LoadedReport =
  | { readonly kind: 'bundle'; readonly report: Report; readonly manifest: LoadedBundle['manifest'] }
  | { readonly kind: 'report-json'; readonly report: Report };

/** A plain JSON report is at most this large (as `readReportFile` allows). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

/**
 * Reads and validates a probe bundle (.zip) from an untrusted source: bounded in every size, never
 * extracted to disk, refused with a message that says what is wrong.
 */
export async function readBundle(path: string): Promise<Result<LoadedBundle, InputError>> {
  const bytes = await readInputFile(path, 'an rdp-probe bundle (.zip)', BUNDLE_LIMITS.fileBytes);
  if (bytes.kind === 'err') return bytes;
  if (!isZip(bytes.value)) {
    return err(inputError(`file ${path}`, `${path} is not a zip archive; expected an rdp-probe bundle (.zip).`));
  }
  return parseBundle(bytes.value, path);
}

/**
 * Reads a bundle or a JSON report saved with `--json`, telling them apart by content: what
 * `rdp-probe show FILE` and `rdp-probe compare A B` call.
 */
export async function readReportOrBundle(path: string): Promise<Result<LoadedReport, InputError>> {
  const what = 'an rdp-probe bundle (.zip) or a report saved with --json';
  const bytes = await readInputFile(path, what, BUNDLE_LIMITS.fileBytes);
  if (bytes.kind === 'err') return bytes;
  if (isZip(bytes.value)) {
    const bundle = parseBundle(bytes.value, path);
    return bundle.kind === 'err' ? bundle : ok({ kind: 'bundle', ...bundle.value });
  }
  if (bytes.value.length > MAX_JSON_BYTES) {
    return err(inputError(`file ${path}`, `${path} is ${bytes.value.length} bytes and not a zip; expected ${what}.`));
  }
  const report = parseReportJson(new TextDecoder().decode(bytes.value), path);
  return report.kind === 'err' ? report : ok({ kind: 'report-json', report: report.value });
}
