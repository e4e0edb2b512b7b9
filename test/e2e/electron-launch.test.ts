import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/browser.js';

// Launches the real desktop app when an Electron binary is installed. `require('electron')` returns the
// binary's path, and throws when the install skipped the download (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
function electronBinary(): { path: string } | { why: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path !== 'string' || !existsSync(path))
      return { why: `the Electron binary is missing (${String(path)})` };
    return { path };
  } catch (error) {
    return { why: `no Electron binary: ${(error as Error).message.split('\n')[0]}` };
  }
}

describe('the desktop app in Electron', () => {
  it('opens one locked-down window whose page sees only the API', async (context) => {
    const binary = electronBinary();
    if ('why' in binary) {
      console.warn(`Skipped the Electron launch test: ${binary.why}.`);
      context.skip(binary.why);
      return;
    }
    if (!existsSync(join(ROOT, 'dist', 'main', 'main.js'))) throw new Error('run npm run build:app first');
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'dist', 'main', 'main.js'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { name: 'RDP Probe', level: 1 }).waitFor();
      expect(window.url()).toBe('app://rdp-probe/index.html');
      const seen = await window.evaluate(() => {
        const page = globalThis as unknown as { rdpProbe: object; require?: unknown; process?: unknown };
        return {
          keys: Object.keys(page.rdpProbe).sort(),
          require: typeof page.require,
          process: typeof page.process,
        };
      });
      expect(seen).toEqual({ keys: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
    }
  });
});
