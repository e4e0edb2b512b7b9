import { existsSync } from 'node:fs';
import type { AzureSnapshot } from '../core/azure/snapshot-schema.js';
import { compareReports } from '../core/compare.js';
import { styles } from '../core/format/ansi.js';
import { renderReportText, runHeader, userOsOf } from '../core/format/report-text.js';
import type { Report } from '../core/report-schema.js';
import { type InputError, inputError } from '../core/result.js';
import type { VmChecks } from '../core/vm-checks/vm-check-schema.js';
import { DEFAULT_EXTRA_PORTS } from '../node/checks/tcp-ports-check.js';
import { DEFAULT_EGRESS_RESOLVERS, DEFAULT_EGRESS_URL } from '../node/egress/egress-resolvers.js';
import { type AzureLiveRequest, deadlineFor, runProbe, type VmChecksLiveRequest } from '../node/probe.js';
import { resolveTargetInput } from '../node/target-input.js';
import { TOOL_VERSION } from '../version.js';
import { type Command, type ProbeArgs, parseCommandLine } from './args.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { resolveBinds } from './path-args.js';
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
  /** Asks the user a yes/no question on the terminal; absent without one (CI, pipes): nothing is assumed. */
  readonly confirm?: (question: string) => Promise<boolean>;
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
  const parsed = parseCommandLine(argv, io.env);
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
      const { readReportOrBundle } = await import('../node/bundle/read-bundle.js');
      const loaded = await readReportOrBundle(command.file);
      if (loaded.kind === 'err') return badInput(io, loaded.error);
      const report = loaded.value.report;
      if (command.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else
        io.stdout(
          `${renderReportText(report, { os: userOsOf(process.platform), styles: styles(colorFor(io, io.stdoutIsTty)) })}\n`,
        );
      return exitCodeFor(report);
    }
    case 'compare': {
      const { readReportOrBundle } = await import('../node/bundle/read-bundle.js');
      const a = await readReportOrBundle(command.a);
      if (a.kind === 'err') return badInput(io, a.error);
      const b = await readReportOrBundle(command.b);
      if (b.kind === 'err') return badInput(io, b.error);
      const comparison = compareReports(a.value.report, b.value.report, [command.a, command.b]);
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
    case 'script': {
      // The read-only VM check script, for an admin to run by hand (its output goes to --vm-checks-output).
      const { readCheckScript } = await import('../node/vm-checks/check-script.js');
      const script = await readCheckScript();
      io.stdout(script.text);
      io.stderr(
        `rdp-probe: check-rdp.ps1, SHA-256 ${script.sha256}. It only reads. Run it on the VM as an administrator (or: az vm run-command invoke --command-id RunPowerShellScript --scripts @check-rdp.ps1 …) and give its output to --vm-checks-output.\n`,
      );
      return 0;
    }
    case 'probe':
      return probe(command, io);
  }
}

