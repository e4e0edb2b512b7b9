import { describe, expect, it } from 'vitest';
import { asciiBytes, fromHex } from '../../../../src/core/rdp/bytes.js';
import { classifyReply, describeReply, replyText } from '../../../../src/core/rdp/reply-kind.js';

const sent = fromHex('0300002a25e00000000000436f6f6b69653a206d737473686173683d757365720d0a010008000b000000');

describe('classifyReply', () => {
  it('recognises a Connection Confirm and other TPKT packets', () => {
    expect(classifyReply(fromHex('030000130ed00000123400021f080002000000'), sent)).toBe('x224-confirm');
    expect(classifyReply(fromHex('0300000b06800000000000'), sent)).toBe('tpkt-other');
  });

  it('recognises our own request echoed back, whole or in part', () => {
    expect(classifyReply(sent, sent)).toBe('echo');
    expect(classifyReply(sent.subarray(0, 12), sent)).toBe('echo');
  });

  it('recognises HTTP, SSH, TLS alerts and TLS records', () => {
    expect(classifyReply(asciiBytes('HTTP/1.1 400 Bad Request\r\n\r\n'), sent)).toBe('http');
    expect(classifyReply(asciiBytes('SSH-2.0-OpenSSH_9.6\r\n'), sent)).toBe('ssh-banner');
    expect(classifyReply(fromHex('150301000202'), sent)).toBe('tls-alert');
    expect(classifyReply(fromHex('16030300'), sent)).toBe('tls-record');
  });

  it('calls anything else other, and no bytes empty', () => {
    expect(classifyReply(fromHex('deadbeef'), sent)).toBe('other');
    expect(classifyReply(new Uint8Array(0), sent)).toBe('empty');
  });
});

describe('describeReply', () => {
  it('quotes the first printable line', () => {
    const http = asciiBytes('HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n');
    expect(replyText(http)).toBe('HTTP/1.1 400 Bad Request');
    expect(describeReply('http', http)).toBe('an HTTP server (HTTP/1.1 400 Bad Request)');
    expect(replyText(fromHex('00ff10'))).toBeNull();
    expect(describeReply('other', fromHex('00ff10'))).toContain('3 bytes of binary data');
  });
});
