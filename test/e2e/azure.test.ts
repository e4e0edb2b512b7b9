import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyAzureSnapshot } from '../../src/core/azure/build-snapshot.js';
import { AzureSnapshotSchema } from '../../src/core/azure/snapshot-schema.js';
import { type Report, ReportSchema } from '../../src/core/report-schema.js';
import { ok } from '../../src/core/result.js';
import { AZURE_CLOUDS, withArmEndpoint } from '../../src/node/azure/live/cloud.js';
import { confirm, onConnectionRequest, type Peer, startTcpPeer } from '../integration/rdp/peers.js';
import { type ArmEmulator, installVmWorld, startArmEmulator, type VmWorld } from '../support/arm-emulator/index.js';
import { sensitiveReport } from '../support/bundle-report.js';
import { openAppPage } from './support/app-page.js';
import { seriousViolations } from './support/axe.js';
import { browserUnavailable, launchChromium, RENDERER_DIR } from './support/browser.js';
import { focused } from './support/keyboard.js';
import { scriptedDialogs } from './support/scripted-dialogs.js';
import { type StaticServer, serveRenderer } from './support/static-server.js';

// The desktop app's Azure side: the form's collapsed "Azure (optional)" section shows the engine's
// refusal next to the field it names; a report read live from Azure shows how it was read (credential,
// how the VM was found, every Resource Manager call) and the Activity Log's changes. No ARM server is
// needed for those: the refusals come before any sign-in, and the report is opened from a JSON file. The
// last test runs a whole probe that reads Azure from the ARM emulator (loopback HTTPS, test CA) through
// the engine's connection hook, signing in with a credential that behaves like device-code sign-in.
const unavailable = browserUnavailable();
if (unavailable !== null) console.warn(`Skipped the Azure browser tests: ${unavailable}.`);

