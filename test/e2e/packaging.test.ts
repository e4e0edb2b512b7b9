import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/app-files.js';
import { ROOT } from './support/browser.js';

// Packaging is checked as configuration: electron-builder downloads Electron even for --dir, which this
// machine cannot. The config is validated with electron-builder's own validator and schema.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(
    config: unknown,
    debug: { isEnabled: boolean; add(key: string, value: unknown): void },
  ): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => {} };

interface Association {
  readonly ext: string;
  readonly role?: string;
  readonly rank?: string;
  readonly mimeType?: string;
}
interface BuilderConfig {
  readonly files: readonly string[];
  readonly icon: string;
  readonly win: { readonly target: readonly string[]; readonly fileAssociations: readonly Association[] };
  readonly nsis: { readonly include: string };
  readonly mac: {
    readonly target: string;
    readonly hardenedRuntime: boolean;
    readonly fileAssociations: readonly Association[];
  };
  readonly linux: { readonly target: readonly string[]; readonly fileAssociations: readonly Association[] };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation, which rejects an unknown option", async () => {
    await validateConfiguration(config, quietLogger);
    await expect(
      validateConfiguration({ ...config, mac: { ...config.mac, notAnOption: 1 } }, quietLogger),
    ).rejects.toThrow(/configuration\.mac/);
  });

  it('builds nsis and portable, a hardened dmg, AppImage and deb, with the icon in assets/', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    const icon = readFileSync(join(ROOT, config.icon));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  it('opens bundles; offers .rdp under "Open with" without taking the default', () => {
    for (const platform of [config.win, config.mac, config.linux]) {
      expect(platform.fileAssociations.map((a) => a.ext)).toContain('rdpprobe');
    }
    expect(config.mac.fileAssociations.find((a) => a.ext === 'rdp')).toMatchObject({
      role: 'Viewer',
      rank: 'Alternate',
    });
    // On Windows electron-builder's association would set the default: installer.nsh adds OpenWithProgids only.
    expect(config.win.fileAssociations.map((a) => a.ext)).not.toContain('rdp');
    const nsh = readFileSync(join(ROOT, config.nsis.include), 'utf8');
    expect(nsh).toContain('WriteRegNone SHCTX "Software\\Classes\\.rdp\\OpenWithProgids"');
    expect(nsh).not.toMatch(/WriteRegStr SHCTX "Software\\Classes\\\.rdp" ""/);
  });

  it('ships only the bundled app: no node_modules, net-ping excluded', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/renderer/**', '!node_modules/**']));
    expect(config.files).toContain('!node_modules/net-ping/**');
    // The VM check script is read at run time (src/node/vm-checks/check-script.ts); assets/ is not packed by default.
    expect(config.files).toContain('assets/vm-checks/**');
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(packageJson.main).toBe('dist/main/main.js');
  });

  it("index.html carries the same CSP as the app protocol's header", () => {
    const html = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
