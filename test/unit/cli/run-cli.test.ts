import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../../src/version.js';
import { runCliInProcess } from '../../support/cli-in-process.js';

const cli = runCliInProcess;

const dir = mkdtempSync(join(tmpdir(), 'rdp-probe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rdp-probe command line: bad input exits 2 with one line naming the input', () => {
  const cases: [string[], string][] = [
    [[], 'rdp-probe: No target given; expected a host, host:port or an .rdp file. See rdp-probe --help.\n'],
    [['a.example.com', 'b.example.com'], 'rdp-probe: One target at a time; got 2: a.example.com b.example.com.\n'],
    [['--bogus', 'vm.example.com'], 'rdp-probe: Unknown option --bogus. See rdp-probe --help.\n'],
    [['vm.example.com', '--port'], 'rdp-probe: Option --port needs a value. See rdp-probe --help.\n'],
    [['--json=yes', 'vm.example.com'], 'rdp-probe: Option --json takes no value. See rdp-probe --help.\n'],
    [
      ['--port', 'rdp', 'vm.example.com'],
      'rdp-probe: --port: "rdp" is not a port number; expected a whole number from 1 to 65535.\n',
    ],
    [
      ['--port', '70000', 'vm.example.com'],
      'rdp-probe: --port: 70000 is out of range; expected a port from 1 to 65535.\n',
    ],
    [
      ['--timeout', 'soon', 'vm.example.com'],
      'rdp-probe: --timeout: "soon" is not a duration; expected milliseconds (4000, 4000ms) or seconds (4s).\n',
    ],
    [
      ['--timeout', '10', 'vm.example.com'],
      'rdp-probe: --timeout: "10" is out of range; expected between 100 ms and 120 s.\n',
    ],
    [
      ['--expect-ip', 'vm2', 'vm.example.com'],
      'rdp-probe: --expect-ip: "vm2" is not an IP address; expected e.g. 203.0.113.10.\n',
    ],
    [
      ['--nameserver', 'dns.example.com', 'vm.example.com'],
      'rdp-probe: --nameserver: "dns.example.com" is not an IP address; expected a nameserver address such as 198.51.100.53 or [2001:db8::53]:53.\n',
    ],
    [
      ['vm..example.com'],
      'rdp-probe: target: "vm..example.com" is not a valid host name; expected a host name, an IPv4 address, [IPv6] or any of them with :port.\n',
    ],
    [['show'], 'rdp-probe: show takes one file: rdp-probe show <report.json>.\n'],
    [['compare', 'a.json'], 'rdp-probe: compare takes two files: rdp-probe compare <a> <b>.\n'],
    [['--force', 'vm.example.com'], 'rdp-probe: --force applies to a bundle: add --out FILE.\n'],
    [['--redact', 'all', 'vm.example.com'], 'rdp-probe: --redact applies to a bundle: add --out FILE.\n'],
    [
      ['--out', 'x.zip', '--redact', 'passwords', 'vm.example.com'],
      'rdp-probe: --redact: "passwords" is not a category; expected some of all, none, user-names, host-names, public-ips, private-ips, mac-addresses, proxy-urls, process-lists, subscription-ids, tenant-ids.\n',
    ],
  ];
  it.each(cases)('%j', async (args, message) => {
    const run = await cli(args);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('names a missing .rdp file', async () => {
    const path = join(dir, 'missing.rdp');
    expect(await cli([path])).toEqual({
      code: 2,
      stdout: '',
      stderr: `rdp-probe: ${path} does not exist; expected an .rdp file.\n`,
    });
  });

  it('names a folder given as an .rdp file', async () => {
    const folder = join(dir, 'folder.rdp');
    mkdirSync(folder);
    expect(await cli([folder])).toEqual({
      code: 2,
      stdout: '',
      stderr: `rdp-probe: ${folder} is a folder; expected an .rdp file.\n`,
    });
  });

  it('names a malformed .rdp file', async () => {
    const path = join(dir, 'bad.rdp');
    writeFileSync(path, 'username:s:azureuser\r\n');
    expect((await cli([path])).stderr).toBe(
      `rdp-probe: file ${path} has no "full address:s:" line naming the computer to connect to.\n`,
    );
  });

  it('refuses a report that is not JSON, or not a report, or from a newer version', async () => {
    const notJson = join(dir, 'notes.json');
    writeFileSync(notJson, 'hello');
    expect((await cli(['show', notJson])).stderr).toMatch(
      new RegExp(`^rdp-probe: ${notJson} is not JSON \\(.*\\); expected a report saved with --json.\\n$`),
    );
    const notReport = join(dir, 'other.json');
    writeFileSync(notReport, JSON.stringify({ schemaVersion: 1, hello: 'world' }));
    expect((await cli(['show', notReport])).stderr).toBe(
      `rdp-probe: ${notReport} is not an rdp-probe report: at tool, Invalid input: expected object, received undefined.\n`,
    );
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify({ schemaVersion: 9 }));
    expect((await cli(['show', newer])).stderr).toBe(
      `rdp-probe: ${newer} is a report of schema version 9; this version of rdp-probe reads version 1: update rdp-probe.\n`,
    );
  });
});

describe('rdp-probe --help and --version', () => {
  it('prints usage with the exit-code table', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rdp-probe [probe] [options] <target>');
    expect(run.stdout).toContain('  2  bad input (usage, unreadable or malformed file)');
  });

  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  });
});
