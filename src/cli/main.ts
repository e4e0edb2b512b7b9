import { compareReports } from '../core/compare.js';
import { styles } from '../core/format/ansi.js';
import { renderReportText, runHeader, userOsOf } from '../core/format/report-text.js';
import type { InputError } from '../core/result.js';
import { deadlineFor, runProbe } from '../node/probe.js';
import { resolveTargetInput } from '../node/target-input.js';
import { TOOL_VERSION } from '../version.js';
import { type Command, type ProbeArgs, parseCommandLine } from './args.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { progressPrinter } from './progress.js';
import { usage } from './usage.js';

/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

function colorFor(io: CliIo, tty: boolean): boolean {
  return tty && (io.env.NO_COLOR === undefined || io.env.NO_COLOR === '') && io.env.TERM !== 'dumb';
}

function badInput(io: CliIo, error: InputError): number {
  io.stderr(`rdp-probe: ${error.message}\n`);
  return EXIT.badInput;
}

/** Runs the command line and returns the exit code. Expected failures print one line; only bugs throw. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.kind === 'err') return badInput(io, parsed.error);
  const command: Command = parsed.value;
  switch (command.kind) {
    case 'help':
      io.stdout(usage());
      return 0;
    case 'version':
      io.stdout(`${TOOL_VERSION}\n`);
      return 0;
    case 'show': {
      // Loaded on demand: validating a report needs zod, which probing does not.
      const { readReportFile } = await import('../node/report-file.js');
      const report = await readReportFile(command.file);
      if (report.kind === 'err') return badInput(io, report.error);
      if (command.json) io.stdout(`${JSON.stringify(report.value, null, 2)}\n`);
      else
        io.stdout(
          `${renderReportText(report.value, { os: userOsOf(process.platform), styles: styles(colorFor(io, io.stdoutIsTty)) })}\n`,
        );
      return exitCodeFor(report.value);
    }
    case 'compare': {
      const { readReportFile } = await import('../node/report-file.js');
      const a = await readReportFile(command.a);
      if (a.kind === 'err') return badInput(io, a.error);
      const b = await readReportFile(command.b);
      if (b.kind === 'err') return badInput(io, b.error);
      const comparison = compareReports(a.value, b.value, [command.a, command.b]);
      if (command.json) {
        io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
      } else {
        const s = styles(colorFor(io, io.stdoutIsTty));
        const rows = comparison.checks
          .filter((c) => c.differs)
          .map(
            (c) =>
              `  ${c.key}: ${c.a?.status ?? 'absent'} → ${c.b?.status ?? 'absent'}  ${s.dim(c.b?.summary ?? c.a?.summary ?? '')}`,
          );
        io.stdout(
          `${s.bold(comparison.conclusion)}\n${rows.length > 0 ? `Differences:\n${rows.join('\n')}` : 'No check differs.'}\n`,
        );
      }
      return 0;
    }
    case 'probe':
      return probe(command, io);
  }
}

async function probe(args: ProbeArgs, io: CliIo): Promise<number> {
  const target = await resolveTargetInput(args.target, args.port);
  if (target.kind === 'err') return badInput(io, target.error);
  const request = {
    target: target.value,
    timeoutMs: args.timeoutMs,
    quick: args.quick,
    expectIp: args.expectIp,
    nameservers: args.nameservers,
    routingToken: args.routingToken,
    expectName: args.expectName,
  };
  const errStyles = styles(colorFor(io, io.stderrIsTty));
  // With --json, stdout carries the report only; progress goes to stderr when someone watches it.
  const showProgress = !args.json || io.stderrIsTty;
  if (showProgress) {
    const deadlineMs = deadlineFor(request);
    const header = runHeader(target.value, { timeoutMs: args.timeoutMs, deadlineMs, quick: args.quick }, errStyles);
    io.stderr(`${header}\n`);
  }
  const report = await runProbe(request, {
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    ...(showProgress
      ? { onProgress: progressPrinter((line) => io.stderr(`${line}\n`), errStyles, io.stderrIsTty) }
      : {}),
  });
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    if (showProgress) io.stderr('\n');
    io.stdout(
      `${renderReportText(report, { os: userOsOf(process.platform), styles: styles(colorFor(io, io.stdoutIsTty)) })}\n`,
    );
  }
  return exitCodeFor(report);
}
