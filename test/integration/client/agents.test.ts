import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientAgentsEvidence } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { clientAgentsCheck } from '../../../src/node/checks/client-agents-check.js';

const canRun = process.platform === 'linux' || process.platform === 'darwin';

async function runAgents(options: Parameters<typeof clientAgentsCheck>[0] = {}) {
  const target = parseTarget('198.18.0.80');
  if (target.kind === 'err') throw new Error(target.error.message);
  return clientAgentsCheck(options).run({
    signal: new AbortController().signal,
    timeoutMs: 4000,
    target: target.value,
    result: () => undefined,
  });
}

describe.skipIf(!canRun)('client.agents against real processes', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpt-agents-'));
    // A process named like OpenVPN's daemon: a copy of sleep, bounded to 30 s and killed by PID after.
    const fake = join(dir, 'openvpn');
    copyFileSync('/bin/sleep', fake);
    child = spawn(fake, ['30'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child?.once('spawn', () => resolve());
      child?.once('error', reject);
    });
  });
  afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a running agent from the process list, with what matched', async () => {
    const outcome = await runAgents({ platform: process.platform, sources: { interfaces: () => ['lo', 'tun0'] } });
    expect(outcome.status).toBe('info');
    const evidence = outcome.evidence as ClientAgentsEvidence;
    expect(evidence.processes).toMatchObject({ command: 'ps -A -o comm=', error: null });
    expect(evidence.processes.count).toBeGreaterThan(1);
    expect(evidence.agents.find((a) => a.id === 'openvpn')).toEqual({
      id: 'openvpn',
      name: 'OpenVPN',
      category: 'vpn',
      corporate: false,
      matched: [
        { via: 'process', name: 'openvpn' },
        { via: 'interface', name: 'tun0' },
      ],
    });
    expect(outcome.summary).toContain('OpenVPN (process openvpn, interface tun0)');
  });

  it('still reports the interfaces when processes cannot be listed', async () => {
    const outcome = await runAgents({
      platform: 'linux',
      sources: { ps: '/nonexistent/rdp-probe-test/ps', interfaces: () => ['lo', 'wg0'] },
    });
    const evidence = outcome.evidence as ClientAgentsEvidence;
    expect(evidence.processes).toEqual({ command: 'ps -A -o comm=', count: 0, error: 'ps is not installed' });
    expect(evidence.agents.map((a) => a.id)).toEqual(['wireguard']);
    expect(outcome.summary).toBe('Found WireGuard (interface wg0) (processes not listed: ps is not installed).');
  });
});
