import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-probe/providers/Microsoft.Compute/virtualMachines/vm1`;

function azureOf(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine([...argv, '203.0.113.10'], env);
  if (parsed.kind === 'err') return parsed.error;
  return parsed.value.kind === 'probe' ? parsed.value.azure : null;
}

describe('the live Azure options', () => {
  it('are off unless a VM or subscription is named', () => {
    expect(azureOf([])).toBeNull();
  });

  it('take a VM resource ID, with az login as the default sign-in and the public cloud', () => {
    expect(azureOf(['--azure-vm', VM_ID])).toMatchObject({
      locator: { kind: 'resource-id', subscriptionId: SUB, resourceGroup: 'rg-probe', vmName: 'vm1' },
      signIn: { kind: 'cli', tenantId: null, clientId: null },
      cloud: 'public',
      armEndpoint: null,
      timeoutMs: 60_000,
    });
  });

  it('take a subscription alone (find the VM by the dialled address) or with a group and VM name', () => {
    expect(azureOf(['--subscription', SUB])).toMatchObject({ locator: { kind: 'address', subscriptionId: SUB } });
    expect(azureOf(['--subscription', SUB, '--resource-group', 'rg-probe', '--vm', 'vm1'])).toMatchObject({
      locator: { kind: 'name', resourceGroup: 'rg-probe', vmName: 'vm1' },
    });
  });

  it('read the app registration for browser sign-in from the environment when no option gives it', () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    expect(
      azureOf(['--subscription', SUB, '--azure-auth', 'browser'], { RDP_PROBE_AZURE_CLIENT_ID: clientId }),
    ).toMatchObject({ signIn: { kind: 'browser', clientId } });
  });

  it.each([
    [['--vm', 'vm1'], '--subscription', /--vm needs --subscription/],
    [['--subscription', SUB, '--vm', 'vm1'], '--resource-group', /needs --resource-group/],
    [['--subscription', SUB, '--resource-group', 'rg'], '--vm', /needs --vm/],
    [['--azure-vm', VM_ID, '--vm', 'vm2'], '--vm', /both name the VM/],
    [['--subscription', 'not-a-guid'], '--subscription', /not a subscription ID/],
    [['--azure-auth', 'browser'], '--azure-auth', /applies to reading Azure/],
    [['--subscription', SUB, '--azure-auth', 'password'], '--azure-auth', /cli \(az login\), browser or device-code/],
    [['--subscription', SUB, '--azure-cloud', 'mars'], '--azure-cloud', /public, usgov or china/],
    [['--subscription', SUB, '--arm-endpoint', 'http://127.0.0.1:8443'], '--arm-endpoint', /not an https URL/],
    [['--subscription', SUB, '--arm-ca', 'ca.pem'], '--arm-ca', /add --arm-endpoint/],
    [['--subscription', SUB, '--azure-timeout', '2s'], '--azure-timeout', /between 5 s and 300 s/],
    [['--subscription', SUB, '--tenant', 'not a tenant'], '--tenant', /not a tenant/],
    [['--subscription', SUB, '--azure-snapshot', 'az'], '--azure-snapshot', /cannot be combined/],
  ])('refuse %j, naming %s', (argv, input, message) => {
    const error = azureOf(argv);
    expect(error).toMatchObject({ kind: 'input-error', input });
    expect((error as { message: string }).message).toMatch(message);
  });

  it('refuse browser sign-in without an app registration only when it is used, naming the option', async () => {
    const { createCredential } = await import('../../../src/node/azure/live/credential.js');
    const { AZURE_CLOUDS } = await import('../../../src/node/azure/live/cloud.js');
    const made = createCredential({ kind: 'device-code', tenantId: null, clientId: null }, AZURE_CLOUDS.public);
    expect(made).toMatchObject({ kind: 'err', error: { input: '--azure-client-id' } });
  });
});