const SUB = '00000000-0000-0000-0000-0000000000aa';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-probe`;
const VM_ID = `${RG}/providers/Microsoft.Compute/virtualMachines/vm1`;
const NSG_RULE = `${RG}/providers/Microsoft.Network/networkSecurityGroups/vm1-nsg/securityRules/AllowRdpOffice`;

/** A report as a live collection leaves it: the sensitive sample report with an `azure` snapshot added. */
function liveReport(): Report {
  const azure = AzureSnapshotSchema.parse({
    ...emptyAzureSnapshot({ kind: 'arm', subscriptionId: SUB, collectedAt: '2026-11-25T10:00:02.000Z' }),
    vm: {
      input: 'ARM',
      id: VM_ID,
      name: 'vm1',
      resourceGroup: 'rg-probe',
      location: 'westeurope',
      computerName: 'vm1',
      powerState: { code: 'running', display: 'VM running' },
      provisioningState: 'Succeeded',
      vmAgent: null,
      bootDiagnostics: null,
      nics: [],
      publicIps: [],
      privateIps: [],
      fqdns: [],
    },
    changes: [
      {
        resourceId: NSG_RULE,
        operation: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
        operationName: 'Create or Update Security Rule',
        status: 'Succeeded',
        caller: 'alice@contoso.com',
        at: '2026-11-25T09:12:00.000Z',
      },
    ],
    changesSince: '2026-11-18T10:00:00.000Z',
    collection: {
      credential: 'device code sign-in',
      cloud: 'public',
      locatedBy: 'resource ID',
      steps: [
        { operation: 'virtualMachines.get', status: 'ok', httpStatus: 200, code: null, detail: null, durationMs: 41.6 },
        {
          operation: 'networkInterfaces.listEffectiveNetworkSecurityGroups',
          status: 'forbidden',
          httpStatus: 403,
          code: 'AuthorizationFailed',
          detail: 'Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action',
          durationMs: 12,
        },
        {
          operation: 'networkWatchers.verifyIPFlow',
          status: 'skipped',
          httpStatus: null,
          code: null,
          detail: 'no Network Watcher in westeurope',
          durationMs: 0,
        },
      ],
      failure: null,
    },
  });
  return ReportSchema.parse({ ...sensitiveReport(), azure });
}

const DEVICE_MESSAGE =
  'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code F7QK2M9XT to authenticate.';

/** Like device-code sign-in: shows the instructions, then waits for the "user" (the test) before a token. */
class WaitingDeviceCode implements TokenCredential {
  private readonly signedIn: Promise<void>;
  release: () => void = () => {};
  constructor(private show: ((message: string) => void) | undefined) {
    this.signedIn = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  async getToken(): Promise<AccessToken> {
    this.show?.(DEVICE_MESSAGE);
    await this.signedIn;
    this.show = undefined;
    return { token: 'e2e-test-token', expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' };
  }
}

/** The text of each cell of a table's body rows. */
async function rows(page: Page, caption: RegExp): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
}

describe.skipIf(unavailable !== null)('Azure in the renderer', () => {
  let browser: Browser;
  let server: StaticServer;
  let dir: string;
  let emulator: ArmEmulator;
  let world: VmWorld;
  let rdp: Peer;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer(RENDERER_DIR);
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-e2e-azure-'));
    emulator = await startArmEmulator();
    world = installVmWorld(emulator, { subscriptionId: SUB });
    rdp = await startTcpPeer((socket) => onConnectionRequest(socket, () => socket.write(confirm(2, 0))));
  });
  afterAll(async () => {
    await rdp?.close();
    await emulator?.close();
    await server?.close();
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('shows the engine refusing a malformed resource ID next to that field, then the next refused field', async () => {
    const app = await openAppPage(browser, server.url);
    const { page } = app;
    await page.getByLabel('VM address').fill('127.0.0.1:3389');
    const section = page.locator('details.azure-fields');
    expect(await section.getAttribute('open')).toBeNull();
    await page.getByText('Azure (optional)').click();
    await page.getByLabel('VM resource ID').fill('/subscriptions/not-a-vm');
    // Close the section again: the refusal must open it to show the field.
    await page.getByText('Azure (optional)').click();
    await page.getByRole('button', { name: 'Probe', exact: true }).click();

    const vmId = page.getByLabel('VM resource ID');
    await expect.poll(() => vmId.getAttribute('aria-invalid')).toBe('true');
    expect(await section.getAttribute('open')).not.toBeNull();
    const errorId = (await vmId.getAttribute('aria-describedby'))?.split(' ').find((d) => d.endsWith('-error'));
    const error = page.locator(`[id="${errorId}"]`);
    expect(await error.textContent()).toMatch(/"\/subscriptions\/not-a-vm" is not a VM resource ID/);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await focused(page)).toBe('input:VM resource ID');
    // The error is the field's, not the form's: the address is not marked, no alert below the form.
    expect(await page.getByLabel('VM address').getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('p.form-error').count()).toBe(0);
    expect(await page.getByTestId('result').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('azure-field-error');

    // A good ID, device-code sign-in without an app registration: the client id field (shown for device
    // code only, with why) is the one refused now.
    expect(await page.getByLabel('Application (client) ID').count()).toBe(0);
    await vmId.fill(VM_ID);
    await page.getByLabel('Sign in with').selectOption('device-code');
    expect(await page.getByText("Your organisation's app registration").count()).toBe(1);
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const clientId = page.getByLabel('Application (client) ID');
    await expect.poll(() => clientId.getAttribute('aria-invalid')).toBe('true');
    expect(await vmId.getAttribute('aria-invalid')).toBe('false');
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /^Device-code sign-in needs/ })
        .count(),
    ).toBe(1);

    // By subscription: a VM name without its group is refused at the group.
    await page.getByLabel('Subscription, resource group and name').check();
    await page.getByLabel('Subscription ID').fill(SUB);
    await page.getByLabel('VM name (optional)').fill('vm1');
    await page.getByLabel('Sign in with').selectOption('cli');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    const group = page.getByLabel('Resource group (optional)');
    await expect.poll(() => group.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: 'The VM name needs the resource group' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await app.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows a live report's Azure panel: credential, how the VM was found, the calls and changes (${scheme})`, async () => {
      const path = join(dir, `live-${scheme}.json`);
      await writeFile(path, `${JSON.stringify(liveReport(), null, 2)}\n`);
      const dialogs = scriptedDialogs(dir);
      const app = await openAppPage(browser, server.url, scheme, dialogs);
      const { page } = app;
      dialogs.queueOpen([path]);
      await page.getByRole('button', { name: 'Open a bundle someone sent…' }).click();
      const panel = page.getByTestId('opened-report').getByTestId('azure-panel');
      await panel.waitFor({ timeout: 15_000 });

      expect(await panel.getByRole('heading', { name: 'Azure' }).count()).toBe(1);
      const facts = await panel
        .locator('dl.azure-facts')
        .evaluate((dl) => [...dl.children].map((child) => (child.textContent ?? '').trim()));
      expect(facts).toEqual([
        'Signed in with',
        'device code sign-in (Azure global)',
        'VM found by',
        'resource ID',
        'VM',
        'vm1 in rg-probe (westeurope): VM running',
      ]);
      expect(await rows(page, /^Resource Manager calls$/)).toEqual([
        ['virtualMachines.get', 'OK', '200', '42 ms'],
        [
          'networkInterfaces.listEffectiveNetworkSecurityGroups',
          'Refused (no permission) Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action',
          '403 AuthorizationFailed',
          '12 ms',
        ],
        ['networkWatchers.verifyIPFlow', 'Skipped no Network Watcher in westeurope', '—', '0 ms'],
      ]);
      const changes = await rows(page, /^Changes to the VM’s resources \(Activity Log since /);
      expect(changes).toHaveLength(1);
      expect(changes[0]?.slice(1)).toEqual([
        'Create or Update Security Rule Microsoft.Network/networkSecurityGroups/securityRules/write',
        'AllowRdpOffice',
        'alice@contoso.com',
        'Succeeded',
      ]);
      expect(changes[0]?.[0]).toMatch(/2026/);
      expect(await seriousViolations(page)).toEqual([]);
      await app.screenshot(`azure-panel-${scheme}`);
      await app.close();
    });
  }

  it('shows the device code while sign-in waits, lists azure.collect live, then the Azure panel', async () => {
    const credentials: WaitingDeviceCode[] = [];
    const app = await openAppPage(browser, server.url, 'light', undefined, {
      azureConnection: async (choice) => {
        const credential = new WaitingDeviceCode(choice.signIn.onDeviceCode);
        credentials.push(credential);
        return ok({
          cloud: withArmEndpoint(AZURE_CLOUDS.public, emulator.endpoint),
          signedIn: { credential, label: 'device code sign-in' },
          ca: emulator.ca,
          pollIntervalMs: 5,
        });
      },
    });
    const { page } = app;
    await page.getByLabel('VM address').fill(`127.0.0.1:${rdp.port}`);
    await page.getByLabel(/Quick check/).check();
    await page.getByText('Azure (optional)').click();
    await page.getByLabel('VM resource ID').fill(world.vmId);
    await page.getByLabel('Sign in with').selectOption('device-code');
    await page.getByLabel('Application (client) ID').fill('11111111-2222-3333-4444-555555555555');
    await page.getByLabel('Your public IP (optional)').fill('198.51.100.7');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();

    const notice = page.getByTestId('device-code');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getByRole('alert').textContent()).toBe(DEVICE_MESSAGE);
    expect(await notice.locator('.device-code-value').textContent()).toBe('F7QK2M9XT');
    expect(await notice.getByRole('button', { name: 'Copy the sign-in code' }).count()).toBe(1);
    const collect = page.locator('[data-check="azure.collect@direct"]');
    expect(await collect.getAttribute('data-status')).toBe('running');
    expect(await seriousViolations(page)).toEqual([]);
    await app.screenshot('azure-device-code');

    credentials[0]?.release();
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    expect(await notice.count()).toBe(0);
    expect(['pass', 'warn']).toContain(await collect.getAttribute('data-status'));
    const panel = page.getByTestId('result').getByTestId('azure-panel');
    expect(await panel.locator('dl.azure-facts dd').first().textContent()).toBe(
      `device code sign-in (${emulator.endpoint})`,
    );
    expect((await rows(page, /^Resource Manager calls$/)).length).toBeGreaterThan(3);
    expect(emulator.requests.every((request) => request.authorization)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await app.close();
  });
});
