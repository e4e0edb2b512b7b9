import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAzureSnapshot } from '../../../../src/core/azure/build-snapshot.js';
import { collectSensitiveNames } from '../../../../src/core/bundle/collect-names.js';
import { redactReport } from '../../../../src/core/bundle/redact-report.js';
import { FULL_REDACTION } from '../../../../src/core/bundle/redaction-categories.js';
import { type Report, ReportSchema } from '../../../../src/core/report-schema.js';
import { parseVmCheckOutput } from '../../../../src/core/vm-checks/parse-vm-check-output.js';
import { sensitiveReport } from '../../../support/bundle-report.js';
import { docs, publicIpShow, vmShowDetails } from '../azure/azure-fixtures.js';
import { COLLECTED_AT, fixtureText } from '../vm-checks/vm-check-fixtures.js';

// The VM's computer name reaches a report from Azure's instance view and from inside the VM; its public DNS
// name from the public IP. A bundle masking host names must mask them wherever they appear.
function reportWithAzure(): Report {
  const { snapshot } = buildAzureSnapshot(docs({ 'vm.json': vmShowDetails(), 'pip.json': publicIpShow() }), {
    kind: 'offline',
    inputs: [],
  });
  const parsed = parseVmCheckOutput(fixtureText('healthy.txt'), 'healthy.txt');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return {
    ...sensitiveReport(),
    azure: snapshot,
    vmChecks: { source: 'imported', collectedAt: COLLECTED_AT, output: parsed.value, problem: null },
  };
}

describe('Azure names in bundles', () => {
  it('are collected as host names and masked with the host-names category', () => {
    const report = reportWithAzure();
    const names = collectSensitiveNames(report).hostNames;
    expect(names).toContain('win-vm01');
    expect(names).toContain('vm1.eastus.cloudapp.azure.com');
    const hmac = (value: string) => createHmac('sha256', 'k').update(value).digest('hex');
    const out = redactReport(report, FULL_REDACTION, hmac);
    ReportSchema.parse(out);
    const text = JSON.stringify(out).toLowerCase();
    expect(text).not.toContain('win-vm01');
    expect(text).not.toContain('vm1.eastus');
  });
});
