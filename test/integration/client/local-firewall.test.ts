import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientFirewallEvidence } from '../../../src/core/report-schema.js';
import { ReportSchema } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { clientFirewallCheck } from '../../../src/node/checks/client-firewall-check.js';
import type { FirewallCommands } from '../../../src/node/client/local-firewall.js';
import type { CheckOutcome } from '../../../src/node/runner/check-definition.js';
import { runCliProcess } from '../../support/cli.js';
import { startTcpListener } from '../../support/listener.js';
import { canUseNamespaces, createNamespace, type TestNamespace } from '../../support/netns.js';

const VM = '198.18.0.70';
const OTHER = '198.18.0.71';
const NONE = '/nonexistent/rdp-probe-test';

const namespaces = canUseNamespaces(['nft', 'setpriv']);
if (!namespaces.ok) console.warn(`Skipped local firewall tests: ${namespaces.why}.`);

/** Runs the real client.firewall check in this process with the given tool paths, bounded by `timeoutMs`. */
async function runCheck(host: string, commands: FirewallCommands, timeoutMs = 4000, signal?: AbortSignal) {
  const target = parseTarget(host);
  if (target.kind === 'err') throw new Error(target.error.message);
  const check = clientFirewallCheck({ platform: 'linux', commands });
  const started = performance.now();
  const outcome: CheckOutcome = await check.run({
    signal: signal ?? new AbortController().signal,
    timeoutMs,
    target: target.value,
    result: () => undefined,
  });
  return { outcome, ms: performance.now() - started, evidence: outcome.evidence as ClientFirewallEvidence };
}

