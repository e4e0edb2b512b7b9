import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm, freePort, onConnectionRequest, type Peer, startTcpPeer } from '../integration/rdp/peers.js';
import { openAppPage, placeStates } from './support/app-page.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// A person's view of a probe: the built renderer in Debian's Chromium, the real engine in this process
// behind `window.rdpProbe`, real peers on 127.0.0.1. Assertions read what is on screen.
const unavailable = browserUnavailable();
if (unavailable !== null) console.warn(`Skipped the browser tests: ${unavailable}.`);

describe.skipIf(unavailable !== null)('the renderer in Chromium with the real engine', () => {
  let browser: Browser;
  let server: StaticServer;
  let rdp: Peer;
  let silent: Peer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    // An RDP server as far as the quick probe goes: it answers the Connection Request with a Confirm.
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
    // Accepts TCP and never says a word: the RDP step waits for its timeout (time to press Cancel).
    silent = await startTcpPeer(() => {});
  });
  afterAll(async () => {
    await rdp?.close();
    await silent?.close();
    await server?.close();
    await browser?.close();
  });

  it('shows a reachable VM: every place lit OK and the verdict', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await app.screenshot('01-empty');
    await page.getByLabel('VM address').fill(`127.0.0.1:${rdp.port}`);
    await page.getByLabel(/Quick check/).check();
    await page.getByLabel(/Error code/).fill('0x204');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const result = page.getByTestId('result');
    await expect.poll(() => result.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await result.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Remote Desktop can reach the VM',
    );
    expect(await placeStates(page)).toEqual({ 0: 'pass', 1: 'pass', 2: 'pass', 3: 'pass', 4: 'pass', 5: 'pass' });
    expect(await page.locator('.check[data-check="tcp.connect@direct"]').getAttribute('data-status')).toBe('pass');
    expect(await result.textContent()).toContain('error code 0x204');
    // The engine decodes the code into evidence: the path works from here now.
    expect(await page.textContent('body')).toContain(
      'Your RDP client reported 0x204 (disconnectReasonSocketConnectFailed): the TCP connection to the RDP port failed. From here the RDP port answers now',
    );
    await app.screenshot('02-reachable');
    await app.close();
  });

  it('shows a refused port: the VM is the likely place, with the fix and a working copy button', async () => {
    const port = await freePort();
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByLabel('VM address').fill(`127.0.0.1:${port}`);
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const result = page.getByTestId('result');
    await expect.poll(() => result.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await result.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Remote Desktop cannot reach the VM',
    );
    const states = await placeStates(page);
    expect(states[5]).toBe('fail');
    expect(states[1]).toBe('unknown');
    const finding = result.locator('article[data-code="tcp.refused"]');
    expect(await finding.getByRole('heading', { level: 3 }).textContent()).toContain('The connection is refused');
    expect(await finding.textContent()).toContain(`127.0.0.1:${port} refused`);
    const copy = finding.getByRole('button', { name: /Copy the Azure CLI command/ }).first();
    await copy.click();
    // The status beside the button clicked (each command has its own) says so.
    await expect.poll(() => finding.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    const copied = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(copied).toContain('az vm run-command invoke');
    await app.screenshot('03-refused');
    await app.close();
  });

  it('cancels a probe that waits, and says the results are partial', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.getByLabel('VM address').fill(`127.0.0.1:${silent.port}`);
    await page.getByLabel('Wait per check').selectOption('15');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    await page.locator('.check[data-status="running"]').first().waitFor();
    await app.screenshot('04-running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const result = page.getByTestId('result');
    await expect.poll(() => result.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await result.textContent()).toContain('You cancelled the probe');
    await app.close();
  });

  it('shows bad input next to the form, in the words of the engine', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.getByLabel('VM address').fill('vm..example.com');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/vm\.\.example\.com/);
    await app.close();
  });

  it('probes the target of a dropped-in .rdp file', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    const content = Buffer.from(`\uFEFFfull address:s:127.0.0.1:${rdp.port}\r\n`, 'utf16le');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'myvm.rdp', mimeType: 'application/x-rdp', buffer: content });
    expect(await page.getByRole('group', { name: 'Remote Desktop file' }).textContent()).toContain('myvm.rdp');
    await page.getByLabel(/Quick check/).check();
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const result = page.getByTestId('result');
    await expect.poll(() => result.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await result.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Remote Desktop can reach the VM',
    );
    await app.close();
  });
});
