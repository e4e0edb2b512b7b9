import { basename } from 'node:path';
import type {
  BundleCompareResponse,
  BundleExportResponse,
  BundleOpenResponse,
  FileActionFailure,
  InvokeChannels,
} from '../../api.js';
import { bundleFileName } from '../../core/bundle/bundle-file-name.js';
import { redactedCategories } from '../../core/bundle/redaction-categories.js';
import { compareReports } from '../../core/compare.js';
import type { Report } from '../../core/report-schema.js';
import { inputError } from '../../core/result.js';
import { readReportOrBundle } from './read-bundle.js';
import { writeBundle } from './write-bundle.js';

/**
 * The native file dialogs the engine asks for paths: main implements them with Electron's dialogs,
 * tests with temp files. Paths never come from the renderer, so a compromised page cannot make the
 * engine read or overwrite a file the user did not pick. Null means the user cancelled.
 */
export interface FileDialogs {
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Asks for `count` files, one after the other; null when the user cancelled any of them. */
  chooseOpenPaths(count: number): Promise<string[] | null>;
  /**
   * Asks for the file holding check-rdp.ps1's output an admin saved (text, or the JSON of `az vm run-command
   * invoke`); null when cancelled. Absent: this engine cannot import it (answered as such).
   */
  chooseVmCheckOutput?(): Promise<string | null>;
}

type Handler<K extends keyof InvokeChannels> = (
  request: InvokeChannels[K]['request'],
) => Promise<InvokeChannels[K]['response']>;

/** The handlers of the bundle channels. */
export interface BundleActions {
  readonly export: Handler<'bundle:export'>;
  readonly open: Handler<'bundle:open'>;
  readonly compare: Handler<'bundle:compare'>;
}

const NO_DIALOGS: FileActionFailure = {
  kind: 'invalid',
  error: inputError('file dialog', 'This engine has no file dialogs: bundles are saved and opened in the desktop app.'),
};

/** Distinct display names for two files: their base names, numbered when they are the same. */
function namesOf(paths: readonly [string, string]): [string, string] {
  const [a, b] = [basename(paths[0]), basename(paths[1])];
  return a === b ? [`${a} (first)`, `${b} (second)`] : [a, b];
}

/** Creates the bundle handlers over the dialogs and the engine's recent reports. */
export function createBundleActions(
  dialogs: FileDialogs | undefined,
  reportOf: (runId: string) => Report | undefined,
): BundleActions {
  async function exportBundle({
    runId,
    redaction,
  }: InvokeChannels['bundle:export']['request']): Promise<BundleExportResponse> {
    const report = reportOf(runId);
    if (report === undefined) {
      return {
        kind: 'invalid',
        error: inputError('run', 'The report of that probe is no longer kept; run the probe again, then export.'),
      };
    }
    if (dialogs === undefined) return NO_DIALOGS;
    const path = await dialogs.chooseSavePath(bundleFileName(report, redaction));
    if (path === null) return { kind: 'cancelled' };
    // The native save dialog already asked before replacing a file, so the write may overwrite.
    const written = await writeBundle(report, { path, force: true, redaction });
    if (written.kind === 'err') return { kind: 'invalid', error: written.error };
    return { kind: 'saved', ...written.value, redacted: redactedCategories(redaction) };
  }

  async function open(): Promise<BundleOpenResponse> {
    if (dialogs === undefined) return NO_DIALOGS;
    const [path] = (await dialogs.chooseOpenPaths(1)) ?? [];
    if (path === undefined) return { kind: 'cancelled' };
    const loaded = await readReportOrBundle(path);
    if (loaded.kind === 'err') return { kind: 'invalid', error: loaded.error };
    const value = loaded.value;
    return {
      kind: 'opened',
      name: basename(path),
      format: value.kind,
      redacted: value.kind === 'bundle' ? value.manifest.redaction.categories : null,
      report: value.report,
    };
  }

  async function compare(): Promise<BundleCompareResponse> {
    if (dialogs === undefined) return NO_DIALOGS;
    const paths = await dialogs.chooseOpenPaths(2);
    if (paths === null) return { kind: 'cancelled' };
    const [a, b] = paths;
    if (a === undefined || b === undefined || paths.length !== 2) {
      return { kind: 'invalid', error: inputError('files', 'Compare needs exactly two files.') };
    }
    const loaded = await Promise.all([readReportOrBundle(a), readReportOrBundle(b)]);
    const reports: Report[] = [];
    for (const one of loaded) {
      if (one.kind === 'err') return { kind: 'invalid', error: one.error };
      reports.push(one.value.report);
    }
    const names = namesOf([a, b]);
    const [ra, rb] = reports as [Report, Report];
    return { kind: 'compared', names, comparison: compareReports(ra, rb, names) };
  }

  return { export: exportBundle, open, compare };
}
