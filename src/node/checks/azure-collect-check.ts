import type { AzureSnapshot } from '../../core/azure/snapshot-schema.js';
import type { AzureVmLocator } from '../../core/azure/vm-locator.js';
import { clientIpOf } from '../../core/egress/egress-answer.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import type { AzureCollectEvidence } from '../../core/report-schema.js';
import type { ArmConnection } from '../azure/live/arm-clients.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/** What the live Azure collection needs from before the run. */
export interface AzureLivePlan {
  readonly connection: ArmConnection;
  readonly locator: AzureVmLocator;
  /** The client's address as Azure sees it (`--source-ip`), for IP flow verify. */
  readonly sourceIp: string | null;
  /** Without `sourceIp`, wait for `egress.ip` (planned) and ask IP flow verify about the address it found. */
  readonly useEgress?: boolean;
  /** The whole collection's budget: tens of calls and three long-running operations. */
  readonly timeoutMs: number;
  /** Receives the snapshot; the probe puts it in the report and gives it to the diagnosis. */
  readonly onSnapshot: (snapshot: AzureSnapshot) => void;
}

/** The default budget of the Azure collection. */
export const DEFAULT_AZURE_TIMEOUT_MS = 60_000;

/**
 * azure.collect: reads the VM's Azure side through Resource Manager (read-only) while the local checks run.
 * It needs `dns.os` only to know which addresses the user dialled when the VM is found by address, and
 * `egress.ip` (without `--source-ip`) for the client address IP flow verify asks about.
 */
export function azureCollectCheck(plan: AzureLivePlan): CheckDefinition {
  const dnsKey = checkKey('dns.os', DIRECT_PATH);
  const egressKey = checkKey('egress.ip', DIRECT_PATH);
  const useEgress = plan.sourceIp === null && plan.useEgress === true;
  return {
    id: 'azure.collect',
    path: DIRECT_PATH,
    title: 'Read the VM, its network and NSGs from Azure',
    needs: [...(plan.locator.kind === 'address' ? [dnsKey] : []), ...(useEgress ? [egressKey] : [])],
    timeoutMs: plan.timeoutMs,
    async run(context) {
      const dns = context.result(dnsKey)?.evidence;
      const resolved = dns?.kind === 'dns.os' ? dns.addresses.map((a) => a.address) : [];
      const target = context.target;
      const addresses = target.hostKind === 'hostname' ? resolved : [target.host];
      const egress = context.result(egressKey)?.evidence;
      const sourceIp =
        plan.sourceIp ?? (useEgress && egress?.kind === 'egress.ip' ? clientIpOf(egress)?.address : null) ?? null;
      // Loaded on demand: the Azure SDK is large, and most runs do not read Azure.
      const { collectAzureSnapshot } = await import('../azure/live/collect-snapshot.js');
      const snapshot = await collectAzureSnapshot({
        connection: plan.connection,
        locator: plan.locator,
        dialled: { host: target.host, addresses, port: target.port },
        sourceIp,
        signal: context.signal,
      });
      plan.onSnapshot(snapshot);
      const collection = snapshot.collection;
      const steps = collection?.steps ?? [];
      const evidence: AzureCollectEvidence = {
        kind: 'azure.collect',
        credential: plan.connection.signedIn.label,
        cloud: collection?.cloud ?? plan.connection.cloud.name,
        vmId: snapshot.vm?.id ?? null,
        locatedBy: collection?.locatedBy ?? null,
        calls: steps.filter((s) => s.status !== 'skipped').length,
        failedCalls: steps.filter((s) => s.status === 'failed').length,
        forbiddenCalls: steps.filter((s) => s.status === 'forbidden').length,
        failure: collection?.failure ?? null,
      };
      if (evidence.failure !== null) return { status: 'error', summary: evidence.failure, evidence };
      const name = snapshot.vm?.name ?? 'the VM';
      const refused = evidence.forbiddenCalls > 0 ? `; ${evidence.forbiddenCalls} refused for lack of permission` : '';
      const failed = evidence.failedCalls > 0 ? `; ${evidence.failedCalls} failed` : '';
      return {
        status: evidence.failedCalls + evidence.forbiddenCalls > 0 ? 'warn' : 'pass',
        summary: `Read ${name} from Azure (${evidence.locatedBy}) as ${evidence.credential}: ${evidence.calls} calls${refused}${failed}.`,
        evidence,
      };
    },
  };
}
