import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';

function message(argv: string[]): string {
  const parsed = parseCommandLine(argv);
  if (parsed.kind === 'ok') throw new Error(`expected ${argv.join(' ')} to be refused`);
  return parsed.error.message;
}

describe('probe options that feed the RDP, bundle and Azure checks', () => {
  it('refuses an expected computer name that is not a name', () => {
    expect(message(['--expect-name', 'WIN VM 01', 'vm.example.com'])).toBe(
      '--expect-name: "WIN VM 01" is not a computer or host name; expected e.g. WIN-VM01.',
    );
  });

  it('refuses a routing token that cannot travel in the Connection Request', () => {
    expect(message(['--routing-token', 'Cookie: msts=1\r\nX: y', 'vm.example.com'])).toBe(
      '--routing-token: only printable ASCII is allowed, without line breaks.',
    );
    expect(message(['--routing-token', 'x'.repeat(300), 'vm.example.com'])).toMatch(
      /^--routing-token: 300 characters is too long; at most \d+ fit\.$/,
    );
  });

  it('refuses a redaction key that is too short, and --out without a name', () => {
    expect(message(['--out', 'p.zip', '--redact', 'all', '--redact-key', 'abc', 'vm.example.com'])).toMatch(
      /^--redact-key: the key has 3 characters; expected \d+ to 1024\.$/,
    );
    expect(message(['--out', ' ', 'vm.example.com'])).toBe('--out needs a file name, e.g. --out probe.zip.');
  });

  it('refuses a client error code it cannot read', () => {
    expect(message(['--client-error', 'error 204', 'vm.example.com'])).toBe(
      '--client-error: "error 204" is not an error code; expected it as your RDP client shows it, e.g. 0x204.',
    );
  });

  it('accepts the options it documents', () => {
    const parsed = parseCommandLine([
      '--expect-name',
      'WIN-VM01',
      '--routing-token',
      'Cookie: msts=3640205228.15629.0000',
      '--out',
      'probe.zip',
      '--redact',
      'host-names,public-ips',
      '--source-ip',
      '198.51.100.7',
      '--azure-snapshot',
      'admin',
      '--client-error',
      '0x204',
      'vm.example.com',
    ]);
    expect(parsed).toMatchObject({
      kind: 'ok',
      value: {
        kind: 'probe',
        expectName: 'WIN-VM01',
        routingToken: 'Cookie: msts=3640205228.15629.0000',
        sourceIp: '198.51.100.7',
        azureSnapshot: ['admin'],
        clientErrorCode: 516,
        bundle: { path: 'probe.zip', force: false, redaction: { hostNames: true, publicIps: true, userNames: false } },
      },
    });
  });
});
