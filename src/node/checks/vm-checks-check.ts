import type { AzureSnapshot } from '../../core/azure/snapshot-schema.js';
import type { VmChecksEvidence } from '../../core/evidence/vm.js';
import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import type { VmChecks } from '../../core/vm-checks/vm-check-schema.js';
import type { ArmConnection } from '../azure/live/arm-clients.js';
import type { VmChecksConsent } from '../azure/live/run-vm-checks.js';
import type { CheckDefinition } from '../runner/check-definition.js';
import type { CheckScript } from '../vm-checks/check-script.js';

/** Run Command's own limit is 90 minutes; RDP Probe waits this long by default before saying it gave up. */
export const DEFAULT_VM_CHECKS_TIMEOUT_MS = 150_000;

/** Running check-rdp.ps1 on the VM: only planned with the user's consent to this script. */
export interface VmChecksPlan {
  readonly connection: ArmConnection;
  readonly script: CheckScript;
  readonly consent: VmChecksConsent;
  readonly timeoutMs: number;
  /** The snapshot `azure.collect` produced (which VM, its agent), read once that check finished. */
  readonly snapshot: () => AzureSnapshot | null;
  readonly onChecks: (checks: VmChecks) => void;
}

/**
 * vm.checks: runs the read-only check script on the VM through Run Command, after `azure.collect` found the
 * VM and its agent state. What the script found is the report's `vmChecks`; the diagnosis reads it.
 */
export function vmChecksCheck(plan: VmChecksPlan): CheckDefinition {
  const azureKey = checkKey('azure.collect', DIRECT_PATH);
  return {
    id: 'vm.checks',
    path: DIRECT_PATH,
    title: 'Run the read-only RDP checks inside the VM (Run Command)',
    needs: [azureKey],
    timeoutMs: plan.timeoutMs,
    async run(context) {
      const snapshot = plan.snapshot();
      const evidence = (checks: VmChecks, calls: number): VmChecksEvidence => ({
        kind: 'vm.checks',
        source: checks.source,
        scriptSha256: plan.script.sha256,
        calls,
        problem: checks.problem,
      });
      if (snapshot === null) {
        return { status: 'skipped', summary: 'Not run: the VM was not read from Azure.', evidence: null };
      }
      // Loaded on demand: the compute client is large, and most runs do not run anything on the VM.
      const { runVmChecks } = await import('../azure/live/run-vm-checks.js');
      const { checks, log } = await runVmChecks({
        connection: plan.connection,
        snapshot,
        script: plan.script,
        consent: plan.consent,
        signal: context.signal,
      });
      plan.onChecks(checks);
      const calls = log.steps.filter((s) => s.status !== 'skipped').length;
      if (checks.output === null) {
        return {
          status: 'error',
          summary: `The checks inside the VM did not run: ${checks.problem}`,
          evidence: evidence(checks, calls),
        };
      }
      const name = checks.output.computer ?? snapshot.vm?.name ?? 'the VM';
      return { status: 'pass', summary: `Read RDP's settings inside ${name}.`, evidence: evidence(checks, calls) };
    },
  };
}
