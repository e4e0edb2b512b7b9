import { spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/report-schema.js';
import { CLI, runCliProcess } from '../support/cli.js';
import { type LoopbackXrdp, startLoopbackXrdp } from '../support/loopback-xrdp.js';

// The real command, as a user runs it: files in, exit codes and streams out. Peers are on loopback.
describe('rdp-probe as a process', () => {
  let server: Server;
  let silentDns: Socket;
  let port = 0;
  let dnsPort = 0;
  const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-input-'));
  let rdp: LoopbackXrdp;
  beforeAll(async () => {
    rdp = await startLoopbackXrdp('WIN-VM01');
    server = createServer((s) => s.resume().end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    silentDns = createSocket('udp4');
    await new Promise<void>((r) => silentDns.bind(0, '127.0.0.1', r));
    dnsPort = silentDns.address().port;
  });
  afterAll(async () => {
    await rdp?.stop();
    silentDns.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with one line, and nothing on stdout, for a bad target', async () => {
    const run = await runCliProcess(['--json', 'vm.example.com:0']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rdp-probe: port in target: 0 is out of range; expected a port from 1 to 65535.\n',
    });
  });

  it('probes the target of an mstsc .rdp file (UTF-16LE with BOM)', async (context) => {
    if (rdp.xrdp.skipReason !== null) context.skip(rdp.xrdp.skipReason);
    const port = rdp.xrdp.port;
    const file = join(dir, 'loopback.rdp');
    writeFileSync(
      file,
      Buffer.from(`\uFEFFscreen mode id:i:2\r\nfull address:s:127.0.0.1\r\nserver port:i:${port}\r\n`, 'utf16le'),
    );
    const run = await runCliProcess(['--json', file]);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.findings.map((f) => f.code)).toContain('rdp.ok');
    expect(report.target).toEqual({
      input: file,
      host: '127.0.0.1',
      hostKind: 'ipv4',
      port,
      portSource: 'rdp-file',
      rdpFile: { path: file },
    });
  });

  it('prints findings first, then the checks, in the text summary', async () => {
    const run = await runCliProcess([`127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^Verdict: NOT REACHABLE — 127\.0\.0\.1:\d+ is not reachable: the port accepts the connection but RDP never starts\./,
    );
    expect(run.stdout).toMatch(
      /\nFindings\n1\. \[blocker\] The port accepts the connection but RDP never starts rdp\.closed-after-connect\n/,
    );
    expect(run.stdout.indexOf('Findings')).toBeLessThan(run.stdout.indexOf('Checks'));
    // Progress went to stderr: the header with the deadline, then a line per finished check.
    expect(run.stderr).toMatch(/Each check times out after 4 s; the run stops after \d+(\.\d)? s at most\./);
    expect(run.stderr).toMatch(/✓ TCP connection to the RDP port/);
  });

  it('shows a saved report and compares two', async (context) => {
    if (rdp.xrdp.skipReason !== null) context.skip(rdp.xrdp.skipReason);
    const open = await runCliProcess(['--json', `127.0.0.1:${rdp.xrdp.port}`]);
    const refused = await runCliProcess(['--json', '127.0.0.1:1']);
    const a = join(dir, 'home.json');
    const b = join(dir, 'office.json');
    writeFileSync(a, open.stdout);
    writeFileSync(b, refused.stdout);
    const shown = await runCliProcess(['show', a]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Verdict: REACHABLE');
    const compared = await runCliProcess(['compare', a, b]);
    expect(compared.code).toBe(0);
    expect(compared.stdout.split('\n')[0]).toBe(
      `RDP works in ${a} and fails in ${b} at the VM (the connection is refused: nothing listens on the RDP port) (127.0.0.1:${rdp.xrdp.port} vs 127.0.0.1:1).`,
    );
  });

  it('writes a bundle with --out, refuses to overwrite it before probing, and shows and compares it', async (context) => {
    if (rdp.xrdp.skipReason !== null) context.skip(rdp.xrdp.skipReason);
    const bundle = join(dir, 'home.zip');
    const first = await runCliProcess(['--out', bundle, '--redact', 'host-names', `127.0.0.1:${rdp.xrdp.port}`]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Bundle written: .*home\.zip \(\d+ bytes\)/);
    const before = readFileSync(bundle);
    expect(before.subarray(0, 2).toString()).toBe('PK');
    // Host names masked: the certificate, which names the host inside its DER bytes, is replaced.
    const masked = unzipSync(before);
    const maskedPem = Object.entries(masked).find(([name]) => name.endsWith('.pem'));
    expect(new TextDecoder().decode(maskedPem?.[1]).trim()).toBe('[certificate removed: it names the host]');
    // An existing bundle is refused at once, before any probe, and left as it was.
    const again = await runCliProcess(['--out', bundle, `127.0.0.1:${rdp.xrdp.port}`]);
    expect(again).toEqual({
      code: 2,
      stdout: '',
      stderr: `rdp-probe: ${bundle} already exists; choose another name or add --force to overwrite it.\n`,
    });
    expect(readFileSync(bundle).equals(before)).toBe(true);
    const forced = await runCliProcess(['--out', bundle, '--force', '--quick', `127.0.0.1:${rdp.xrdp.port}`]);
    expect(forced.code).toBe(0);
    expect(readFileSync(bundle).equals(before)).toBe(false);
    // Nothing masked: the server's certificate travels as PEM, the one the xrdp test server presented.
    const members = unzipSync(readFileSync(bundle));
    const pem = Object.entries(members).find(([name]) => name.endsWith('.pem'));
    expect(pem?.[0]).toMatch(/^evidence\/rdp\/certificate@direct\.pem$/);
    expect(new TextDecoder().decode(pem?.[1]).trim()).toBe(rdp.cert.cert.trim());
    const shown = await runCliProcess(['show', bundle]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Verdict: REACHABLE');
    const refused = join(dir, 'office.json');
    writeFileSync(refused, (await runCliProcess(['--json', '127.0.0.1:1'])).stdout);
    const compared = await runCliProcess(['compare', bundle, refused]);
    expect(compared.stdout.split('\n')[0]).toMatch(
      new RegExp(`^RDP works in ${bundle.replaceAll('.', '\\.')} and fails in `),
    );
  });

  it('decodes the error code the RDP client showed into evidence', async () => {
    const run = await runCliProcess(['--json', '--quick', '--client-error', '0x204', '127.0.0.1:1']);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.findings.find((f) => f.code === 'client.error-code')?.detail).toBe(
      'Your RDP client reported 0x204 (disconnectReasonSocketConnectFailed): the TCP connection to the RDP port failed. This probe sees the same: the RDP port does not answer from here either.',
    );
  });

  it('refuses a crafted bundle with a clear message', async () => {
    const evil = join(dir, 'evil.zip');
    writeFileSync(evil, Buffer.from('PK\u0003\u0004 not really a zip'));
    const run = await runCliProcess(['show', evil]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(new RegExp(`^rdp-probe: .*${evil.replaceAll('.', '\\.')}`));
  });

  it('on Ctrl-C, stops the run and still prints what finished (exit 3)', async () => {
    const child = spawn(
      process.execPath,
      [CLI, '--json', '--timeout', '20s', '--nameserver', `127.0.0.1:${dnsPort}`, `localhost:${port}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once the run is under way: the fresh DNS query reached the silent nameserver.
    await new Promise<void>((resolve) => {
      const bound = setTimeout(resolve, 10_000);
      silentDns.once('message', () => {
        clearTimeout(bound);
        resolve();
      });
    });
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(3);
    const report = ReportSchema.parse(JSON.parse(stdout));
    expect(report.run.ended).toBe('cancelled');
    expect(report.checks.find((c) => c.id === 'dns.os')?.status).toBe('pass');
    expect(report.verdict.reachable).toBe('unknown');
  });
});
