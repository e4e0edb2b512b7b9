import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../../src/core/bundle/render-report-html.js';
import { styles } from '../../../../src/core/format/ansi.js';
import { renderReportText } from '../../../../src/core/format/report-text.js';
import type { Finding, Report } from '../../../../src/core/report-schema.js';
import { setPortRepair } from '../../../../src/core/vm-checks/vm-repairs.js';
import { sensitiveReport } from '../../../support/bundle-report.js';

const repair = setPortRepair(3389, 3390, { resourceGroup: 'rg1', vmName: 'vm1' });
const finding: Finding = {
  code: 'vm.port-changed',
  severity: 'blocker',
  source: 5,
  candidates: [],
  confidence: 'high',
  title: 'RDP on the VM listens on another port',
  detail: 'RDP listens on 3390 <b>',
  evidence: [],
  remedy: { summary: 'Set it back.', steps: [] },
  repairs: [repair],
};

function report(): Report {
  return { ...sensitiveReport(), findings: [finding] };
}

describe('repairs in the report', () => {
  it('the text names the repair, what it changes, the option that applies it and the az command', () => {
    const text = renderReportText(report(), { os: 'linux', styles: styles(false) });
    expect(text).toContain(`Repair: Make RDP listen on port 3389. ${repair.whatChanges}`);
    expect(text).toContain('--repair set-port');
    expect(text).toContain(repair.azCommand);
  });

  it('the HTML shows the script lines, escaped', () => {
    const html = renderReportHtml(report());
    expect(html).toContain('Set-ItemProperty -Path &quot;HKLM:');
    expect(html).toContain('Restart-Service -Name TermService -Force');
    expect(html).not.toContain('3390 <b>');
  });
});
