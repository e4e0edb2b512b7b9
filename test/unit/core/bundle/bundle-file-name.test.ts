import { describe, expect, it } from 'vitest';
import { bundleFileName } from '../../../../src/core/bundle/bundle-file-name.js';
import { FULL_REDACTION, NO_REDACTION } from '../../../../src/core/bundle/redaction-categories.js';
import { sensitiveReport } from '../../../support/bundle-report.js';

describe('bundleFileName', () => {
  const when = new Date('2026-11-25T10:07:00.000Z');

  it('names the host and the time when nothing identifying is masked', () => {
    expect(bundleFileName(sensitiveReport(), NO_REDACTION, when)).toBe(
      'rdp-probe-myvm.westeurope.cloudapp.azure.com-20261125-1007.rdpprobe',
    );
  });

  it('leaves the host out when names or addresses are masked, since the name travels with the file', () => {
    for (const redaction of [
      FULL_REDACTION,
      { ...NO_REDACTION, hostNames: true },
      { ...NO_REDACTION, publicIps: true },
    ]) {
      expect(bundleFileName(sensitiveReport(), redaction, when)).toBe('rdp-probe-20261125-1007.rdpprobe');
    }
  });
});
