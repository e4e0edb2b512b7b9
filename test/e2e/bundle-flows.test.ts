import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportOrBundle } from '../../src/node/bundle/read-bundle.js';
import { confirm, freePort, onConnectionRequest, type Peer, startTcpPeer } from '../integration/rdp/peers.js';
import { openAppPage } from './support/app-page.js';
import { seriousViolations } from './support/axe.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { focused, tabTo } from './support/keyboard.js';
import { scriptedDialogs } from './support/scripted-dialogs.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// The "Done when", end to end and without a mouse: type a target, press Probe, watch the places
// fill in, read a finding with its fix, export a bundle with a mask; then open that bundle and compare
// two. The real engine runs in this process; main's native dialogs are scripted to temp paths.
const unavailable = browserUnavailable();
if (unavailable !== null) console.warn(`Skipped the bundle browser tests: ${unavailable}.`);

/** A public address (TEST-NET-3) typed as the VM's expected IP: masked in the bundle when asked. */
const PUBLIC_IP = '203.0.113.10';
const SETTLED = new Set(['pass', 'warn', 'fail', 'unknown']);

async function placesSettled(page: Page, scope: string): Promise<boolean> {
  const states = await page
    .locator(`${scope} .path > li`)
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-state') ?? ''));
  return states.length === 6 && states.every((s) => SETTLED.has(s));
}

/** Every member of a bundle, decompressed, as text. */
async function bundleTexts(path: string): Promise<Record<string, string>> {
  const members = unzipSync(new Uint8Array(await readFile(path)));
  return Object.fromEntries(Object.entries(members).map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
}

/** Probes `target` through the form (quick) and waits for the verdict. */
async function probe(page: Page, target: string): Promise<void> {
  await page.getByLabel('VM address').fill(target);
  await page.getByLabel(/Quick check/).check();
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  await page.getByTestId('result').getByText('Export a bundle for support').waitFor({ timeout: 20_000 });
}

describe.skipIf(unavailable !== null)('bundles in the renderer with the real engine', () => {
  let browser: Browser;
  let server: StaticServer;
  let rdp: Peer;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-e2e-bundles-'));
  });
  afterAll(async () => {
    await rdp?.close();
    await server?.close();
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('probes, reads a finding with its fix and exports a masked bundle, keyboard only; then opens it', async () => {
    const dialogs = scriptedDialogs(dir);
    const app = await openAppPage(browser, server.url, 'light', dialogs);
    const { page } = app;
    const port = await freePort();

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:VM address');
    await page.keyboard.type(`127.0.0.1:${port}`);
    await tabTo(page, 'input:Quick check (name, port and one RDP handshake only)');
    await page.keyboard.press('Space');
    await tabTo(page, 'input:The VM’s public IP (optional)');
    await page.keyboard.type(PUBLIC_IP);
    await tabTo(page, 'button:Probe');
    await page.keyboard.press('Enter');

    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 20_000 });
    await expect.poll(() => focused(page)).toBe('h2:Remote Desktop cannot reach the VM');
    expect(await placesSettled(page, 'main > section:nth-of-type(2)')).toBe(true);
    const finding = result.locator('article[data-code="tcp.refused"]');
    expect(await finding.getByRole('heading', { level: 3 }).textContent()).toContain('The connection is refused');
    expect(await finding.textContent()).toContain('How to fix it');
    expect(await finding.locator('.step code').count()).toBeGreaterThan(0);
    await app.screenshot('07-keyboard-finding');

    await tabTo(page, 'input:Public IP addresses');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Public IP addresses').isChecked()).toBe(true);
    await tabTo(page, 'button:Export bundle…');
    await page.keyboard.press('Enter');
    const status = result.getByRole('status').filter({ hasText: 'Saved the bundle to' });
    await status.waitFor();
    expect(await status.textContent()).toContain('Masked: public ip addresses');
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('08-keyboard-exported');

    // The file is really there, reads back as a bundle, and the chosen mask was applied to its bytes.
    const [path] = dialogs.saved;
    if (path === undefined) throw new Error('the engine never asked for a save path');
    expect(existsSync(path)).toBe(true);
    expect(dialogs.proposed[0]).not.toContain('127.0.0.1');
    const loaded = await readReportOrBundle(path);
    if (loaded.kind !== 'ok' || loaded.value.kind !== 'bundle') throw new Error(`not a bundle: ${path}`);
    expect(loaded.value.manifest.redaction.categories).toEqual(['public-ips']);
    expect(loaded.value.report.options.expectIp).not.toBe(PUBLIC_IP);
    expect(loaded.value.report.target.host).toBe('127.0.0.1');
    const texts = await bundleTexts(path);
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['manifest.json', 'report.json', 'report.html']));
    for (const [name, text] of Object.entries(texts)) expect(text.includes(PUBLIC_IP), name).toBe(false);

    // Open it again as someone who was sent it would.
    dialogs.queueOpen([path]);
    await tabTo(page, 'button:Open a bundle someone sent…');
    await page.keyboard.press('Enter');
    const opened = page.getByTestId('opened-report');
    await opened.waitFor();
    await expect.poll(() => focused(page)).toBe('h2:Remote Desktop cannot reach the VM');
    expect(await opened.textContent()).toContain(`${basename(path)}: a probe bundle of 127.0.0.1:${port}`);
    expect(await opened.textContent()).toContain('Masked: public ip addresses');
    expect(await placesSettled(page, '[data-testid="opened-report"]')).toBe(true);
    expect(await opened.locator('article[data-code="tcp.refused"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('09-opened-bundle');
    await app.close();
  });

  it('compares two bundles: the conclusion in one sentence and the checks that differ', async () => {
    const dialogs = scriptedDialogs(dir);
    const app = await openAppPage(browser, server.url, 'dark', dialogs);
    const { page } = app;
    await probe(page, `127.0.0.1:${await freePort()}`);
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the bundle to' }).waitFor();
    await probe(page, `127.0.0.1:${rdp.port}`);
    await page.getByRole('button', { name: 'Mask everything' }).click();
    expect(await page.getByLabel('Azure tenant IDs').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the bundle to' }).waitFor();
    const [a, b] = dialogs.saved;
    if (a === undefined || b === undefined) throw new Error('two bundles were not saved');

    dialogs.queueOpen([a, b]);
    await page.getByRole('button', { name: 'Compare two bundles or reports…' }).click();
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    const conclusion = await comparison.getByRole('heading', { level: 3 }).textContent();
    expect(conclusion).toMatch(new RegExp(`^RDP fails in ${basename(a)} at .+ and works in ${basename(b)}`));
    const row = comparison.locator('tr[data-check="tcp.connect@direct"]');
    expect(await row.locator('td').first().textContent()).toMatch(/^Failed: /);
    expect(await row.locator('td').nth(1).textContent()).toMatch(/^Passed: /);
    expect(await comparison.textContent()).toContain('tcp.refused');
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('10-compared');
    await app.close();
  });

  it('says plainly what is wrong with a file that is not a bundle, and nothing when cancelled', async () => {
    const dialogs = scriptedDialogs(dir);
    const app = await openAppPage(browser, server.url, 'light', dialogs);
    const { page } = app;
    const notes = join(dir, 'notes.rdpprobe');
    await writeFile(notes, 'not a bundle\n');
    dialogs.queueOpen([notes]);
    await page.getByRole('button', { name: 'Open a bundle someone sent…' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('notes.rdpprobe is not JSON');
    dialogs.queueOpen(null);
    await page.getByRole('button', { name: 'Compare two bundles or reports…' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing was opened.' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await app.screenshot('11-bundle-errors');
    await app.close();
  });
});
