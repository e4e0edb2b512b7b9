import { createServer, type Server } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createEngineApi } from '../src/node/engine-api.js';
import { launchChromium } from '../test/support/chromium.js';
import { connectEngine, rendererUnavailable, serveBuiltRenderer } from './renderer-page.js';
import { type BenchRow, median } from './table.js';

const PAINT_RUNS = 10;
const PROBE_RUNS = 10;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Opens the app in a fresh context with its own engine; returns the page and its closer. */
async function openApp(browser: Browser, url: string): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const api = createEngineApi();
  const stop = await connectEngine(page, api);
  await page.goto(url);
  await page.getByRole('heading', { name: 'RDP Probe', level: 1 }).waitFor();
  return {
    page,
    async close() {
      stop();
      api.dispose();
      await context.close();
    },
  };
}

/** First contentful paint of a fresh page (the Performance API's paint entry). */
async function firstPaint(browser: Browser, url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < PAINT_RUNS; i++) {
    const app = await openApp(browser, url);
    // The paint entry may be recorded after load: wait for it (buffered observer), at most 5 s.
    const fcp = await app.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const timer = setTimeout(() => resolve(Number.NaN), 5000);
          // Runs in the page: the browser's PerformanceObserver, typed here without the DOM lib.
          type Entries = { getEntriesByName(name: string): { startTime: number }[] };
          const Observer = (
            globalThis as unknown as {
              PerformanceObserver: new (
                callback: (list: Entries) => void,
              ) => { observe(options: { type: string; buffered: boolean }): void };
            }
          ).PerformanceObserver;
          new Observer((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry === undefined) return;
            clearTimeout(timer);
            resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    times.push(fcp);
    await app.close();
  }
  return median(times);
}

/**
 * Presses Probe in the page and waits, in the page, for the result section to be added and painted:
 * measured with the page's own clock, so Playwright's round trips are not counted.
 */
function pressProbeAndWait(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: BenchDocument }).document;
    const frame = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
    const now = () => (globalThis as unknown as { performance: { now(): number } }).performance.now();
    const main = doc.querySelector('main');
    const button = doc.querySelector('button[type="submit"]');
    if (main === null || button === null) throw new Error('the page has no form');
    return new Promise<number>((resolve) => {
      const started = now();
      const Observer = (globalThis as unknown as { MutationObserver: BenchObserverClass }).MutationObserver;
      const observer = new Observer((records) => {
        const added = records.some((r) =>
          Array.from(r.addedNodes).some((n) => n.getAttribute?.('data-testid') === 'result'),
        );
        if (!added) return;
        observer.disconnect();
        frame(() => resolve(now() - started));
      });
      observer.observe(main, { childList: true });
      button.click();
    });
  });
}

interface BenchNode {
  getAttribute?(name: string): string | null;
}
interface BenchDocument {
  querySelector(selector: string): (BenchNode & { click(): void }) | null;
}
type BenchObserverClass = new (
  callback: (records: { addedNodes: ArrayLike<BenchNode> }[]) => void,
) => { observe(target: unknown, options: { childList: boolean }): void; disconnect(): void };

/** Median time from pressing Probe to the diagnosis on screen, for `target`. */
async function probeToDiagnosis(browser: Browser, url: string, target: string, quick: boolean): Promise<number> {
  const app = await openApp(browser, url);
  try {
    await app.page.getByLabel('VM address').fill(target);
    await app.page.getByLabel(/Quick check/).setChecked(quick);
    await app.page.getByLabel('Wait per check').selectOption('2');
    const times: number[] = [];
    for (let i = 0; i < PROBE_RUNS; i++) times.push(await pressProbeAndWait(app.page));
    return median(times);
  } finally {
    await app.close();
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

/**
 * The desktop renderer in Chromium with the real engine in this process: first contentful paint, and
 * the time from pressing Probe to the diagnosis shown for an open and a refused loopback port. A
 * filtered port needs a namespace with a drop rule, which the engine in this process cannot join.
 */
export async function benchRenderer(): Promise<BenchRow[]> {
  const unavailable = rendererUnavailable();
  if (unavailable !== null) return [{ name: 'renderer in Chromium', value: `skipped: ${unavailable}` }];
  const browser = await launchChromium();
  const site = await serveBuiltRenderer();
  const open = createServer((s) => s.resume().end());
  const openPort = await listen(open);
  const closed = createServer();
  const closedPort = await listen(closed);
  await new Promise<void>((r) => closed.close(() => r()));
  try {
    const fcp = await firstPaint(browser, site.url);
    const rows: BenchRow[] = [{ name: 'first contentful paint', value: ms(fcp), aim: '< 500 ms', met: fcp < 500 }];
    for (const quick of [true, false]) {
      const plan = quick ? 'quick' : 'default';
      const openMs = await probeToDiagnosis(browser, site.url, `127.0.0.1:${openPort}`, quick);
      rows.push({ name: `Probe → diagnosis, open, ${plan}`, value: ms(openMs), aim: '< 150 ms', met: openMs < 150 });
      const refusedMs = await probeToDiagnosis(browser, site.url, `127.0.0.1:${closedPort}`, quick);
      rows.push({
        name: `Probe → diagnosis, refused, ${plan}`,
        value: ms(refusedMs),
        aim: '< 150 ms',
        met: refusedMs < 150,
      });
    }
    rows.push({
      name: 'Probe → diagnosis, filtered',
      value: "skipped: needs a network namespace the browser's engine process cannot join",
    });
    return rows;
  } finally {
    await new Promise<void>((r) => open.close(() => r()));
    await site.close();
    await browser.close();
  }
}
