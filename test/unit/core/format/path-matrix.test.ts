import { describe, expect, it } from 'vitest';
import { styles } from '../../../../src/core/format/ansi.js';
import { pathDifferences, pathMatrix, renderPathMatrix } from '../../../../src/core/format/path-matrix.js';
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
      'Where the paths differ from direct:',
      '  rdp.negotiate: direct skipped → proxy:http://198.51.100.1:3128 pass',
    ]);
  });

  it('shows bound paths beside direct and says where they differ, as compare does', () => {
    const checks = [
      { ...check('tcp.connect', 'direct', 'pass'), summary: '198.18.32.1:3389 accepts connections.' },
      { ...check('rdp.negotiate', 'direct', 'pass'), summary: 'Negotiated TLS.' },
      { ...check('tcp.connect', 'bind:198.18.30.1', 'pass'), summary: 'Accepts connections from 198.18.30.1.' },
      { ...check('rdp.negotiate', 'bind:198.18.30.1', 'pass'), summary: 'Negotiated TLS.' },
      { ...check('tcp.connect', 'bind:198.18.31.1', 'fail'), summary: 'No connection from 198.18.31.1: filtered.' },
      { ...check('rdp.negotiate', 'bind:198.18.31.1', 'skipped'), summary: 'Not run.' },
    ];
    expect(pathDifferences(checks)).toEqual([
      {
        id: 'tcp.connect',
        path: 'bind:198.18.31.1',
        direct: 'pass',
        other: 'fail',
        summary: 'No connection from 198.18.31.1: filtered.',
      },
      { id: 'rdp.negotiate', path: 'bind:198.18.31.1', direct: 'pass', other: 'skipped', summary: 'Not run.' },
    ]);
    expect(renderPathMatrix(checks, styles(false))).toEqual([
      'Paths side by side',
      'check          direct  bind:198.18.30.1  bind:198.18.31.1',
      'tcp.connect    ✓ pass  ✓ pass            ✗ fail',
      'rdp.negotiate  ✓ pass  ✓ pass            - skipped',
      'Where the paths differ from direct:',
      '  tcp.connect: direct pass → bind:198.18.31.1 fail  No connection from 198.18.31.1: filtered.',
      '  rdp.negotiate: direct pass → bind:198.18.31.1 skipped  Not run.',
    ]);
  });
});
