import { describe, expect, it } from 'vitest';
import { scrubCredentials } from '../../../../src/core/bundle/scrub-credentials.js';

describe('scrubCredentials', () => {
  it.each([
    ['proxy http://bob:pa55@proxy.example:3128 used', 'proxy http://***@proxy.example:3128 used'],
    ['socks5://token@10.0.0.1:1080', 'socks5://***@10.0.0.1:1080'],
    ['Authorization: Bearer abcdefghijklmnop', 'Authorization: [removed]'],
    ['Proxy-Authorization: Negotiate YIIGhgYGKwYBBQUC', 'Proxy-Authorization: [removed]'],
    [
      'https://x.blob.core.windows.net/c?sv=2022&sig=AbC%2F123',
      'https://x.blob.core.windows.net/c?sv=2022&sig=[removed]',
    ],
    ['password=hunter2 next', 'password=[removed] next'],
    ['Cookie: msts=3640205228.15629.0000', 'Cookie: msts=[removed]'],
    ['jwt eyJhbGciOi.eyJzdWIiOi.sig-part end', 'jwt [token removed] end'],
  ])('%s', (input, expected) => {
    expect(scrubCredentials(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Connect to 20.1.2.3:3389 failed with ECONNREFUSED (error code=0x204); see https://aka.ms/rdp';
    expect(scrubCredentials(text)).toBe(text);
  });
});
