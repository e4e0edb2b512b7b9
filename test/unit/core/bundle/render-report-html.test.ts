import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../src/core/bundle/html-escape.js';
import { REPORT_HTML_CSP, renderReportHtml } from '../../../../src/core/bundle/render-report-html.js';
import { sensitiveReport } from '../../../support/bundle-report.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><iframe src=//evil>',
  'x\u202etxt.exe<!--',
];

describe('renderReportHtml', () => {
  it.each(HOSTILE)('escapes a hostile certificate CN: %s', (cn) => {
    const html = renderReportHtml(sensitiveReport(cn));
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html.toLowerCase()).not.toContain('<img');
    expect(html.toLowerCase()).not.toContain('<svg');
    expect(html.toLowerCase()).not.toContain('<iframe');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('\u202e');
    expect(html).toContain(escapeHtml(cn));
  });

  it('carries a CSP that forbids scripts, as the first thing after the charset', () => {
    const html = renderReportHtml(sensitiveReport());
    expect(REPORT_HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toMatch(
      /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/,
    );
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|\son[a-z]+=|javascript:|href=|src=/i);
  });

  it('shows findings (with fixes and commands) before checks, then the evidence', () => {
    const html = renderReportHtml(sensitiveReport());
    const findings = html.indexOf('<h2>Findings (1)</h2>');
    const command = html.indexOf('az network nsg rule create');
    const checks = html.indexOf('<h2>Checks (7)</h2>');
    const evidence = html.indexOf('<h2>Evidence</h2>');
    expect(findings).toBeGreaterThan(0);
    expect(command).toBeGreaterThan(findings);
    expect(checks).toBeGreaterThan(command);
    expect(evidence).toBeGreaterThan(checks);
    expect(html).toContain('Allow RDP from your public IP in the NSG.');
    expect(html).toContain('<dt>subject alt names</dt>');
  });

  it('says what was masked', () => {
    expect(renderReportHtml(sensitiveReport(), { redacted: ['host-names'] })).toContain('masked: host-names.');
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters and makes control and bidi characters visible', () => {
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
    expect(escapeHtml('a\u0000b\u202ec\u001b')).toBe('a\\u0000b\\u202ec\\u001b');
  });
});
