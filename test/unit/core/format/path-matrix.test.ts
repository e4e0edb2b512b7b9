import { describe, expect, it } from 'vitest';
import { styles } from '../../../../src/core/format/ansi.js';
import { pathMatrix, renderPathMatrix } from '../../../../src/core/format/path-matrix.js';
import type { CheckResult } from '../../../../src/core/report-schema.js';

function check(id: CheckResult['id'], path: string, status: CheckResult['status']): CheckResult {
  return {
    id,
    path,
    title: id,
    status,
    summary: '',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    evidence: null,
  };
}

describe('the path × check matrix', () => {
  it('is absent with one path', () => {
    expect(pathMatrix([check('tcp.connect', 'direct', 'pass'), check('rdp.negotiate', 'direct', 'pass')])).toBeNull();
  });

  it('lines up the checks of every path, direct first, with · where a check did not run', () => {
    const checks = [
      check('dns.os', 'direct', 'pass'),
      check('tcp.connect', 'direct', 'fail'),
      check('rdp.negotiate', 'direct', 'skipped'),
      check('proxy.connect', 'proxy:http://198.51.100.1:3128', 'pass'),
      check('rdp.negotiate', 'proxy:http://198.51.100.1:3128', 'pass'),
    ];
    expect(pathMatrix(checks)).toEqual({
      paths: ['direct', 'proxy:http://198.51.100.1:3128'],
      rows: [
        { id: 'tcp.connect', cells: ['fail', null] },
        { id: 'proxy.connect', cells: [null, 'pass'] },
        { id: 'rdp.negotiate', cells: ['skipped', 'pass'] },
      ],
    });
    expect(renderPathMatrix(checks, styles(false))).toEqual([
      'Paths side by side',
      'check          direct     proxy:http://198.51.100.1:3128',
      'tcp.connect    ✗ fail     ·',
      'proxy.connect  ·          ✓ pass',
      'rdp.negotiate  - skipped  ✓ pass',
    ]);
  });
});
