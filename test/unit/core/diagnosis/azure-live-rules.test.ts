import { describe, expect, it } from 'vitest';
import { buildAzureSnapshot } from '../../../../src/core/azure/build-snapshot.js';
import type { AzureSnapshot } from '../../../../src/core/azure/snapshot-schema.js';
import { azureLiveFindings } from '../../../../src/core/diagnosis/azure-live-rules.js';
import { FindingSchema } from '../../../../src/core/report-schema.js';
import { docs, IDS, ipTarget, nicExample, nsgExample, publicIpShow, vmShowDetails } from '../azure/azure-fixtures.js';

const COLLECTED = '2026-11-25T12:00:00.000Z';
const CLIENT = '198.51.100.7';

function live(extra: Partial<AzureSnapshot>): AzureSnapshot {
  const { snapshot } = buildAzureSnapshot(
    docs({
      'vm.json': vmShowDetails(),
      'nic.json': nicExample(),
      'nsg.json': nsgExample(),
      'pip.json': publicIpShow(),
    }),
    { kind: 'arm', subscriptionId: '00000000-0000-0000-0000-000000000000', collectedAt: COLLECTED },
  );
  return { ...snapshot, ...extra };
}

function findings(snapshot: AzureSnapshot, clientIp: string | null = CLIENT) {
  const out = azureLiveFindings({ target: ipTarget(), checks: [], snapshot, clientIp });
  for (const finding of out) FindingSchema.parse(finding);
  return out;
}

const change = (resourceId: string, at: string) => ({
  resourceId,
  operation: 'Microsoft.Network/networkSecurityGroups/securityRules/write',
  operationName: 'Create or Update Security Rule',
  status: 'Succeeded',
  caller: 'alice@contoso.example',
  at,
});

describe('azure.recent-change', () => {
  it('warns about a change in the 24 hours before the run, blaming the place of the changed resource', () => {
    const [finding] = findings(
      live({ changes: [change(`${IDS.nsg}/securityRules/Allow-RDP`, '2026-11-25T09:30:00.000Z')] }),
    );
    expect(finding).toMatchObject({ code: 'azure.recent-change', severity: 'warning', source: 4 });
    expect(finding?.detail).toContain(
      'Allow-RDP: Create or Update Security Rule by alice@contoso.example at 2026-11-25 09:30 UTC',
    );
    expect(finding?.remedy.steps[0]?.command).toContain('-g rg1');
  });

  it('only informs about older changes', () => {
    const [finding] = findings(live({ changes: [change(IDS.pip, '2026-11-20T09:30:00.000Z')] }));
    expect(finding).toMatchObject({ code: 'azure.recent-change', severity: 'info', source: 3 });
    expect(finding?.detail).toContain('none in the last 24 hours');
  });

  it('says nothing for offline snapshots or an empty log', () => {
    expect(findings(live({ changes: [] }))).toEqual([]);
    const offline = {
      ...live({ changes: [change(IDS.nsg, '2026-11-25T09:30:00.000Z')] }),
      origin: { kind: 'offline' as const, inputs: [] },
    };
    expect(findings(offline)).toEqual([]);
  });
});

describe('route.asymmetric', () => {
  const route = (prefix: string, nextHopType: string, hops: string[] = [], source = 'User') => ({
    source,
    state: 'Active',
    addressPrefixes: [prefix],
    nextHopType,
    nextHopIpAddresses: hops,
  });
  const table = (...routes: ReturnType<typeof route>[]) => ({ input: 'ARM routes', nicId: IDS.nic, routes });

  it('flags a default route to an appliance on a VM dialled on its public IP', () => {
    const [finding] = findings(
      live({ effectiveRoutes: [table(route('0.0.0.0/0', 'VirtualAppliance', ['198.18.1.4']))] }),
    );
    expect(finding).toMatchObject({ code: 'route.asymmetric', source: 3 });
    expect(finding?.detail).toContain('198.18.1.4');
    expect(finding?.remedy.steps.map((s) => s.command).join('\n')).toContain(
      `--address-prefix ${CLIENT}/32 --next-hop-type Internet`,
    );
  });

  it('does not flag it when a route sends the client back to the Internet, or the default route is Internet', () => {
    expect(
      findings(
        live({
          effectiveRoutes: [
            table(route('0.0.0.0/0', 'VirtualAppliance', ['198.18.1.4']), route('198.51.100.0/24', 'Internet')),
          ],
        }),
      ),
    ).toEqual([]);
    expect(findings(live({ effectiveRoutes: [table(route('0.0.0.0/0', 'Internet', [], 'Default'))] }))).toEqual([]);
  });
});

describe('nw.unavailable and azure.not-read', () => {
  it('reports a region without Network Watcher as information', () => {
    const [finding] = findings(live({ networkWatcher: { location: 'eastus', id: null } }));
    expect(finding).toMatchObject({ code: 'nw.unavailable', severity: 'info' });
    expect(finding?.remedy.steps[0]?.command).toContain('-l eastus');
    expect(findings(live({ networkWatcher: { location: 'eastus', id: '/subscriptions/x/nw' } }))).toEqual([]);
  });

  it('explains a collection that stopped, with the failed calls as evidence', () => {
    const [finding] = findings(
      live({
        collection: {
          credential: 'Azure CLI account (az login)',
          cloud: 'public',
          locatedBy: null,
          failure: 'Signing in to Azure failed: Please run az login.',
          steps: [
            {
              operation: 'read VM vm1',
              status: 'failed',
              httpStatus: null,
              code: 'CredentialUnavailable',
              detail: 'Please run az login.',
              durationMs: 3,
            },
          ],
        },
      }),
    );
    expect(finding).toMatchObject({
      code: 'azure.not-read',
      severity: 'info',
      detail: 'Signing in to Azure failed: Please run az login.',
    });
    expect(finding?.evidence[0]?.says).toContain('read VM vm1: CredentialUnavailable');
  });
});
