import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pacAnswerSource } from '../../src/node/proxy/sources.js';
import { confirm, onConnectionRequest, type Peer, startTcpPeer } from '../integration/rdp/peers.js';
import { type ConnectProxy, startConnectProxy } from '../support/connect-proxy.js';
import { openAppPage } from './support/app-page.js';
import { seriousViolations } from './support/axe.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// The paths side by side: the engine's proxy source (main's `session.resolveProxy`, faked here in PAC
// syntax) names a CONNECT proxy on loopback, so the run probes direct and through the proxy, and the
// renderer shows both as columns of one table.
const unavailable = browserUnavailable();
if (unavailable !== null) console.warn(`Skipped the browser tests: ${unavailable}.`);

describe.skipIf(unavailable !== null)('the paths table in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let rdp: Peer;
  let proxy: ConnectProxy;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    await rdp?.close();
    await server?.close();
    await browser?.close();
  });

  it('shows direct and the proxy side by side, and no table with one path', async () => {
    const proxySource = pacAnswerSource(async () => `PROXY 127.0.0.1:${proxy.port}`);
    const app = await openAppPage(browser, server.url, 'light', undefined, { proxySource });
    const { page } = app;
    await page.getByLabel('VM address').fill(`127.0.0.1:${rdp.port}`);
    await page.getByLabel(/Quick check/).check();
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    await expect.poll(() => page.getByTestId('result').isVisible(), { timeout: 15_000 }).toBe(true);
    const table = page.getByRole('table', { name: 'Paths side by side' });
    expect(await table.isVisible()).toBe(true);
    const proxyPath = `proxy:http://127.0.0.1:${proxy.port}`;
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Check', 'direct', proxyPath]);
    const row = (id: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id }) });
    expect(await row('tcp.connect').getByRole('cell').allTextContents()).toEqual(['Passed', 'Not run']);
    expect(await row('proxy.connect').getByRole('cell').allTextContents()).toEqual(['Not run', 'Passed']);
    expect(await row('rdp.negotiate').getByRole('cell').allTextContents()).toEqual(['Passed', 'Passed']);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('paths-side-by-side');
    await app.close();

    const direct = await openAppPage(browser, server.url, 'light', undefined, {
      proxySource: pacAnswerSource(async () => 'DIRECT'),
    });
    await direct.page.getByLabel('VM address').fill(`127.0.0.1:${rdp.port}`);
    await direct.page.getByLabel(/Quick check/).check();
    await direct.page.getByRole('button', { name: 'Probe', exact: true }).click();
    await expect.poll(() => direct.page.getByTestId('result').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await direct.page.getByRole('table', { name: 'Paths side by side' }).count()).toBe(0);
    await direct.close();
  });
});
