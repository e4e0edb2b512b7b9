import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm, freePort, onConnectionRequest, type Peer, startTcpPeer } from '../integration/rdp/peers.js';
import { openAppPage } from './support/app-page.js';
import { seriousViolations } from './support/axe.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// Accessibility: axe-core finds no serious or critical violation in either theme, before and after a
// probe; and a person can do the whole flow with the keyboard alone.
const unavailable = browserUnavailable();

describe.skipIf(unavailable !== null)('accessibility of the renderer', () => {
  let browser: Browser;
  let server: StaticServer;
  let rdp: Peer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
  });
  afterAll(async () => {
    await rdp?.close();
    await server?.close();
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious axe violation in the ${scheme} theme, empty and with findings`, async () => {
      const app = await openAppPage(browser, server.url, scheme);
      const { page } = app;
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('VM address').fill(`127.0.0.1:${await freePort()}`);
      await page.getByLabel(/Quick check/).check();
      await page.getByRole('button', { name: 'Probe', exact: true }).click();
      await page.getByTestId('result').waitFor({ timeout: 15_000 });
      await page
        .locator('details.other-steps')
        .first()
        .evaluate((d) => d.setAttribute('open', ''));
      expect(await seriousViolations(page)).toEqual([]);
      await app.screenshot(`05-findings-${scheme}`);
      await app.close();
    });
  }

  it('works with the keyboard alone: type the target, Tab to Probe, Enter, read the result', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    const focused = () =>
      page.evaluate(() => {
        const el = (
          globalThis as unknown as {
            document: { activeElement: { tagName: string; textContent: string; id: string } | null };
          }
        ).document.activeElement;
        return el === null ? '' : `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ''}`;
      });
    await page.keyboard.press('Tab');
    expect(await page.getByLabel('VM address').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(`127.0.0.1:${rdp.port}`);
    let steps = 0;
    while ((await focused()) !== 'button:Probe' && steps < 15) {
      await page.keyboard.press('Tab');
      steps += 1;
    }
    expect(await focused()).toBe('button:Probe');
    await page.keyboard.press('Enter');
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    // Focus lands on the answer, so a screen reader reads it next.
    await expect.poll(focused).toBe('h2:Remote Desktop can reach the VM');
    expect(await page.getByRole('status').filter({ hasText: 'Probe finished.' }).count()).toBe(1);
    await app.screenshot('06-keyboard');
    await app.close();
  });
});

if (unavailable !== null) console.warn(`Skipped the accessibility tests: ${unavailable}.`);
