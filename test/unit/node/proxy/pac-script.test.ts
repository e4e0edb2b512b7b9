import { describe, expect, it } from 'vitest';
import { evaluatePac } from '../../../../src/node/proxy/pac-script.js';

describe('PAC evaluation in QuickJS', () => {
  it('runs FindProxyForURL for the target with the PAC helpers', async () => {
    const script =
      'function FindProxyForURL(url, host) { if (shExpMatch(host, "*.corp.example.com") || isPlainHostName(host)) return "DIRECT"; return "PROXY 198.51.100.1:3128; DIRECT"; }';
    expect(await evaluatePac(script, 'https://vm.example.com:3389/', 'vm.example.com', 2000)).toEqual({
      kind: 'ok',
      value: 'PROXY 198.51.100.1:3128; DIRECT',
    });
    expect(await evaluatePac(script, 'https://rdp.corp.example.com:3389/', 'rdp.corp.example.com', 2000)).toEqual({
      kind: 'ok',
      value: 'DIRECT',
    });
  });

  it('turns a syntax error and a script that never returns into errors, within the time bound', async () => {
    expect(await evaluatePac('function FindProxyForURL(', 'https://vm:3389/', 'vm', 2000)).toMatchObject({
      kind: 'err',
    });
    const started = performance.now();
    const looping = await evaluatePac('function FindProxyForURL(u, h) { for (;;) {} }', 'https://vm:3389/', 'vm', 300);
    expect(looping).toMatchObject({ kind: 'err' });
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
