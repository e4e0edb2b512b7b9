import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { runCliInProcess } from '../../support/cli-in-process.js';

const cli = runCliInProcess;

describe('edge options: bad input exits 2 with one line naming the option', () => {
  const cases: [string[], string][] = [
    [
      ['--proxy', 'ftp://me:secret@proxy.example.com', 'vm.example.com'],
      'rdp-probe: --proxy: "ftp://***@proxy.example.com" has an unsupported scheme; expected http, https, socks4 or socks5.\n',
    ],
    [
      ['--proxy', 'http://proxy.example.com:3128/x', 'vm.example.com'],
      'rdp-probe: --proxy: "http://proxy.example.com:3128/x" has a path; a proxy URL is scheme://host:port.\n',
    ],
    [
      ['--ports', '443,ssh', 'vm.example.com'],
      'rdp-probe: --ports: "443,ssh" is not a list of ports; expected e.g. 443,22,80.\n',
    ],
    [['--ports', '443,70000', 'vm.example.com'], 'rdp-probe: --ports: "443,70000" has a port outside 1-65535.\n'],
    [
      ['--pac', 'ftp://pac.example.com/p.pac', 'vm.example.com'],
      'rdp-probe: --pac: "ftp://pac.example.com/p.pac" is not an http(s) URL or a file.\n',
    ],
    [
      ['--no-external', '--pac', 'http://pac.example.com/p.pac', 'vm.example.com'],
      'rdp-probe: --pac: fetching a PAC URL contacts a third party, which --no-external forbids; save the file and pass its path.\n',
    ],
    [
      ['--tls-endpoint', 'https://management.azure.com/', 'vm.example.com'],
      'rdp-probe: --tls-endpoint: "https://management.azure.com/" is not host[:port]; expected e.g. management.azure.com:443.\n',
    ],
    [
      ['--tls-endpoint', '127.0.0.1:99999', 'vm.example.com'],
      'rdp-probe: --tls-endpoint: "127.0.0.1:99999" has a port outside 1-65535.\n',
    ],
    [
      ['--tls-endpoint', '', 'vm.example.com'],
      'rdp-probe: --tls-endpoint: "" is not host[:port]; expected e.g. management.azure.com:443.\n',
    ],
    [
      ['--pac', '/nonexistent/proxy.pac', '203.0.113.10'],
      'rdp-probe: --pac: /nonexistent/proxy.pac cannot be read (ENOENT).\n',
    ],
  ];
  it.each(cases)('%j', async (args, expected) => {
    const run = await cli(args);
    expect(run).toEqual({ code: 2, stdout: '', stderr: expected });
  });

  it('parses valid edge options', () => {
    const parsed = parseCommandLine([
      '--proxy',
      'socks5://198.51.100.1:1080',
      '--ports',
      '443, 22',
      '--no-external',
      'vm.example.com',
    ]);
    expect(parsed).toMatchObject({
      kind: 'ok',
      value: {
        proxies: [{ scheme: 'socks5', host: '198.51.100.1', port: 1080 }],
        ports: [443, 22],
        external: false,
        pac: null,
      },
    });
  });

  it('lists the third parties in --help', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toContain('--no-external');
    expect(stdout).toContain('a PAC URL (--pac or OS settings)');
    expect(stdout).toContain('--tls-endpoint <host[:port]>');
    expect(stdout).toContain('--check-tls-inspection');
    expect(stdout).toContain('management.azure.com:443 (or --tls-endpoint), only with --check-tls-inspection');
  });

  it('runs tls.inspection only when asked for, against the default or the given endpoint', () => {
    const endpoint = (args: string[]) => {
      const parsed = parseCommandLine([...args, 'vm.example.com']);
      return parsed.kind === 'ok' && parsed.value.kind === 'probe' ? parsed.value.tlsEndpoint : 'not a probe';
    };
    expect(endpoint([])).toBeNull();
    expect(endpoint(['--check-tls-inspection'])).toEqual({ host: 'management.azure.com', port: 443 });
    expect(endpoint(['--tls-endpoint', '127.0.0.1:8443'])).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(endpoint(['--tls-endpoint', 'proxy-check.example.com'])).toEqual({
      host: 'proxy-check.example.com',
      port: 443,
    });
    expect(endpoint(['--tls-endpoint', '[::1]:8443'])).toEqual({ host: '::1', port: 8443 });
    expect(endpoint(['--tls-endpoint', '::1'])).toEqual({ host: '::1', port: 443 });
  });
});
