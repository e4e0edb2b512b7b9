import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rediagnoseWithVmChecks } from '../../src/core/rediagnose.js';
import { ok } from '../../src/core/result.js';
import { importVmCheckOutput } from '../../src/core/vm-checks/vm-check-input.js';
import { AZURE_CLOUDS, withArmEndpoint } from '../../src/node/azure/live/cloud.js';
import type { EngineOptions } from '../../src/node/engine-api.js';
import { readCheckScript } from '../../src/node/vm-checks/check-script.js';
import { type ArmEmulator, installVmWorld, startArmEmulator, type VmWorld } from '../support/arm-emulator/index.js';
import { sensitiveReport } from '../support/bundle-report.js';
import { StaticTokenCredential } from '../support/static-credential.js';
import { openAppPage } from './support/app-page.js';
import { seriousViolations } from './support/axe.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { scriptedDialogs } from './support/scripted-dialogs.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// Issue 8 in the desktop app. Ticking "Also check inside the VM" shows the whole read-only script and its
// SHA-256 in a modal dialog first; only "Run it on the VM" ticks the box. A repair a finding proposes opens
// its own confirmation, whose Apply stays disabled until the VM's name is typed. The full flow runs a probe
// whose Azure side is the ARM emulator (loopback HTTPS): a VM behind a load balancer (NAT 3389 → 3389) whose
// RDP listens on 3390. The probe dials 127.0.0.1:3389 (loopback): the load balancer's address is only data.
const unavailable = browserUnavailable();
if (unavailable !== null) console.warn(`Skipped the VM checks browser tests: ${unavailable}.`);

const SUB = '00000000-0000-0000-0000-0000000000cc';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'vm-checks');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

/** What has the focus: an element's accessible label, else its id and tag. */
function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: {
          activeElement: {
            tagName: string;
            id: string;
            getAttribute(name: string): string | null;
            labels?: ArrayLike<{ textContent: string | null }>;
          } | null;
        };
      }
    ).document.activeElement;
    if (el === null) return '';
    return el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? `${el.tagName.toLowerCase()}#${el.id}`;
  });
}

