import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_CHANNELS, type EventChannels, type InvokeChannels } from '../../../src/api.js';
import type { EngineApi } from '../../../src/node/engine-api.js';
import { CHROMIUM } from '../../support/chromium.js';

export { CHROMIUM, launchChromium } from '../../support/chromium.js';

/** The project root and the built renderer. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
/** Where screenshots go (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');

/** Why the browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;
  if (!existsSync(join(RENDERER_DIR, 'renderer.js'))) return 'the renderer is not built (npm run build:app)';
  return null;
}

/** A browser context whose requests to anything but 127.0.0.1 are aborted. */
export async function loopbackContext(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<BrowserContext> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1100, height: 900 } });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:'
      ? route.continue()
      : route.abort('blockedbyclient');
  });
  return context;
}

let bridgeScript: string | null = null;

/** The page-side bridge (the preload's code over bindings), bundled once. */
async function bridge(): Promise<string> {
  if (bridgeScript !== null) return bridgeScript;
  const result = await build({
    entryPoints: [join(ROOT, 'test', 'e2e', 'support', 'bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  bridgeScript = result.outputFiles[0]?.text ?? '';
  return bridgeScript;
}

/**
 * Gives the page the real engine as `window.rdpProbe`: invoke goes through a binding to `api.invoke`,
 * and every engine event is pushed into the page. Returns the function that stops forwarding.
 */
export async function exposeEngine(page: Page, api: EngineApi): Promise<() => void> {
  // The engine validates every request itself, as it does behind IPC.
  await page.exposeBinding('__rdpProbeInvoke', (_source, channel: keyof InvokeChannels, request: unknown) =>
    api.invoke(channel, request as InvokeChannels[typeof channel]['request']),
  );
  const push = <K extends keyof EventChannels>(channel: K, payload: EventChannels[K]) =>
    page
      .evaluate(
        ([c, p]) => (globalThis as unknown as { __rdpProbeEmit(c: string, p: unknown): void }).__rdpProbeEmit(c, p),
        [channel, payload] as const,
      )
      .catch(() => {
        // The page closed while a run was still reporting.
      });
  const offs = EVENT_CHANNELS.map((channel) => api.on(channel, (payload) => void push(channel, payload)));
  await page.addInitScript({ content: await bridge() });
  return () => {
    for (const off of offs) off();
  };
}
