import type { CheckResult, Finding, Report } from '../report-schema.js';
import { sourceTitle } from '../source.js';
import { formatTarget } from '../target.js';
import type { Styles } from './ansi.js';
import { renderPathMatrix } from './path-matrix.js';
import { STATUS_MARK } from './status-mark.js';
import { lowerFirst } from './text.js';

/** The user's OS, to pick which remedy commands to show first. */
export type UserOs = 'windows' | 'macos' | 'linux';

/** Maps Node's platform names to the remedy OS names. */
export function userOsOf(platform: string): UserOs {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}

/** One line for a finished check: mark, title, duration, summary. */
export function checkLine(result: CheckResult, s: Styles): string {
  const mark = STATUS_MARK[result.status];
  const colored =
    result.status === 'pass'
      ? s.green(mark)
      : result.status === 'fail' || result.status === 'error' || result.status === 'timeout'
        ? s.red(mark)
        : result.status === 'warn'
          ? s.yellow(mark)
          : s.dim(mark);
  const ms = `${Math.round(result.durationMs)} ms`.padStart(8);
  return `${colored} ${result.title.padEnd(50)} ${s.dim(ms)}  ${result.summary}`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The header the CLI prints before probing: what, and how long it may take at most. */
export function runHeader(
  target: Report['target'],
  options: Pick<Report['options'], 'timeoutMs' | 'deadlineMs' | 'quick'>,
  s: Styles,
): string {
  const portWhy = {
    default: 'the default RDP port',
    target: 'from the target',
    option: 'from --port',
    'rdp-file': `from ${target.rdpFile?.path ?? 'the .rdp file'}`,
  }[target.portSource];
  return [
    `${s.bold('RDP Probe')} ${formatTarget(target)} ${s.dim(`(port ${target.port}: ${portWhy})`)}`,
    s.dim(
      `Each check times out after ${seconds(options.timeoutMs)}; the run stops after ${seconds(options.deadlineMs)} at most.${options.quick ? ' Quick plan: DNS, TCP and one RDP handshake.' : ''}`,
    ),
  ].join('\n');
}

function findingBlock(finding: Finding, index: number, os: UserOs, s: Styles): string[] {
  const severity =
    finding.severity === 'blocker'
      ? s.red('blocker')
      : finding.severity === 'warning'
        ? s.yellow('warning')
        : s.cyan('info');
  const where = `${sourceTitle(finding.source)}${finding.candidates.length > 0 ? ` (could also be: ${finding.candidates.map((c) => lowerFirst(sourceTitle(c))).join(', ')})` : ''}`;
  const steps = finding.remedy.steps.filter((step) => step.os === os || step.os === 'azure-cli' || step.os === 'any');
  const label = { any: '', windows: 'Windows', macos: 'macOS', linux: 'Linux', 'azure-cli': 'Azure CLI' } as const;
  return [
    `${index + 1}. [${severity}] ${s.bold(finding.title)} ${s.dim(finding.code)}`,
    `   Where: ${where} · confidence ${finding.confidence}`,
    `   Seen:  ${finding.detail}`,
    `   Fix:   ${finding.remedy.summary}`,
    ...steps.flatMap((step) => [
      `     ${s.dim(`${label[step.os] ? `${label[step.os]}: ` : ''}${step.label}`)}`,
      `       ${s.cyan(step.command)}`,
    ]),
    ...(finding.repairs ?? []).flatMap((repair) => [
      `   Repair: ${repair.title}. ${repair.whatChanges}`,
      `     ${s.dim('RDP Probe (shows this and asks before changing anything)')}`,
      `       ${s.cyan(`--repair ${repair.id.replace(/^vm\.repair\./, '')}`)}`,
      `     ${s.dim('Azure CLI: the same, by hand')}`,
      `       ${s.cyan(repair.azCommand)}`,
    ]),
    ...finding.evidence.map((e) => `   ${s.dim(`Evidence ${e.check}: ${e.says}`)}`),
  ];
}

/** Short names of the places for the one-line path. */
const PLACE_LABELS = ['target', 'your computer', 'your network edge', 'Azure endpoint', 'NSGs', 'VM'] as const;

/** The whole report as text: verdict, findings first (with fixes for the user's OS), then evidence. */
export function renderReportText(report: Report, options: { readonly os: UserOs; readonly styles: Styles }): string {
  const s = options.styles;
  const v = report.verdict;
  const headline =
    v.reachable === 'yes' ? s.green('REACHABLE') : v.reachable === 'no' ? s.red('NOT REACHABLE') : s.yellow('UNKNOWN');
  const lines = [`${s.bold('Verdict:')} ${headline} — ${v.summary}`];
  if (v.likelySource !== null) {
    const others =
      v.candidates.length > 0
        ? `; could also be: ${v.candidates.map((c) => lowerFirst(sourceTitle(c))).join(', ')}`
        : '';
    lines.push(`Most likely at: ${sourceTitle(v.likelySource)} (confidence ${v.confidence}${others})`);
  }
  const mark = { pass: s.green('✓'), warn: s.yellow('!'), fail: s.red('✗'), unknown: s.dim('?') } as const;
  lines.push(`Path: ${v.places.map((p) => `${mark[p.state]} ${PLACE_LABELS[p.source]}`).join('  →  ')}`);
  if (report.run.ended !== 'completed') {
    lines.push(
      s.yellow(
        `The run was ${report.run.ended === 'deadline' ? 'stopped at its deadline' : 'cancelled'}: results are partial.`,
      ),
    );
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('No problems found.');
  else {
    lines.push(s.bold('Findings'));
    report.findings.forEach((f, i) => {
      lines.push(...findingBlock(f, i, options.os, s));
    });
  }
  lines.push('', s.bold('Checks'));
  for (const check of report.checks) {
    lines.push(`${checkLine(check, s)}${check.path === 'direct' ? '' : s.dim(` [${check.path}]`)}`);
  }
  const matrix = renderPathMatrix(report.checks, s);
  if (matrix.length > 0) lines.push('', ...matrix);
  lines.push(s.dim(`Finished in ${Math.round(report.run.durationMs)} ms.`));
  return lines.join('\n');
}
