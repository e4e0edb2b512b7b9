import type { CheckResult } from '../../../src/core/report-schema.js';
import type { Target } from '../../../src/core/target.js';
import { type RdpCheckOptions, rdpChecks } from '../../../src/node/rdp/rdp-checks.js';
import type { CheckDefinition } from '../../../src/node/runner/check-definition.js';
import { runPlan } from '../../../src/node/runner/runner.js';

/** A loopback target on a port. */
export function loopbackTarget(port: number): Target {
  return { input: `127.0.0.1:${port}`, host: '127.0.0.1', hostKind: 'ipv4', port, portSource: 'target' };
}

/** A stand-in tcp.connect check that reports 127.0.0.1 open, as the real one would for a listening port. */
export function openTcpCheck(port: number): CheckDefinition {
  return {
    id: 'tcp.connect',
    path: 'direct',
    title: 'TCP connect',
    needs: [],
    async run() {
      return {
        status: 'pass',
        summary: 'open',
        evidence: {
          kind: 'tcp.connect',
          port,
          timeoutMs: 1000,
          attempts: [
            {
              address: '127.0.0.1',
              family: 4,
              via: 'literal',
              outcome: 'open',
              connectMs: 0.1,
              errorCode: null,
              localAddress: null,
              localPort: null,
            },
          ],
          samples: null,
        },
      };
    },
  };
}

/** Runs tcp.connect (stand-in) and the RDP checks through the real runner; returns results by check id. */
export async function runRdpChecks(port: number, options: RdpCheckOptions): Promise<Map<string, CheckResult>> {
  const checks = rdpChecks(options);
  if (checks.kind === 'err') throw new Error(checks.error.message);
  const plan = [openTcpCheck(port), ...checks.value];
  const outcome = await runPlan(plan, { target: loopbackTarget(port), timeoutMs: 5000, deadlineMs: 30_000 });
  return new Map(outcome.results.map((r) => [r.id, r]));
}