async function probe(args: ProbeArgs, io: CliIo): Promise<number> {
  const target = await resolveTargetInput(args.target, args.port);
  if (target.kind === 'err') return badInput(io, target.error);
  const binds = resolveBinds(args.bind, target.value);
  if (binds.kind === 'err') return badInput(io, binds.error);
  // Refuse an existing --out file before probing, not after the user waited for the run.
  if (args.bundle !== null && !args.bundle.force && existsSync(args.bundle.path)) {
    return badInput(
      io,
      inputError('--out', `${args.bundle.path} already exists; choose another name or add --force to overwrite it.`),
    );
  }
  let azureSnapshot: AzureSnapshot | null = null;
  if (args.azureSnapshot.length > 0) {
    // Loaded on demand: reading Azure's JSON needs zod, which probing does not.
    const { readAzureSnapshot } = await import('../node/azure/offline/read-azure-snapshot.js');
    const snapshot = await readAzureSnapshot(args.azureSnapshot);
    if (snapshot.kind === 'err') return badInput(io, snapshot.error);
    for (const problem of snapshot.value.problems) io.stderr(`rdp-probe: warning: ${problem.message}\n`);
    azureSnapshot = snapshot.value;
  }
  let azureLive: AzureLiveRequest | null = null;
  if (args.azure !== null) {
    // Loaded on demand: the Azure SDK and identity library are large, and most runs do not read Azure.
    const { prepareConnection } = await import('../node/azure/live/prepare-connection.js');
    const connection = await prepareConnection({
      ...args.azure,
      signIn: { ...args.azure.signIn, onDeviceCode: (message) => io.stderr(`${message}\n`) },
    });
    if (connection.kind === 'err') return badInput(io, connection.error);
    azureLive = { connection: connection.value, locator: args.azure.locator, timeoutMs: args.azure.timeoutMs };
  }
  let vmChecksLive: VmChecksLiveRequest | null = null;
  if (args.vm.run && azureLive !== null) {
    const { readCheckScript } = await import('../node/vm-checks/check-script.js');
    const script = await readCheckScript();
    io.stderr(
      `With --vm-checks, the read-only script check-rdp.ps1 (SHA-256 ${script.sha256.slice(0, 16)}…) runs inside the VM through Run Command; print it with: rdp-probe script\n`,
    );
    vmChecksLive = { script, consent: { scriptSha256: script.sha256 }, timeoutMs: args.vm.timeoutMs };
  }
  let vmChecks: VmChecks | null = null;
  if (args.vm.outputFile !== null) {
    const { readInputFile } = await import('../node/read-input-file.js');
    const { importVmCheckOutput } = await import('../core/vm-checks/vm-check-input.js');
    const bytes = await readInputFile(args.vm.outputFile, "check-rdp.ps1's output", 1024 * 1024);
    if (bytes.kind === 'err') return badInput(io, bytes.error);
    const imported = importVmCheckOutput(bytes.value, `file ${args.vm.outputFile}`, new Date().toISOString());
    if (imported.kind === 'err') return badInput(io, imported.error);
    vmChecks = imported.value;
  }
  let pac: { location: string; script: string } | null = null;
  if (args.pac !== null) {
    const { preparePac } = await import('../node/proxy/prepare-pac.js');
    const prepared = await preparePac(args.pac, target.value, {
      timeoutMs: args.timeoutMs,
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
    if (prepared.kind === 'err') return badInput(io, prepared.error);
    pac = prepared.value;
  }
  const request = {
    target: target.value,
    proxy: { proxies: args.proxies, pac, env: io.env, osSettings: true, external: args.external },
    ports: args.ports ?? DEFAULT_EXTRA_PORTS,
    tls: args.tlsEndpoint === null ? null : { endpoint: args.tlsEndpoint, external: args.external },
    egress: {
      external: args.external,
      resolvers: args.egressResolvers ?? DEFAULT_EGRESS_RESOLVERS,
      url: args.egressUrl ?? DEFAULT_EGRESS_URL,
    },
    azureSnapshot,
    azureLive,
    vmChecksLive,
    vmChecks,
    sourceIp: args.sourceIp,
    clientErrorCode: args.clientErrorCode,
    timeoutMs: args.timeoutMs,
    quick: args.quick,
    expectIp: args.expectIp,
    nameservers: args.nameservers,
    routingToken: args.routingToken,
    expectName: args.expectName,
    binds: binds.value,
  };
  const errStyles = styles(colorFor(io, io.stderrIsTty));
  // With --json, stdout carries the report only; progress goes to stderr when someone watches it.
  const showProgress = !args.json || io.stderrIsTty;
  if (showProgress) {
    const deadlineMs = deadlineFor(request);
    const header = runHeader(target.value, { timeoutMs: args.timeoutMs, deadlineMs, quick: args.quick }, errStyles);
    io.stderr(`${header}\n`);
  }
  const probed = await runProbe(request, {
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    ...(showProgress
      ? { onProgress: progressPrinter((line) => io.stderr(`${line}\n`), errStyles, io.stderrIsTty) }
      : {}),
  });
  const printText = (report: Report) =>
    io.stdout(
      `${renderReportText(report, { os: userOsOf(process.platform), styles: styles(colorFor(io, io.stdoutIsTty)) })}\n`,
    );
  if (!args.json) {
    if (showProgress) io.stderr('\n');
    printText(probed);
  }
  let report = probed;
  if (args.vm.repair !== null && azureLive !== null) {
    // The user has seen the diagnosis (or asked for JSON); the repair's own confirmation comes next.
    const { runRepairFlow } = await import('./repair-flow.js');
    const after = await runRepairFlow(
      probed,
      {
        repairId: args.vm.repair.id,
        confirmedUpFront: args.vm.repair.confirmed,
        azure: azureLive,
        vmChecks: vmChecksLive,
        clientErrorCode: args.clientErrorCode,
      },
      io,
    );
    if (after !== null) {
      report = after;
      if (!args.json) {
        io.stdout('\nAfter the repair:\n');
        printText(after);
      }
    }
  }
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  if (args.bundle !== null) {
    // Loaded on demand: bundles need zod and the zip writer, which probing does not.
    const { writeBundle } = await import('../node/bundle/write-bundle.js');
    const written = await writeBundle(report, args.bundle);
    if (written.kind === 'err') return badInput(io, written.error);
    io.stderr(`Bundle written: ${written.value.path} (${written.value.bytes} bytes)\n`);
  }
  return exitCodeFor(report);
}
