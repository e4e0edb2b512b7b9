import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget } from '../../../src/core/target.js';

function value(text: string, port?: number) {
  const result = parseTarget(text, port);
  if (result.kind === 'err') throw new Error(result.error.message);
  return result.value;
}

function message(text: string, port?: number) {
  const result = parseTarget(text, port);
  if (result.kind === 'ok') throw new Error(`expected an error for ${text}`);
  return result.error.message;
}

describe('parseTarget', () => {
  it('takes a host name with the default port', () => {
    expect(value('vm.example.com')).toEqual({
      input: 'vm.example.com',
      host: 'vm.example.com',
      hostKind: 'hostname',
      port: 3389,
      portSource: 'default',
    });
  });

  it('takes host:port, IPv4, IPv4:port, bare IPv6 and [IPv6]:port', () => {
    expect(value('myvm.westeurope.cloudapp.azure.com:3390')).toMatchObject({ port: 3390, portSource: 'target' });
    expect(value('203.0.113.10')).toMatchObject({ host: '203.0.113.10', hostKind: 'ipv4', port: 3389 });
    expect(value('203.0.113.10:50001')).toMatchObject({ hostKind: 'ipv4', port: 50001 });
    expect(value('2001:db8::10')).toMatchObject({ host: '2001:db8::10', hostKind: 'ipv6', port: 3389 });
    expect(value('[::1]:3390')).toMatchObject({ host: '::1', hostKind: 'ipv6', port: 3390, portSource: 'target' });
    expect(value('[2001:db8::10]')).toMatchObject({ host: '2001:db8::10', port: 3389 });
  });

  it('accepts single-label names, underscores and a trailing dot', () => {
    expect(value('myvm')).toMatchObject({ host: 'myvm', hostKind: 'hostname' });
    expect(value('vm_01.corp.example.')).toMatchObject({ host: 'vm_01.corp.example' });
  });

  it('uses --port when the target has none, and refuses two different ports', () => {
    expect(value('vm.example.com', 3390)).toMatchObject({ port: 3390, portSource: 'option' });
    expect(value('vm.example.com:3390', 3390)).toMatchObject({ port: 3390, portSource: 'target' });
    expect(message('vm.example.com:3390', 3389)).toBe(
      '--port 3389 conflicts with port 3390 in the target "vm.example.com:3390"; give one of them.',
    );
  });

  it('names the input and what was expected for bad targets', () => {
    expect(message('')).toBe(
      'target is empty; expected a host name, an IPv4 address, [IPv6] or any of them with :port.',
    );
    expect(message('http://vm.example.com')).toContain('looks like a URL');
    expect(message('vm.example.com:99999')).toBe(
      'port in target: 99999 is out of range; expected a port from 1 to 65535.',
    );
    expect(message('vm.example.com:rdp')).toBe(
      'port in target: "rdp" is not a port number; expected a whole number from 1 to 65535.',
    );
    expect(message('300.1.2.3')).toContain('"300.1.2.3" is not a valid IPv4 address');
    expect(message('bad_host!.com')).toContain('"bad_host!.com" is not a valid host name');
    expect(message('-leading.example.com')).toContain('is not a valid host name');
    expect(message('[vm.example.com]:3389')).toContain('inside brackets is not an IPv6 address');
    expect(message('2001:db8::zz')).toContain('is not a valid IPv6 address');
    expect(message(`${'a'.repeat(64)}.example.com`)).toContain('is not a valid host name');
  });

  it('formats targets for people', () => {
    expect(formatTarget(value('[::1]:3390'))).toBe('[::1]:3390');
    expect(formatTarget(value('vm.example.com'))).toBe('vm.example.com:3389');
  });
});
