import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The layer rule lives in the lint config (biome.json): pure src/core imports nothing platform-specific,
// and nothing in src/ imports electron or react. This runs the real linter on files that break it.
const root = join(import.meta.dirname, '..', '..');
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const lab = mkdtempSync(join(tmpdir(), 'rdp-probe-lint-'));
afterAll(() => rmSync(lab, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
writeFileSync(join(lab, 'biome.json'), JSON.stringify({ ...config, $schema: undefined, vcs: { enabled: false } }));

function lint(path: string, source: string): string {
  mkdirSync(join(lab, path, '..'), { recursive: true });
  writeFileSync(join(lab, path), source);
  try {
    execFileSync(process.execPath, [biome, 'lint', '--max-diagnostics=50', path], {
      cwd: lab,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '') + String((error as { stderr?: string }).stderr ?? '');
  }
}

describe('layer rules in the lint config', () => {
  it('keeps node:, electron and src/node imports out of src/core', () => {
    const out = lint(
      'src/core/bad.ts',
      "import { readFileSync } from 'node:fs';\nimport { app } from 'electron';\nimport { x } from '../node/probe.js';\n\nexport const y = [readFileSync, app, x];\n",
    );
    expect(out).toContain('src/core is pure and runs in the renderer: no node: imports');
    expect(out).toContain('src/core is pure: no electron.');
    expect(out).toContain('src/core must not import node or CLI code.');
  });

  it('keeps electron and react out of src/node, but allows node: there', () => {
    const out = lint(
      'src/node/bad.ts',
      "import { readFileSync } from 'node:fs';\nimport React from 'react';\n\nexport const y = [readFileSync, React];\n",
    );
    expect(out).toContain('src/ is the engine: only renderer/ imports react.');
    expect(out).not.toContain('no node: imports');
  });

  it('allows electron in main/', () => {
    expect(lint('main/ok.ts', "import { app } from 'electron';\n\nexport const y = app;\n")).toBe('');
  });
});
