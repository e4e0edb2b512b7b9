import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import { createRedactor } from '../../core/bundle/create-redactor.js';
import { type EvidenceFile, reportEvidenceFiles } from '../../core/bundle/evidence-files.js';
import { BUNDLE_SCHEMA_VERSION, type BundleManifest } from '../../core/bundle/manifest-schema.js';
import { keyIdOf } from '../../core/bundle/mask.js';
import { evidenceMemberName, unsafeMemberName } from '../../core/bundle/member-name.js';
import { applyRedactor } from '../../core/bundle/redact-report.js';
import { redactedCategories } from '../../core/bundle/redaction-categories.js';
import type { RedactionOptions } from '../../core/bundle/redaction-options.js';
import { renderReportHtml } from '../../core/bundle/render-report-html.js';
import { type Report, SCHEMA_VERSION } from '../../core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';
import { TOOL_VERSION } from '../../version.js';
import { writeFileAtomic } from './atomic-write.js';
import { createRedactionKey } from './keyed-hash.js';
import { localKnownValues } from './local-values.js';

/** What `rdp-probe --out FILE` and the UI's export pass. */
export interface WriteBundleOptions {
  readonly path: string;
  /** Overwrite an existing file (`--force`); otherwise an existing file is refused. */
  readonly force: boolean;
  readonly redaction: RedactionOptions;
  /** Extra evidence (raw command output, proxy replies, PEM certificates): UTF-8 text, redacted like the report. */
  readonly evidenceFiles?: readonly EvidenceFile[];
}

const utf8 = new TextEncoder();

/** Evidence file names that hold process lists, dropped when `processLists` is masked. */
const PROCESS_LIST = /(^|\/)process(es|-list)?[^/]*$/i;

function evidenceText(file: EvidenceFile): string | null {
  if (typeof file.content === 'string') return file.content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.content);
  } catch {
    return null;
  }
}

/**
 * Writes a probe bundle: one .zip with manifest.json, report.json, report.html and evidence/, all
 * redacted before anything is written (credentials and tokens always). Atomic: a failed write leaves
 * nothing behind and never destroys an existing file; an existing file is refused without `force`.
 */
export async function writeBundle(
  report: Report,
  options: WriteBundleOptions,
): Promise<Result<{ path: string; bytes: number }, InputError>> {
  const path = resolve(options.path);
  const key = createRedactionKey(options.redaction.key);
  const redact = createRedactor(report, options.redaction, key.hash, localKnownValues());
  const redacted = applyRedactor(report, redact);
  const categories = redactedCategories(options.redaction);
  const members = new Map<string, Uint8Array>([
    ['report.json', utf8.encode(`${JSON.stringify(redacted, null, 2)}\n`)],
    ['report.html', utf8.encode(renderReportHtml(redacted, { redacted: categories }))],
  ]);
  const extra = (options.evidenceFiles ?? []).filter(
    (f) => !(options.redaction.processLists && PROCESS_LIST.test(f.name)),
  );
  for (const file of [...reportEvidenceFiles(redacted), ...extra]) {
    const text = evidenceText(file);
    const name = evidenceMemberName(redact(file.name));
    const unsafe = unsafeMemberName(name);
    if (text === null)
      return err(inputError('evidence', `Evidence file ${file.name} is not UTF-8 text; bundles carry text only.`));
    if (unsafe !== null) return err(inputError('evidence', `Evidence file name ${file.name} ${unsafe}.`));
    if (members.has(name)) return err(inputError('evidence', `Two evidence files are named ${name}.`));
    members.set(name, utf8.encode(redact(text)));
  }
  const manifest: BundleManifest = {
    bundleSchemaVersion: BUNDLE_SCHEMA_VERSION,
    app: { name: 'rdp-probe', version: TOOL_VERSION },
    platform: { os: redacted.platform.os, release: redacted.platform.release, arch: redacted.platform.arch },
    createdAt: new Date().toISOString(),
    reportSchemaVersion: SCHEMA_VERSION,
    redaction: { categories, key: key.kind, keyId: keyIdOf(key.hash) },
    files: [...members].map(([name, data]) => ({
      name,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    })),
  };
  const zip = zipSync(
    { 'manifest.json': utf8.encode(`${JSON.stringify(manifest, null, 2)}\n`), ...Object.fromEntries(members) },
    { level: 6, mtime: new Date(manifest.createdAt) },
  );
  const written = await writeFileAtomic(path, zip, { force: options.force, input: '--out' });
  return written.kind === 'err' ? written : ok({ path, bytes: zip.length });
}
