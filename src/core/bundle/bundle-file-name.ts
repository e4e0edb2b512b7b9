import type { Report } from '../report-schema.js';
import type { RedactionOptions } from './redaction-options.js';

/** The extension the desktop app registers for bundles (a zip inside, as `rdp-probe --out` writes). */
export const BUNDLE_EXTENSION = 'rdpprobe';

/**
 * The file name the save dialog proposes for a bundle: the target's host and the time, unless names or
 * addresses are masked, since the file name travels with the bundle and would give the host away.
 */
export function bundleFileName(report: Report, redaction: RedactionOptions, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const hides = redaction.hostNames || redaction.publicIps || redaction.privateIps;
  const host = report.target.host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 64);
  return hides ? `rdp-probe-${stamp}.${BUNDLE_EXTENSION}` : `rdp-probe-${host}-${stamp}.${BUNDLE_EXTENSION}`;
}
