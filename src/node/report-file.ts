import { type Report, ReportSchema, SCHEMA_VERSION } from '../core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { readInputFile } from './read-input-file.js';

/** Reports are a few hundred kilobytes at most. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;

/** Validates untrusted JSON as a report; the message names the file and the first problem. */
export function parseReportJson(text: string, name: string): Result<Report, InputError> {
  const input = `file ${name}`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return err(
      inputError(input, `${name} is not JSON (${(error as Error).message}); expected a report saved with --json.`),
    );
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return err(
      inputError(
        input,
        `${name} is a report of schema version ${version}; this version of rdp-probe reads version ${SCHEMA_VERSION}: update rdp-probe.`,
      ),
    );
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    return err(inputError(input, `${name} is not an rdp-probe report: at ${where}, ${issue?.message ?? 'invalid'}.`));
  }
  return ok(parsed.data);
}

/** Reads and validates a report file. */
export async function readReportFile(path: string): Promise<Result<Report, InputError>> {
  const bytes = await readInputFile(path, 'a report saved with rdp-probe --json', MAX_REPORT_BYTES);
  if (bytes.kind === 'err') return bytes;
  return parseReportJson(new TextDecoder().decode(bytes.value), path);
}