describe('client.firewall without the tools or the rights to read them', () => {
  it('is skipped, with the reason, when neither nft nor iptables-save is installed', async () => {
    const { outcome, evidence } = await runCheck(VM, { nft: `${NONE}/nft`, iptablesSave: `${NONE}/iptables-save` });
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe(
      'Could not read the firewall: nft is not installed; iptables-save is not installed. Neither nft nor iptables-save is installed.',
    );
    expect(evidence).toMatchObject({
      kind: 'client.firewall',
      os: 'linux',
      port: 3389,
      addresses: [VM],
      enabled: null,
      blocking: [],
      tools: [
        { command: 'nft -j list ruleset', outcome: 'absent' },
        { command: 'iptables-save', outcome: 'absent' },
      ],
    });
  });

  it('honours its timeout when a tool hangs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpt-fw-'));
    try {
      const hang = join(dir, 'nft');
      writeFileSync(hang, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(hang, 0o755);
      const { outcome, ms, evidence } = await runCheck(VM, { nft: hang, iptablesLegacySave: `${NONE}/legacy` }, 400);
      expect(ms).toBeLessThan(2000);
      expect(outcome.status).toBe('error');
      expect(evidence.tools).toEqual([
        { command: 'nft -j list ruleset', outcome: 'timeout', message: 'nft -j list ruleset gave no answer in time' },
      ]);
      // An aborted run does not start the tool at all.
      const stopped = new AbortController();
      stopped.abort();
      const aborted = await runCheck(VM, { nft: hang, iptablesLegacySave: `${NONE}/legacy` }, 4000, stopped.signal);
      expect(aborted.ms).toBeLessThan(1000);
      expect(aborted.evidence.tools[0]?.outcome).toBe('failed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Writes an executable shell script and returns its path. */
function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

// The Windows and macOS readers with stand-in tools that print the hand-written fixtures (see the unit
// tests): what is tested here is the check around the parsers (tool runs, denial, verdict), not the OS.
describe('client.firewall on Windows and macOS, with stand-in tools printing hand-written output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpt-fw-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function runAs(platform: NodeJS.Platform, host: string, commands: FirewallCommands) {
    const target = parseTarget(host);
    if (target.kind === 'err') throw new Error(target.error.message);
    const outcome = await clientFirewallCheck({ platform, commands }).run({
      signal: new AbortController().signal,
      timeoutMs: 4000,
      target: target.value,
      result: () => undefined,
    });
    return { outcome, evidence: outcome.evidence as ClientFirewallEvidence };
  }

  it('Windows: runs the one PowerShell script and fails on the block rule it lists', async () => {
    const powershell = script(
      dir,
      'powershell.exe',
      `case "$4" in *Get-NetFirewallRule*) cat '${join(FIXTURES, 'windows', 'firewall-outbound-block.json')}';; *) exit 3;; esac`,
    );
    const { outcome, evidence } = await runAs('win32', '198.18.0.10', { powershell });
    expect(outcome.status).toBe('fail');
    expect(evidence.os).toBe('windows');
    expect(evidence.blocking.map((b) => b.name)).toEqual(['Block Remote Desktop out']);
    expect(outcome.summary).toContain('"Block Remote Desktop out"');
  });

  it('Windows: skipped when PowerShell is missing', async () => {
    const { outcome } = await runAs('win32', '198.18.0.10', { powershell: `${NONE}/powershell.exe` });
    expect(outcome).toMatchObject({
      status: 'skipped',
      summary: 'Could not read the firewall: powershell.exe is not installed.',
    });
  });

  it('macOS: notes that the Application Firewall is inbound-only and weighs pf', async () => {
    const mac = join(FIXTURES, 'macos');
    const socketfilterfw = script(
      dir,
      'socketfilterfw',
      `case "$1" in --getglobalstate) cat '${mac}/socketfilterfw-globalstate.txt';; *) cat '${mac}/socketfilterfw-blockall.txt';; esac`,
    );
    const pfctl = script(
      dir,
      'pfctl',
      `case "$2" in info) cat '${mac}/pfctl-info.txt';; *) cat '${mac}/pfctl-rules.txt';; esac`,
    );
    const { outcome, evidence } = await runAs('darwin', '198.18.0.10:22', { socketfilterfw, pfctl });
    expect(evidence.notes[0]).toBe(
      'The Application Firewall is on; it filters incoming connections only, so it cannot block RDP out.',
    );
    expect(outcome.status).toBe('pass');
    const blocked = await runAs('darwin', '198.18.0.10:3500', { socketfilterfw, pfctl });
    expect(blocked.outcome.status).toBe('fail');
    expect(blocked.evidence.blocking).toMatchObject([{ ref: 'pf rule 2', scope: 'pf', certain: true }]);
    // On 3389 a later pass on utun3 may let it out: a warning that names that rule.
    const rdp = await runAs('darwin', '198.18.0.10', { socketfilterfw, pfctl });
    expect(rdp.outcome.status).toBe('warn');
    expect(rdp.outcome.summary).toContain('(pf rule 4) matches');
  });

  it('macOS: skipped when pf cannot be read without root, even though the app firewall was read', async () => {
    const socketfilterfw = script(dir, 'socketfilterfw-on', "echo 'Firewall is enabled. (State = 1)'");
    const pfctl = script(dir, 'pfctl-denied', "echo 'pfctl: /dev/pf: Permission denied' >&2; exit 1");
    const { outcome, evidence } = await runAs('darwin', '198.18.0.10', { socketfilterfw, pfctl });
    expect(outcome.status).toBe('skipped');
    expect(evidence.tools.find((t) => t.command === 'pfctl -s info')).toEqual({
      command: 'pfctl -s info',
      outcome: 'denied',
      message: 'pfctl -s info needs administrator rights ("pfctl: /dev/pf: Permission denied")',
    });
    expect(outcome.summary).toContain("pf's state and rules can only be read as root");
  });
});

describe.skipIf(!namespaces.ok)('client.firewall against real nftables rules in a namespace', () => {
  let ns: TestNamespace;
  let dir: string;
  let nftInNs: string;
  beforeAll(async () => {
    ns = createNamespace([`${VM}/32`, `${OTHER}/32`]);
    // The user's own firewall: RDP out to VM is rejected (the connect is refused before it leaves).
    ns.run('nft', ['add', 'table', 'inet', 'desk']);
    ns.run('nft', ['add', 'chain', 'inet', 'desk', 'output', '{ type filter hook output priority 0 ; }']);
    ns.run('nft', [
      'add',
      'rule',
      'inet',
      'desk',
      'output',
      'ip',
      'daddr',
      VM,
      'tcp',
      'dport',
      '3389',
      'counter',
      'reject',
      'comment',
      '"no rdp to the lab"',
    ]);
    await startTcpListener(ns, VM, 3389);
    await startTcpListener(ns, OTHER, 3389);
    dir = mkdtempSync(join(tmpdir(), 'rpt-fw-'));
    // nft as the check runs it, but inside the test's namespace.
    nftInNs = join(dir, 'nft');
    writeFileSync(nftInNs, `#!/bin/sh\nexec ip netns exec ${ns.name} nft "$@"\n`);
    chmodSync(nftInNs, 0o755);
  }, 30_000);
  afterAll(() => {
    ns?.destroy();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the rule that rejects the port, with its destination, from real nft output', async () => {
    const { outcome, evidence } = await runCheck(VM, { nft: nftInNs, iptablesLegacySave: `${NONE}/legacy` });
    expect(outcome.status).toBe('fail');
    expect(evidence.tools).toEqual([{ command: 'nft -j list ruleset', outcome: 'read', message: null }]);
    expect(evidence.enabled).toBe(true);
    expect(evidence.defaultOutbound).toEqual([{ scope: 'inet desk output', action: 'allow', active: true }]);
    expect(evidence.blocking).toEqual([
      {
        kind: 'rule',
        ref: 'inet desk output handle 2',
        name: 'no rdp to the lab',
        scope: 'inet desk output',
        action: 'reject',
        matches: `ip daddr ${VM} tcp dport 3389`,
        destinations: [VM],
        conditions: [],
        certain: true,
      },
    ]);
    expect(outcome.summary).toBe(
      `Your firewall blocks TCP port 3389 out: "no rdp to the lab" (inet desk output handle 2): reject ip daddr ${VM} tcp dport 3389.`,
    );
    // Another address is not concerned by the rule.
    const other = await runCheck(OTHER, { nft: nftInNs, iptablesLegacySave: `${NONE}/legacy` });
    expect(other.outcome).toMatchObject({
      status: 'pass',
      summary: 'No rule of your firewall blocks TCP port 3389 out (nft).',
    });
  });

  it('is skipped, with the reason, when nft runs without root', async () => {
    const nobody = join(dir, 'nft-as-nobody');
    writeFileSync(
      nobody,
      `#!/bin/sh\nexec ip netns exec ${ns.name} setpriv --reuid=65534 --regid=65534 --clear-groups nft "$@"\n`,
    );
    chmodSync(nobody, 0o755);
    const { outcome, evidence } = await runCheck(VM, { nft: nobody, iptablesLegacySave: `${NONE}/legacy` });
    expect(outcome.status).toBe('skipped');
    expect(evidence.tools[0]).toEqual({
      command: 'nft -j list ruleset',
      outcome: 'denied',
      message: 'nft -j list ruleset needs administrator rights ("Operation not permitted (you must be root)")',
    });
    expect(outcome.summary).toBe(
      'Could not read the firewall: nft -j list ruleset needs administrator rights ("Operation not permitted (you must be root)"). Reading the packet filter needs root: run the probe with sudo to include it.',
    );
  });

  it('puts client.firewall-blocks-rdp first when the probe to the listener is refused (the CLI in the namespace)', async () => {
    const run = await runCliProcess(['--json', '--timeout', '1500ms', VM], { namespace: ns.name });
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.find((c) => c.id === 'client.firewall')).toMatchObject({
      status: 'fail',
      evidence: { kind: 'client.firewall', blocking: [{ ref: 'inet desk output handle 2', certain: true }] },
    });
    expect(report.checks.find((c) => c.id === 'tcp.connect')?.evidence).toMatchObject({
      attempts: [{ address: VM, outcome: 'refused' }],
    });
    expect(report.findings[0]).toMatchObject({
      code: 'client.firewall-blocks-rdp',
      severity: 'blocker',
      source: 1,
      confidence: 'high',
    });
    expect(report.findings[0]?.detail).toContain('"no rdp to the lab" (inet desk output handle 2)');
    expect(report.findings[0]?.remedy.steps[0]?.command).toBe('sudo nft -a list chain inet desk output');
    expect(report.verdict).toMatchObject({ reachable: 'no', likelySource: 1 });
    // The text output names the check and the finding.
    const text = await runCliProcess(['--timeout', '1500ms', VM], { namespace: ns.name });
    expect(text.stdout).toMatch(/✗ Your computer's firewall\s+\d+ ms {2}Your firewall blocks TCP port 3389 out/);
    expect(text.stdout).toContain("[blocker] Your computer's firewall blocks RDP going out client.firewall-blocks-rdp");
    // The other address answers: the check passes and no firewall finding is made.
    const open = await runCliProcess(['--json', '--timeout', '1500ms', OTHER], { namespace: ns.name });
    const openReport = ReportSchema.parse(JSON.parse(open.stdout));
    expect(openReport.checks.find((c) => c.id === 'client.firewall')?.status).toBe('pass');
    expect(openReport.findings.map((f) => f.code)).not.toContain('client.firewall-blocks-rdp');
  });
});
