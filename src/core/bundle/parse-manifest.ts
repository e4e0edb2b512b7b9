import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { BUNDLE_SCHEMA_VERSION, type BundleManifest, BundleManifestSchema } from './manifest-schema.js';

/**
 * Validates an untrusted manifest.json. A newer bundleSchemaVersion is refused with "update rdp-probe";
 * an older one would be upgraded here (version 1 is the first, so there is none yet). `name` names the
 * bundle in messages.
 */
export function parseManifest(data: unknown, name: string): Result<BundleManifest, InputError> {
  const input = `file ${name}`;
  const version = (data as { bundleSchemaVersion?: unknown } | null)?.bundleSchemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > BUNDLE_SCHEMA_VERSION) {
    return err(
      inputError(
        input,
        `${name} is a bundle of version ${version}, made by a newer rdp-probe; this version reads bundle version ${BUNDLE_SCHEMA_VERSION}: update rdp-probe.`,
      ),
    );
  }
  const parsed = BundleManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    return err(inputError(input, `${name} has an invalid manifest.json: at ${where}, ${issue?.message ?? 'invalid'}.`));
  }
  return ok(parsed.data);
}
