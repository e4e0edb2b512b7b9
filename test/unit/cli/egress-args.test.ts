import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { parseEgressResolvers, parseEgressUrl } from '../../../src/cli/egress-args.js';
import { runCliInProcess } from '../../support/cli-in-process.js';

describe('--egress-resolver and --egress-url', () => {
  it('parses service@address[:port] for both families', () => {
    expect(parseEgressResolvers([])).toEqual({ kind: 'ok', value: null });
    expect(
      parseEgressResolvers(['opendns@198.51.100.53', 'google@198.51.100.53:5353', 'OpenDNS@[2001:db8::53]:53']),
    ).toEqual({
      kind: 'ok',
      value: [
        { service: 'opendns', server: '198.51.100.53', port: 53, label: '198.51.100.53' },
        { service: 'google', server: '198.51.100.53', port: 5353, label: '198.51.100.53:5353' },
        { service: 'opendns', server: '2001:db8::53', port: 53, label: '[2001:db8::53]' },
      ],
    });
  });

  it('refuses bad input with exit 2 and a message naming the option', async () => {
    for (const [args, message] of [
      [['--egress-resolver', '198.51.100.53'], 'is not <service>@<ip[:port]>'],
      [['--egress-resolver', 'cloudflare@198.51.100.53'], 'is not <service>@<ip[:port]>'],
      [['--egress-resolver', 'opendns@resolver1.opendns.com'], 'is not an IP address'],
      [['--egress-resolver', 'google@198.51.100.53:99999'], 'out of range'],
      [['--egress-url', 'http://api.ipify.org/'], 'is not an https URL'],
      [['--egress-url', 'not a url'], 'is not a URL'],
      [['--egress-url', 'https://user:secret@ip.example.com/'], 'has credentials'],
    ] as const) {
      const run = await runCliInProcess([...args, '203.0.113.10']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.startsWith('rdp-probe: ')).toBe(true);
      expect(run.stderr).toContain(args[0]);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('secret');
    }
  });

  it('keeps the URL and hands the options to the probe', () => {
    expect(parseEgressUrl('https://ip.example.com/plain?format=text')).toEqual({
      kind: 'ok',
      value: 'https://ip.example.com/plain?format=text',
    });
    const parsed = parseCommandLine(['--egress-resolver', 'google@198.18.0.53', '--no-external', '203.0.113.10']);
    expect(parsed).toMatchObject({
      kind: 'ok',
      value: { egressResolvers: [{ service: 'google', server: '198.18.0.53' }], egressUrl: null, external: false },
    });
  });

  it('lists the egress services in --help as third parties', async () => {
    const { stdout } = await runCliInProcess(['--help']);
    expect(stdout).toContain('--egress-resolver <service>@<ip[:port]>');
    expect(stdout).toContain('--egress-url <https-url>');
    expect(stdout).toContain('resolver1.opendns.com (208.67.222.222, 2620:119:35::35) UDP 53');
    expect(stdout).toContain('ns1.google.com (216.239.32.10, 2001:4860:4802:32::a) UDP 53');
    expect(stdout).toContain('https://api.ipify.org/ (or --egress-url), only when a proxy applies');
  });
});
