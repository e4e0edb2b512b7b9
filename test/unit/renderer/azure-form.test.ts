import { describe, expect, it } from 'vitest';
import { azureFieldOf, azureRequestOf, EMPTY_AZURE_FORM } from '../../../renderer/state/azure-form.js';
import { deviceCodeParts } from '../../../renderer/state/device-code.js';
import { ProbeStartRequestSchema } from '../../../src/api.js';
import { inputError } from '../../../src/core/result.js';
import { probeRequest } from '../../support/probe-request.js';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;

describe("the form's Azure section", () => {
  it('reads nothing from Azure until the VM is named', () => {
    expect(azureRequestOf(EMPTY_AZURE_FORM)).toEqual({ azure: null, sourceIp: null });
    expect(azureRequestOf({ ...EMPTY_AZURE_FORM, findBy: 'name', vmName: 'vm1', tenantId: 'x' })).toEqual({
      azure: null,
      sourceIp: null,
    });
    expect(azureRequestOf({ ...EMPTY_AZURE_FORM, sourceIp: ' 198.51.100.7 ' }).sourceIp).toBe('198.51.100.7');
  });

  it('sends the resource ID, or the subscription with only the fields typed, as the contract accepts them', () => {
    const byId = azureRequestOf({ ...EMPTY_AZURE_FORM, vmId: ` ${VM_ID} `, clientId: 'ignored for cli' });
    expect(byId.azure).toEqual({ vmId: VM_ID, signIn: 'cli', tenantId: null, clientId: null, cloud: 'public' });
    const byName = azureRequestOf({
      ...EMPTY_AZURE_FORM,
      findBy: 'name',
      vmId: VM_ID,
      subscriptionId: SUB,
      vmName: 'vm1',
      signIn: 'device-code',
      clientId: ' 11111111-2222-3333-4444-555555555555 ',
      tenantId: 'contoso.onmicrosoft.com',
      cloud: 'china',
    });
    expect(byName.azure).toEqual({
      subscriptionId: SUB,
      vmName: 'vm1',
      signIn: 'device-code',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '11111111-2222-3333-4444-555555555555',
      cloud: 'china',
    });
    for (const part of [byId, byName]) {
      expect(ProbeStartRequestSchema.safeParse(probeRequest('vm', part)).success).toBe(true);
    }
  });

  it('sends consent to the VM checks as the hash of the script shown, and only once given', () => {
    const sha = 'b'.repeat(64);
    expect(azureRequestOf({ ...EMPTY_AZURE_FORM, vmId: VM_ID })).not.toHaveProperty('vmChecks');
    const consented = azureRequestOf({ ...EMPTY_AZURE_FORM, vmId: VM_ID, vmChecksConsent: sha });
    expect(consented.vmChecks).toEqual({ consentSha256: sha });
    expect(ProbeStartRequestSchema.safeParse(probeRequest('vm', consented)).success).toBe(true);
    // Without a VM the consent still goes: the engine refuses it at the box, rather than dropping it silently.
    expect(azureRequestOf({ ...EMPTY_AZURE_FORM, vmChecksConsent: sha })).toEqual({
      azure: null,
      sourceIp: null,
      vmChecks: { consentSha256: sha },
    });
  });

  it('places an engine error on the field it names, and leaves others to the form', () => {
    expect(azureFieldOf(inputError('vmChecks', 'bad'))).toBe('vmChecks');
    expect(azureFieldOf(inputError('azure.vmId', 'bad'))).toBe('vmId');
    expect(azureFieldOf(inputError('sourceIp', 'bad'))).toBe('sourceIp');
    expect(azureFieldOf(inputError('target', 'bad'))).toBeNull();
    expect(azureFieldOf(null)).toBeNull();
  });

  it('takes the page and the code out of the device-code message', () => {
    expect(
      deviceCodeParts(
        'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code F7QK2M9XT to authenticate.',
      ),
    ).toEqual({ url: 'https://microsoft.com/devicelogin', code: 'F7QK2M9XT' });
    expect(deviceCodeParts('Something else entirely.')).toEqual({ url: null, code: null });
  });
});