describe.skipIf(unavailable !== null)('VM checks and repairs in the renderer', () => {
  let browser: Browser;
  let server: StaticServer;
  let dir: string;
  let emulator: ArmEmulator;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-e2e-vm-'));
    emulator = await startArmEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
    await server?.close();
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  /** The engine reaches the ARM emulator with a static credential, as main would reach the cloud. */
  const emulatorEngine = (): EngineOptions => ({
    azureConnection: async () =>
      ok({
        cloud: withArmEndpoint(AZURE_CLOUDS.public, emulator.endpoint),
        signedIn: { credential: new StaticTokenCredential(), label: 'Azure CLI account' },
        ca: emulator.ca,
        pollIntervalMs: 5,
      }),
  });

  /** The port-3390 VM behind a load balancer; Run Command answers with the script's output, healthy once repaired. */
  let counter = 0;
  async function portChangedVm(): Promise<{ world: VmWorld; scripts: string[][] }> {
    counter += 1;
    const world = installVmWorld(emulator, {
      subscriptionId: `${SUB.slice(0, -2)}${String(counter).padStart(2, '0')}`,
      publicIp: null,
      loadBalancer: { frontendIp: '203.0.113.10', natRules: [{ name: 'rdp', frontendPort: 3389, backendPort: 3389 }] },
    });
    const [broken, healthy] = [await fixture('port-3390.txt'), await fixture('healthy.txt')];
    const scripts: string[][] = [];
    let repaired = false;
    emulator.onAction(world.vmId, 'runCommand', (body) => {
      const script = (body as { script?: string[] }).script ?? [];
      scripts.push(script);
      const isRepair = script.some((line) => line.includes('-Name PortNumber'));
      if (isRepair) repaired = true;
      const message = isRepair ? '' : repaired ? healthy : broken;
      return { status: 'lro', body: { value: [{ code: 'ComponentStatus/StdOut/succeeded', message }] } };
    });
    return { world, scripts };
  }

  async function fillLiveForm(page: Page, world: VmWorld): Promise<void> {
    await page.getByLabel('VM address').fill('127.0.0.1:3389');
    await page.getByLabel(/Quick check/).check();
    await page.getByText('Azure (optional)').click();
    await page.getByLabel('VM resource ID').fill(world.vmId);
  }

  it('shows the whole script and its SHA-256 before consent; Cancel leaves the box unticked', async () => {
    const script = await readCheckScript();
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.getByText('Azure (optional)').click();
    const box = page.getByLabel('Also check inside the VM (Run Command)');
    expect(await box.isChecked()).toBe(false);

    await box.click();
    const dialog = page.getByRole('dialog', { name: 'Run this script inside the VM?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('script-sha256').textContent()).toBe(script.sha256);
    const text = dialog.getByRole('region', { name: 'The script check-rdp.ps1' });
    expect(await text.textContent()).toBe(script.text);
    expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await focusedLabel(page)).toBe('The script check-rdp.ps1');
    expect(await dialog.getByRole('button', { name: 'Copy the script' }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Run it on the VM' }).count()).toBe(1);
    // The box stays unticked while the user reads.
    expect(await box.isChecked()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('vm-checks-consent');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await box.isChecked()).toBe(false);
    expect(await focusedLabel(page)).toBe('Also check inside the VM (Run Command)');

    // Escape is Cancel too; "Run it on the VM" ticks the box; unticking withdraws the consent.
    await box.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await dialog.getByRole('button', { name: 'Run it on the VM' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await box.isChecked()).toBe(true);
    await box.click();
    expect(await box.isChecked()).toBe(false);
    expect(await dialog.count()).toBe(0);
    await app.close();
  });

  it('says at the box that the checks need Azure when no VM is named', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.getByLabel('VM address').fill('127.0.0.1:3389');
    await page.getByText('Azure (optional)').click();
    await page.getByLabel('Also check inside the VM (Run Command)').click();
    await page.getByRole('button', { name: 'Run it on the VM' }).click();
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const box = page.getByLabel('Also check inside the VM (Run Command)');
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /name the VM in the Azure section/ })
        .count(),
    ).toBe(1);
    expect(await page.getByTestId('result').count()).toBe(0);
    await app.close();
  });

  it('runs the checks with consent, then applies a repair only once the VM name is typed', async () => {
    const { world, scripts } = await portChangedVm();
    const app = await openAppPage(browser, server.url, 'light', undefined, emulatorEngine());
    const { page } = app;
    await fillLiveForm(page, world);
    await page.getByLabel('Also check inside the VM (Run Command)').click();
    await page.getByRole('button', { name: 'Run it on the VM' }).click();
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 30_000 });
    expect(scripts).toHaveLength(1);

    const finding = result.locator('article[data-code="vm.port-changed"]');
    const findingTitle = (await finding.getByRole('heading', { level: 3 }).textContent()) ?? '';
    expect(await finding.textContent()).toContain('3390');
    const panel = result.getByTestId('vm-checks-panel');
    expect(await panel.textContent()).toMatch(/Read inside WIN-VM01 through Run Command/);
    const apply = finding.getByRole('button', { name: 'Apply… Make RDP listen on port 3389' });

    // Cancel first: nothing runs.
    await apply.click();
    const dialog = page.getByRole('dialog', { name: 'Apply to vm1: Make RDP listen on port 3389' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await focusedLabel(page)).toBe('Apply… Make RDP listen on port 3389');
    expect(scripts).toHaveLength(1);

    await apply.click();
    await dialog.waitFor();
    const whatChanges = await dialog.locator('.what-changes').textContent();
    expect(whatChanges).toMatch(/^Sets PortNumber .* from 3390 to 3389 and restarts the Remote Desktop Services/);
    expect(await dialog.locator('pre.repair-script').textContent()).toBe(
      [
        'Set-ItemProperty -Path "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" -Name PortNumber -Type DWord -Value 3389',
        'Restart-Service -Name TermService -Force',
      ].join('\n'),
    );
    const name = dialog.getByLabel("Type the VM's name to confirm");
    const applyButton = dialog.getByRole('button', { name: 'Apply', exact: true });
    expect(await focusedLabel(page)).toBe("Type the VM's name to confirm");
    expect(await applyButton.isDisabled()).toBe(true);
    for (const wrong of ['v', 'vm', 'VM1', 'vm12']) {
      await name.fill(wrong);
      expect(await applyButton.isDisabled()).toBe(true);
    }
    // Enter does not apply either while the name does not match.
    await page.keyboard.press('Enter');
    expect(await dialog.count()).toBe(1);
    expect(scripts).toHaveLength(1);
    await name.fill('vm1');
    expect(await applyButton.isDisabled()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('vm-repair-confirm');

    await applyButton.click();
    const applied = panel.getByTestId('applied-repair');
    await applied.waitFor({ timeout: 30_000 });
    expect(await dialog.count()).toBe(0);
    expect(scripts).toHaveLength(3);
    expect(await applied.getAttribute('data-applied')).toBe('true');
    expect(await applied.getByRole('heading', { level: 3 }).textContent()).toBe('Repair: Make RDP listen on port 3389');
    expect(await focusedLabel(page)).toMatch(/^h3#/);
    const before = await applied.locator('.repair-side').nth(0).textContent();
    const after = await applied.locator('.repair-side').nth(1).textContent();
    expect(findingTitle).toContain(before?.replace(/^Before/, '') ?? '?');
    expect(after).toBe('AfterNo problem inside the VM.');
    // The report is the new one: no vm.port-changed, no repair to apply.
    expect(await result.locator('article[data-code="vm.port-changed"]').count()).toBe(0);
    expect(await result.getByRole('button', { name: /^Apply…/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('vm-repair-applied');
    await app.close();
  });

  it("imports the script's output an admin sent into the run, without running anything on the VM", async () => {
    const { world, scripts } = await portChangedVm();
    const dialogs = scriptedDialogs(dir);
    const app = await openAppPage(browser, server.url, 'dark', dialogs, emulatorEngine());
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await fillLiveForm(page, world);
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 30_000 });
    const panel = result.getByTestId('vm-checks-panel');
    expect(await panel.textContent()).toMatch(/Not checked inside the VM/);

    await panel.getByRole('button', { name: 'Copy the script' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Copied check-rdp\.ps1 \(SHA-256 /);
    const copied = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(copied).toBe((await readCheckScript()).text);

    const notOutput = join(dir, 'notes.txt');
    await writeFile(notOutput, 'Here is what you asked for.\n');
    dialogs.queueOpen([notOutput]);
    await panel.getByRole('button', { name: "Import the script's output…" }).click();
    await expect.poll(() => panel.getByRole('alert').count()).toBe(1);
    expect(await panel.getByRole('alert').textContent()).toContain('notes.txt');

    const output = join(dir, 'from-admin.txt');
    await writeFile(output, await fixture('port-3390.txt'));
    dialogs.queueOpen([output]);
    await panel.getByRole('button', { name: "Import the script's output…" }).click();
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toBe('Imported from-admin.txt: the diagnosis now includes it.');
    expect(await result.locator('article[data-code="vm.port-changed"]').count()).toBe(1);
    expect(await panel.textContent()).toMatch(/from the script's output you imported/);
    expect(scripts).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await app.close();
  });

  it('shows the repairs of a report someone sent with their commands, and nothing to apply', async () => {
    const imported = importVmCheckOutput(await fixture('port-3390.txt'), 'test', '2026-11-25T10:00:05.000Z');
    if (imported.kind !== 'ok') throw new Error(imported.error.message);
    const report = rediagnoseWithVmChecks(sensitiveReport(), imported.value, null);
    expect(report.findings.some((f) => f.repairs !== undefined)).toBe(true);
    const path = join(dir, 'sent.json');
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    const dialogs = scriptedDialogs(dir);
    const app = await openAppPage(browser, server.url, 'light', dialogs);
    const { page } = app;
    dialogs.queueOpen([path]);
    await page.getByRole('button', { name: 'Open a bundle someone sent…' }).click();
    const opened = page.getByTestId('opened-report');
    await opened.waitFor({ timeout: 15_000 });
    const finding = opened.locator('article[data-code="vm.port-changed"]');
    expect(await finding.locator('li.repair').count()).toBe(1);
    expect(await finding.locator('li.repair code').textContent()).toMatch(/^az vm run-command invoke /);
    expect(await opened.getByRole('button', { name: /^Apply…/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await app.close();
  });
});
