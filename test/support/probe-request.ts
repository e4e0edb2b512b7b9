import type { ProbeStartRequest, TargetInput } from '../../src/api.js';

/** A `probe:start` request as the UI sends it: quick, 2 s per check, nothing else set unless overridden. */
export function probeRequest(
  target: TargetInput | string,
  overrides: Partial<ProbeStartRequest> = {},
): ProbeStartRequest {
  return {
    target: typeof target === 'string' ? { kind: 'text', text: target } : target,
    port: null,
    timeoutMs: 2000,
    quick: true,
    expectIp: null,
    expectName: null,
    routingToken: null,
    nameservers: [],
    ...overrides,
  };
}
