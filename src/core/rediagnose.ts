import { diagnose } from './diagnosis.js';
import type { Report } from './report-schema.js';
import type { Target } from './target.js';
import type { VmChecks } from './vm-checks/vm-check-schema.js';

/**
 * A finished report diagnosed again with new VM checks (after a repair re-ran them): the same checks and
 * Azure side, the new `vmChecks`, findings and verdict recomputed.
 */
export function rediagnoseWithVmChecks(report: Report, vmChecks: VmChecks, clientErrorCode: number | null): Report {
  const { rdpFile, ...rest } = report.target;
  // The schema's optional fields may hold `undefined`; Target's may only be absent.
  const target: Target = {
    ...rest,
    ...(rdpFile === undefined
      ? {}
      : { rdpFile: { path: rdpFile.path, ...(rdpFile.gateway === undefined ? {} : { gateway: rdpFile.gateway }) } }),
  };
  const { findings, verdict } = diagnose({
    target,
    checks: report.checks,
    expectIp: report.options.expectIp,
    expectedHostName: report.options.expectName,
    azureSnapshot: report.azure ?? null,
    sourceIp: report.options.sourceIp ?? null,
    clientErrorCode,
    vmChecks,
  });
  return { ...report, vmChecks, findings, verdict };
}
