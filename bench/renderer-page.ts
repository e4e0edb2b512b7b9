import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EVENT_CHANNELS, type InvokeChannels } from '../src/api.js';
import type { EngineApi } from '../src/node/engine-api.js';
import { CHROMIUM } from '../test/support/chromium.js';

/** The built renderer (`npm run bench` builds it): dist/renderer beside dist/bench. */
export const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');

const TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'renderer.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

/** Why the renderer cannot be measured here, or null. */
export function rendererUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing`;
  if (!existsSync(join(RENDERER_DIR, 'renderer.js'))) return 'the renderer is not built (npm run build:app)';
  return null;
}

/** Serves the three files of the built renderer on 127.0.0.1; returns the page URL and the closer. */
export async function serveBuiltRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]?.slice(1) ?? '';
    const type = TYPES[name];
    if (type === undefined) return void response.writeHead(404).end();
    readFile(join(RENDERER_DIR, name)).then(
      (body) => response.writeHead(200, { 'content-type': type }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The page side of the bridge: `window.rdpProbe` over a binding to the engine, events pushed in.
const BRIDGE = `(() => {
  const listeners = new Map();
  window.__rdpProbeEmit = (channel, payload) => { for (const l of listeners.get(channel) ?? []) l(payload); };
  window.rdpProbe = Object.freeze({
    invoke: (channel, request) => window.__rdpProbeInvoke(channel, request),
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
})();`;

/** Gives the page the real engine in this process as `window.rdpProbe`; returns the unsubscribe. */
export async function connectEngine(page: Page, api: EngineApi): Promise<() => void> {
  await page.exposeBinding('__rdpProbeInvoke', (_source, channel: keyof InvokeChannels, request: unknown) =>
    api.invoke(channel, request as never),
  );
  const offs = EVENT_CHANNELS.map((channel) =>
    api.on(channel, (payload) => {
      page
        .evaluate(
          ([c, p]) => (globalThis as unknown as { __rdpProbeEmit(c: string, p: unknown): void }).__rdpProbeEmit(c, p),
          [channel, payload] as const,
        )
        .catch(() => {
          // The page closed first.
        });
    }),
  );
  await page.addInitScript({ content: BRIDGE });
  return () => {
    for (const off of offs) off();
  };
}
