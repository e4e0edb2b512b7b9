import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, FINDING_CODES } from '../../../src/core/findings/catalog.js';
import { renderFindingsDoc } from '../../../src/core/findings/findings-doc.js';

describe('finding catalog', () => {
  it('uses stable dotted codes, a title and a plain remedy for every entry', () => {
    for (const code of FINDING_CODES) {
      expect(code).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      const entry = CATALOG[code];
      expect(entry.title.length).toBeGreaterThan(5);
      expect(entry.remedy.length).toBeGreaterThan(20);
      expect(entry.candidates).not.toContain(entry.source);
    }
  });

  it('is what docs/findings.md says (run `npm run findings-doc` after changing it)', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'findings.md'), 'utf8');
    expect(doc).toBe(renderFindingsDoc());
  });

  it('gives the flush command for each OS for a stale cache', () => {
    const commands = CATALOG['dns.stale-cache'].steps.map((s) => `${s.os}: ${s.command}`);
    expect(commands).toEqual([
      'windows: ipconfig /flushdns',
      'macos: sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder',
      'linux: resolvectl flush-caches',
    ]);
  });
});
