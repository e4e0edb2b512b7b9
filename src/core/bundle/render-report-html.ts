import type { CheckResult, Finding, Report } from '../report-schema.js';
import { sourceTitle } from '../source.js';
import { formatTarget } from '../target.js';
import { escapeHtml as e } from './html-escape.js';
import { renderValueHtml } from './render-value-html.js';
import { REPORT_HTML_STYLE } from './report-html-style.js';

/** Forbids every script, frame, font, connection and remote image: the file is read, never run. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const OS_LABEL = { any: 'Any system', windows: 'Windows', macos: 'macOS', linux: 'Linux', 'azure-cli': 'Azure CLI' };

function findingHtml(f: Finding, index: number): string {
  const where = [f.source, ...f.candidates].map((s) => e(sourceTitle(s)));
  const steps = f.remedy.steps.map(
    (step) =>
      `<li><span class="muted">${e(OS_LABEL[step.os])}:</span> ${e(step.label)}<pre><code>${e(step.command)}</code></pre></li>`,
  );
  const evidence = f.evidence.map((x) => `<li><code>${e(x.check)}</code>: ${e(x.says)}</li>`);
  const repairs = (f.repairs ?? []).map(
    (r) =>
      `<li><strong>${e(r.title)}</strong>: ${e(r.whatChanges)}${r.script === null ? '' : `<pre><code>${e(r.script.join('\n'))}</code></pre>`}<span class="muted">Azure CLI:</span><pre><code>${e(r.azCommand)}</code></pre></li>`,
  );
  return `<article class="finding">
<h3>${index + 1}. <span class="sev ${e(f.severity)}">${e(f.severity)}</span>${e(f.title)} <code class="muted">${e(f.code)}</code></h3>
<dl><dt>Where</dt><dd>${where[0]}${where.length > 1 ? ` <span class="muted">(could also be: ${where.slice(1).join(', ')})</span>` : ''}</dd>
<dt>Confidence</dt><dd>${e(f.confidence)}</dd><dt>Seen</dt><dd>${e(f.detail)}</dd><dt>Fix</dt><dd>${e(f.remedy.summary)}</dd></dl>
${steps.length > 0 ? `<ol>${steps.join('')}</ol>` : ''}
${repairs.length > 0 ? `<p class="muted">Repairs (each changes the VM; run only after reading what it changes):</p><ul>${repairs.join('')}</ul>` : ''}
${evidence.length > 0 ? `<p class="muted">Evidence:</p><ul>${evidence.join('')}</ul>` : ''}
</article>`;
}

function checkRow(c: CheckResult): string {
  return `<tr><td class="st ${e(c.status)}">${e(c.status)}</td><td>${e(c.title)}</td><td><code>${e(c.path)}</code></td><td>${e(String(Math.round(c.durationMs)))} ms</td><td>${e(c.summary)}</td></tr>`;
}

function evidenceHtml(c: CheckResult): string {
  return `<details><summary>${e(c.title)} <code class="muted">${e(c.id)}@${e(c.path)}</code></summary>
<p>${e(c.summary)}</p>${renderValueHtml(c.evidence)}</details>`;
}

/**
 * The report as one self-contained HTML page that needs no script: verdict, findings with their
 * fixes and commands, the checks, then every check's evidence. Every string is escaped and a
 * Content-Security-Policy forbids scripts, because certificate names and banners are attacker-chosen.
 */
export function renderReportHtml(report: Report, options: { readonly redacted?: readonly string[] } = {}): string {
  const v = report.verdict;
  const target = formatTarget(report.target);
  const headline = { yes: 'Reachable', no: 'Not reachable', unknown: 'Unknown' }[v.reachable];
  const likely =
    v.likelySource === null
      ? ''
      : `<p>Most likely at: ${e(sourceTitle(v.likelySource))} (confidence ${e(v.confidence)})${v.candidates.length > 0 ? `; could also be: ${v.candidates.map((s) => e(sourceTitle(s))).join(', ')}` : ''}</p>`;
  const partial =
    report.run.ended === 'completed'
      ? ''
      : `<p><strong>The run ended early (${e(report.run.ended)}): results are partial.</strong></p>`;
  const redacted =
    options.redacted === undefined || options.redacted.length === 0
      ? 'Credentials and tokens were removed.'
      : `Credentials and tokens were removed; masked: ${options.redacted.map(e).join(', ')}.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RDP Probe report: ${e(target)}</title>
<style>${REPORT_HTML_STYLE}</style>
</head>
<body>
<header><h1>RDP Probe report</h1><p><strong>${e(target)}</strong> <span class="muted">(port from ${e(report.target.portSource)}${report.target.rdpFile === undefined ? '' : `, file ${e(report.target.rdpFile.path)}`})</span></p>
<p class="muted">Run ${e(report.run.startedAt)}, ${e(String(Math.round(report.run.durationMs)))} ms · ${e(report.tool.name)} ${e(report.tool.version)} on ${e(report.platform.os)} ${e(report.platform.release)} (${e(report.platform.arch)})${report.options.quick ? ' · quick plan' : ''}</p></header>
<section class="verdict ${e(v.reachable)}"><h2>Verdict: ${e(headline)}</h2><p>${e(v.summary)}</p>${likely}${partial}</section>
<section><h2>Findings (${report.findings.length})</h2>
${report.findings.length === 0 ? '<p>No problems found.</p>' : report.findings.map(findingHtml).join('\n')}
</section>
<section><h2>Checks (${report.checks.length})</h2>
<table><thead><tr><th>Status</th><th>Check</th><th>Path</th><th>Time</th><th>Result</th></tr></thead>
<tbody>${report.checks.map(checkRow).join('\n')}</tbody></table></section>
<section><h2>Evidence</h2>
${report.checks.map(evidenceHtml).join('\n')}
</section>
<footer><p>${redacted}</p></footer>
</body>
</html>
`;
}
