import { describe, expect, it } from 'vitest';
import { parseVmCheckOutput } from '../../../../src/core/vm-checks/parse-vm-check-output.js';
import { VmCheckOutputSchema } from '../../../../src/core/vm-checks/vm-check-schema.js';
import { fixtureText } from './vm-check-fixtures.js';

// Fixtures are hand-written to check-rdp.ps1's output contract, not recorded (see vm-check-fixtures.ts).

const INPUT = 'file vm-checks.txt';

function parse(text: string) {
  const result = parseVmCheckOutput(text, INPUT);
  if (result.kind === 'err') throw new Error(result.error.message);
  VmCheckOutputSchema.parse(result.value);
  return result.value;
}

function failure(text: string): string {
  const result = parseVmCheckOutput(text, INPUT);
  if (result.kind === 'ok') throw new Error('expected an error');
  expect(result.error).toMatchObject({ kind: 'input-error', input: INPUT });
  return result.error.message;
}

/** The healthy fixture's line as an object, to vary. */
function healthy(): Record<string, unknown> {
  return JSON.parse(fixtureText('healthy.txt')) as Record<string, unknown>;
}

describe('parseVmCheckOutput', () => {
  it('reads the healthy output, every section', () => {
    expect(parse(fixtureText('healthy.txt'))).toEqual({
      v: 1,
      computer: 'WIN-VM01',
      bootUtc: '2026-11-24T22:10:05Z',
      service: { state: 'Running', start: 'Manual', pid: 1168 },
      rdp: { port: 3389, deny: 0, denyPolicy: null, nla: 1, securityLayer: 2 },
      listen: {
        count: 21,
        rdp: [
          { port: 3389, addr: '::', pid: 1168, proc: 'svchost' },
          { port: 3389, addr: '0.0.0.0', pid: 1168, proc: 'svchost' },
        ],
      },
      firewall: {
        profiles: [
          { name: 'Domain', enabled: true, inbound: 'NotConfigured' },
          { name: 'Private', enabled: true, inbound: 'NotConfigured' },
          { name: 'Public', enabled: true, inbound: 'NotConfigured' },
        ],
        rdpRules: [
          { name: 'RemoteDesktop-UserMode-In-TCP', enabled: true, action: 'Allow' },
          { name: 'RemoteDesktop-UserMode-In-UDP', enabled: true, action: 'Allow' },
          { name: 'RemoteDesktop-Shadow-In-TCP', enabled: false, action: 'Allow' },
        ],
        allowRules: 1,
        blockRules: [],
      },
      cert: {
        thumbprint: '8D4C1A27D7E64E7F3B0C5A9E2F61B8D0C3A4E5F6',
        notAfter: '2027-05-24T22:11:40Z',
        store: 'Remote Desktop',
      },
      credssp: { oracle: null },
      errors: [],
    });
  });

  it('reads every hand-written fault fixture', () => {
    for (const name of [
      'service-stopped.txt',
      'port-3390.txt',
      'rdp-disabled.txt',
      'firewall-rules-disabled.txt',
      'firewall-block-rule.txt',
      'not-listening.txt',
      'other-cert.txt',
      'nla-required.txt',
      'partial-cert-error.txt',
    ]) {
      const output = parse(fixtureText(name));
      expect(
        output.errors.filter((e) => e.section === 'parse'),
        name,
      ).toEqual([]);
    }
    expect(parse(fixtureText('port-3390.txt')).rdp?.port).toBe(3390);
    expect(parse(fixtureText('partial-cert-error.txt'))).toMatchObject({
      cert: null,
      errors: [{ section: 'cert', message: 'Access is denied.' }],
    });
  });

  it('finds the line among noise: BOM, CRLF, warnings, progress text, a console prompt', () => {
    const expected = parse(fixtureText('healthy.txt'));
    expect(parse(fixtureText('noisy.txt'))).toEqual(expected);
    expect(parse(fixtureText('pasted-console.txt'))).toEqual(expected);
    // A console that wrapped the line at 120 columns.
    const line = fixtureText('healthy.txt').trim();
    const wrapped = line.match(/.{1,120}/g)?.join('\r\n') ?? '';
    expect(parse(`PS C:\\> .\\check-rdp.ps1\r\n${wrapped}\r\n`)).toEqual(expected);
    // A second run appended: the last line counts.
    const later = { ...healthy(), computer: 'WIN-VM02' };
    expect(parse(`${line}\n${JSON.stringify(later)}\n`).computer).toBe('WIN-VM02');
  });

  it('says the output was cut at the front by Run Command', () => {
    const message = failure(fixtureText('truncated.txt'));
    expect(message).toMatch(/^file vm-checks\.txt lacks the beginning of check-rdp\.ps1's line \(\d+ bytes kept\)/);
    expect(message).toContain('only the last 4096 bytes');
  });

  it('refuses non-JSON, empty output, JSON cut at the end, and JSON that is not the script’s', () => {
    expect(failure('')).toBe('file vm-checks.txt is empty: check-rdp.ps1 printed nothing.');
    expect(failure('\r\n  \r\n')).toContain('is empty');
    expect(failure('Access is denied.\r\n')).toBe(
      'file vm-checks.txt has no line of check-rdp.ps1 output (a line starting {"v":); it begins "Access is denied.".',
    );
    expect(failure(fixtureText('healthy.txt').slice(0, 300))).toContain('it is not complete JSON');
    expect(failure('{"value":[1,2]}')).toContain('has no line of check-rdp.ps1 output');
    expect(failure('{"v":"one","computer":"x"}')).toContain('without a version "v"');
    expect(failure('{"v":1}'.padEnd(300 * 1024, ' '))).toMatch(/is \d+ characters long/);
  });

  it('keeps partial data: wrong types and missing sections become null, with a parse note', () => {
    const data = healthy();
    data.rdp = { port: '3389', deny: 0, denyPolicy: null, nla: true, securityLayer: 2 };
    data.service = 5;
    delete data.firewall;
    data.listen = {
      count: 21,
      rdp: [
        { addr: '::', pid: 1168, proc: 'svchost' },
        { port: 3389, addr: '0.0.0.0', pid: 1168, proc: 'svchost' },
      ],
    };
    data.bootUtc = 'yesterday';
    data.cert = { thumbprint: 'not-hex', notAfter: null, store: null };
    const output = parse(JSON.stringify(data));
    expect(output.rdp).toEqual({ port: null, deny: 0, denyPolicy: null, nla: null, securityLayer: 2 });
    expect(output.service).toBeNull();
    expect(output.firewall).toBeNull();
    expect(output.bootUtc).toBeNull();
    expect(output.cert).toEqual({ thumbprint: null, notAfter: null, store: null });
    expect(output.listen?.rdp).toEqual([{ port: 3389, addr: '0.0.0.0', pid: 1168, proc: 'svchost' }]);
    expect(output.computer).toBe('WIN-VM01');
    const notes = output.errors.filter((e) => e.section === 'parse').map((e) => e.message);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rdp\.port: expected number, received string/),
        expect.stringMatching(/^service: expected object/),
        expect.stringMatching(/^firewall: expected object, received undefined/),
        expect.stringMatching(/^listen\.rdp\[0\]\.port/),
      ]),
    );
  });

  it('empties an errors list that is not a list, drops bad entries, keeps the script’s own', () => {
    const data = { ...healthy(), errors: 'oops' };
    expect(parse(JSON.stringify(data)).errors).toEqual([
      { section: 'parse', message: 'errors: expected array, received string' },
    ]);
    const mixed = { ...healthy(), errors: [{ section: 'cert', message: 'Access is denied.' }, { section: 3 }] };
    expect(parse(JSON.stringify(mixed)).errors).toEqual([
      { section: 'cert', message: 'Access is denied.' },
      expect.objectContaining({ section: 'parse' }),
      expect.objectContaining({ section: 'parse' }),
    ]);
  });

  it('reads arrays that Windows PowerShell 5.1 wrote as {"value":[…],"Count":n}', () => {
    const data = healthy();
    const listen = data.listen as { rdp: unknown[] };
    data.listen = { ...listen, rdp: { value: listen.rdp, Count: listen.rdp.length } };
    expect(parse(JSON.stringify(data)).listen?.rdp).toHaveLength(2);
  });

  it('bounds hostile output: prototype keys, huge strings, deep nesting, long lists, control characters', () => {
    const hostile =
      '{"v":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
      `"computer":"WIN\\u0000-VM\\u202e01\\u001b[31m","service":{"state":"${'R'.repeat(5000)}","start":null,"pid":1},` +
      `"rdp":${'['.repeat(50)}${']'.repeat(50)},` +
      `"listen":{"count":1,"rdp":[${Array(40).fill('{"port":3389,"addr":"::","pid":1,"proc":"svchost"}').join(',')}]},` +
      '"errors":[]}';
    const output = parse(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).not.toContain('__proto__');
    expect(output.computer).toBe('WIN-VM01[31m');
    expect(output.service?.state).toBe('R'.repeat(256));
    expect(output.rdp).toBeNull();
    expect(output.listen?.rdp).toHaveLength(16);
    expect(output.errors.map((e) => e.message).join('\n')).toMatch(/text cut to 256 characters/);
  });

  it('never throws, whatever the bytes', () => {
    const deep = `{"v":1,"computer":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(() => parseVmCheckOutput(deep, INPUT)).not.toThrow();
    for (let seed = 0; seed < 200; seed++) {
      const line = fixtureText('healthy.txt');
      const chars = [...line];
      chars[(seed * 7919) % chars.length] = String.fromCharCode((seed * 31) % 128);
      expect(() => parseVmCheckOutput(chars.join(''), INPUT)).not.toThrow();
    }
  });

  it('notes output from a newer script version and reads what it knows', () => {
    const output = parse(JSON.stringify({ ...healthy(), v: 2, extra: { x: 1 } }));
    expect(output.v).toBe(2);
    expect(output.errors).toContainEqual({
      section: 'parse',
      message: 'v: written by a newer check script (v2); read as v1',
    });
    expect(output).not.toHaveProperty('extra');
  });
});
