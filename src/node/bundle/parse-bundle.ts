import { createHash } from 'node:crypto';
import type { BundleManifest } from '../../core/bundle/manifest-schema.js';
import { unsafeMemberName } from '../../core/bundle/member-name.js';
import { parseManifest } from '../../core/bundle/parse-manifest.js';
import type { Report } from '../../core/report-schema.js';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';
import { parseReportJson } from '../report-file.js';
import { BUNDLE_LIMITS } from './bundle-limits.js';
import { listZipEntries, type ZipEntry } from './zip-entries.js';
import { readZipMember } from './zip-member.js';

/** A bundle after every check: its manifest and its report. */
export interface LoadedBundle {
  readonly manifest: BundleManifest;
  readonly report: Report;
}

/** Checks names and declared sizes of every member before a single byte is inflated. */
function checkEntries(entries: readonly ZipEntry[]): string | null {
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const unsafe = unsafeMemberName(entry.name);
    if (unsafe !== null) return `member "${entry.name}" ${unsafe}`;
    if (seen.has(entry.name)) return `member "${entry.name}" appears twice`;
    seen.add(entry.name);
    if (entry.size > BUNDLE_LIMITS.memberBytes) {
      return `member "${entry.name}" declares ${entry.size} bytes uncompressed; a member may have at most ${BUNDLE_LIMITS.memberBytes}`;
    }
    total += entry.size;
  }
  if (total > BUNDLE_LIMITS.totalBytes) {
    return `its members declare ${total} bytes uncompressed; a bundle may have at most ${BUNDLE_LIMITS.totalBytes}`;
  }
  return null;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Validates a bundle held in memory (never extracted): safe member names, bounded sizes, a manifest
 * of a known version, every member listed there with a matching SHA-256, and a valid report.
 * `name` (the file's path) names the bundle in messages.
 */
export function parseBundle(bytes: Uint8Array, name: string): Result<LoadedBundle, InputError> {
  const input = `file ${name}`;
  const refuse = (why: string) =>
    err(inputError(input, `${name} is not a usable rdp-probe bundle: ${why}; nothing was extracted.`));
  const listing = listZipEntries(bytes, BUNDLE_LIMITS.entries);
  if (listing.kind === 'err') return refuse(listing.why);
  const problem = checkEntries(listing.entries);
  if (problem !== null) return refuse(problem);
  const files = new Map(listing.entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, e]));
  const manifestEntry = files.get('manifest.json');
  if (manifestEntry === undefined) return refuse('it has no manifest.json');
  if (manifestEntry.size > BUNDLE_LIMITS.manifestBytes) return refuse('its manifest.json is too large');
  const manifestBytes = readZipMember(bytes, manifestEntry);
  if (manifestBytes.kind === 'err') return refuse(manifestBytes.why);
  let manifestData: unknown;
  try {
    manifestData = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes.data));
  } catch {
    return refuse('its manifest.json is not JSON');
  }
  const manifest = parseManifest(manifestData, name);
  if (manifest.kind === 'err') return manifest;
  const listed = new Set(manifest.value.files.map((f) => f.name));
  for (const member of files.keys()) {
    if (member !== 'manifest.json' && !listed.has(member))
      return refuse(`member "${member}" is not listed in manifest.json`);
  }
  const contents = new Map<string, Uint8Array>();
  for (const file of manifest.value.files) {
    const entry = files.get(file.name);
    if (entry === undefined) return refuse(`manifest.json lists "${file.name}", which the bundle lacks`);
    const member = readZipMember(bytes, entry);
    if (member.kind === 'err') return refuse(member.why);
    if (member.data.length !== file.bytes || sha256(member.data) !== file.sha256) {
      return refuse(`member "${file.name}" does not match its SHA-256 in manifest.json (altered or damaged)`);
    }
    contents.set(file.name, member.data);
  }
  const reportBytes = contents.get('report.json');
  if (reportBytes === undefined) return refuse('it has no report.json');
  const report = parseReportJson(new TextDecoder().decode(reportBytes), `report.json in ${name}`);
  if (report.kind === 'err') return err(inputError(input, report.error.message));
  return ok({ manifest: manifest.value, report: report.value });
}
