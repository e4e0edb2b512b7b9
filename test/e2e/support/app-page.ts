import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FileDialogs } from '../../../src/node/bundle/bundle-actions.js';
import { createEngineApi, type EngineApi, type EngineOptions } from '../../../src/node/engine-api.js';
import { exposeEngine, loopbackContext, RESULTS_DIR } from './browser.js';

/** The built renderer open in a fresh page, with the real engine behind `window.rdpProbe`. */
export interface AppPage {
  readonly page: Page;
  readonly api: EngineApi;
  /** Saves a full-page screenshot to test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the app page from the loopback server at `url`; `dialogs` stand in for main's native file dialogs
 * and `engine` for what main gives the engine besides (its proxy source).
 */
export async function openAppPage(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
  dialogs?: FileDialogs,
  engine?: EngineOptions,
): Promise<AppPage> {
  const context = await loopbackContext(browser, colorScheme);
  const page = await context.newPage();
  const api = createEngineApi(dialogs, engine);
  const stop = await exposeEngine(page, api);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.getByRole('heading', { name: 'RDP Probe', level: 1 }).waitFor();
  return {
    page,
    api,
    async screenshot(name) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      stop();
      api.dispose();
      await context.close();
      if (errors.length > 0) throw new Error(`the page logged errors: ${errors.join(' | ')}`);
    },
  };
}

/** The state each place of the path shows, by source number. */
export async function placeStates(page: Page): Promise<Record<string, string | null>> {
  const places = page.locator('.path > li');
  const states: Record<string, string | null> = {};
  for (const place of await places.all()) {
    states[(await place.getAttribute('data-source')) ?? '?'] = await place.getAttribute('data-state');
  }
  return states;
}
