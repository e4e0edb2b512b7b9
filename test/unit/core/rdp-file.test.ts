import { describe, expect, it } from 'vitest';
import { decodeRdpBytes, parseRdpFile } from '../../../src/core/rdp-file.js';

// As mstsc saves a file: UTF-16LE with a BOM and CRLF line ends.
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = code & 0xff;
    bytes[3 + i * 2] = code >> 8;
  }
  return bytes;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const MSTSC = [
  'screen mode id:i:2',
  'use multimon:i:0',
  'desktopwidth:i:1920',
  'full address:s:myvm.westeurope.cloudapp.azure.com:50001',
  'server port:i:3389',
  'prompt for credentials:i:0',
  'gatewayhostname:s:',
  'gatewayusagemethod:i:4',
  'username:s:azureuser',
  '',
].join('\r\n');

function ok(bytes: Uint8Array, path = 'vm.rdp', port?: number) {
  const result = parseRdpFile(bytes, path, port);
  if (result.kind === 'err') throw new Error(result.error.message);
  return result.value;
}

function fails(bytes: Uint8Array, path = 'vm.rdp', port?: number) {
  const result = parseRdpFile(bytes, path, port);
  if (result.kind === 'ok') throw new Error('expected an error');
  return result.error.message;
}

describe('.rdp files', () => {
  it('reads an mstsc file (UTF-16LE with BOM): the port in full address wins over server port', () => {
    expect(decodeRdpBytes(utf16le('a:s:b'))).toBe('a:s:b');
    expect(ok(utf16le(MSTSC))).toEqual({
      input: 'vm.rdp',
      host: 'myvm.westeurope.cloudapp.azure.com',
      hostKind: 'hostname',
      port: 50001,
      portSource: 'rdp-file',
      rdpFile: { path: 'vm.rdp' },
    });
  });

  it('reads a portal file (UTF-8, LF) with the port in server port', () => {
    const text = 'full address:s:203.0.113.10\nserver port:i:3390\nusername:s:azureuser\n';
    expect(ok(utf8(text))).toMatchObject({
      host: '203.0.113.10',
      hostKind: 'ipv4',
      port: 3390,
      portSource: 'rdp-file',
    });
    expect(ok(utf8(`\uFEFF${text}`))).toMatchObject({ port: 3390 });
  });

  it('reads UTF-16LE without a BOM and an IPv6 full address', () => {
    const bytes = utf16le('full address:s:[2001:db8::10]:3391\r\n').subarray(2);
    expect(ok(bytes)).toMatchObject({ host: '2001:db8::10', hostKind: 'ipv6', port: 3391 });
  });

  it('uses --port when the file names none, and refuses a conflicting one', () => {
    expect(ok(utf8('full address:s:vm.example.com\n'), 'vm.rdp', 3390)).toMatchObject({
      port: 3390,
      portSource: 'option',
    });
    expect(ok(utf8('full address:s:vm.example.com\n'))).toMatchObject({ port: 3389, portSource: 'default' });
    expect(fails(utf8('full address:s:vm.example.com:3390\n'), 'vm.rdp', 3389)).toBe(
      '--port 3389 conflicts with port 3390 in vm.rdp; give one of them.',
    );
  });

  it('reports an RD Gateway the client will use, and ignores one it will not', () => {
    const used = ok(
      utf8('full address:s:vm.internal.example\ngatewayhostname:s:gw.example.com\ngatewayusagemethod:i:1\n'),
    );
    expect(used.rdpFile?.gateway).toEqual({ hostname: 'gw.example.com', usageMethod: 1, used: true });
    const bypassed = ok(
      utf8('full address:s:vm.internal.example\ngatewayhostname:s:gw.example.com\ngatewayusagemethod:i:0\n'),
    );
    expect(bypassed.rdpFile?.gateway).toEqual({ hostname: 'gw.example.com', usageMethod: 0, used: false });
    expect(ok(utf16le(MSTSC)).rdpFile?.gateway).toBeUndefined();
  });

  it('says what is wrong with a bad file, naming it', () => {
    expect(fails(new Uint8Array(), 'empty.rdp')).toBe(
      'file empty.rdp is empty; expected an .rdp file with a "full address:s:" line.',
    );
    expect(fails(utf8('username:s:azureuser\n'), 'nohost.rdp')).toBe(
      'file nohost.rdp has no "full address:s:" line naming the computer to connect to.',
    );
    expect(fails(utf8('just some text\n'), 'notes.rdp')).toBe(
      'file notes.rdp has no "name:type:value" settings; expected an .rdp file as mstsc writes it.',
    );
    expect(fails(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xd8]), 'image.rdp')).toContain('is not text');
    expect(fails(utf8('full address:s:vm.example.com:0\n'), 'zero.rdp')).toBe(
      'port in full address in zero.rdp: 0 is out of range; expected a port from 1 to 65535.',
    );
    expect(fails(utf8('full address:s:vm.example.com\nserver port:i:x\n'), 'x.rdp')).toContain('server port in x.rdp');
    expect(fails(new Uint8Array(300 * 1024).fill(0x41), 'big.rdp')).toContain('expected to be under 256 KiB');
  });
});
