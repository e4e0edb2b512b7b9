import { DIRECT_PATH } from '../../core/ids.js';
import { osLookup } from '../dns/os-lookup.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/** dns.os: what the operating system's resolver answers, which is what the RDP client will dial. */
export function dnsOsCheck(): CheckDefinition {
  return {
    id: 'dns.os',
    path: DIRECT_PATH,
    title: "Your computer's DNS answer",
    needs: [],
    async run({ target, signal }) {
      if (target.hostKind !== 'hostname') {
        return { status: 'skipped', summary: `${target.host} is an IP address: nothing to resolve.`, evidence: null };
      }
      const result = await osLookup(target.host, signal);
      if (result.kind === 'error') {
        return {
          status: 'fail',
          summary: `Your computer could not resolve ${target.host} (${result.code}).`,
          evidence: { kind: 'dns.os', name: target.host, addresses: [], errorCode: result.code },
        };
      }
      return {
        status: 'pass',
        summary: `Your computer resolves ${target.host} to ${result.addresses.map((a) => a.address).join(', ')}.`,
        evidence: { kind: 'dns.os', name: target.host, addresses: result.addresses, errorCode: null },
      };
    },
  };
}
