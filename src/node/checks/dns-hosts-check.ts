import { DIRECT_PATH } from '../../core/ids.js';
import { findHostsEntries } from '../../core/parsers/hosts-file.js';
import { hostsFilePath, readHostsFile } from '../dns/hosts-file.js';
import type { CheckDefinition } from '../runner/check-definition.js';

/** dns.hosts: hosts-file lines that pin the name to an address, overriding DNS. */
export function dnsHostsCheck(path: string = hostsFilePath()): CheckDefinition {
  return {
    id: 'dns.hosts',
    path: DIRECT_PATH,
    title: 'Hosts-file entries for the name',
    needs: [],
    async run({ target }) {
      if (target.hostKind !== 'hostname') {
        return {
          status: 'skipped',
          summary: `${target.host} is an IP address: no hosts entry applies.`,
          evidence: null,
        };
      }
      const { text, error } = await readHostsFile(path);
      const entries = findHostsEntries(text, target.host);
      const evidence = { kind: 'dns.hosts' as const, file: path, entries, readError: error };
      if (error !== null) return { status: 'error', summary: `Could not read ${path} (${error}).`, evidence };
      if (entries.length === 0)
        return { status: 'pass', summary: `${path} has no entry for ${target.host}.`, evidence };
      return {
        status: 'warn',
        summary: `${path} pins ${target.host} to ${entries.map((e) => `${e.address} (line ${e.line})`).join(', ')}.`,
        evidence,
      };
    },
  };
}
