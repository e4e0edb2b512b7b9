import type { DnsOsCacheEvidence } from '../../core/report-schema.js';
import { runCommand } from '../exec/run-command.js';

/** The Windows DNS client cache entries for a name, read with Get-DnsClientCache (read-only). */
export async function readWindowsDnsCache(
  name: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ evidence: DnsOsCacheEvidence; ok: boolean }> {
  // Windows only, so its parser (and zod) load only there.
  const { dnsClientCacheCommand, parseDnsClientCache } = await import('../../core/parsers/dns-client-cache.js');
  const result = await runCommand(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', dnsClientCacheCommand(name)],
    { timeoutMs, signal },
  );
  const none = (note: string) => ({
    evidence: { kind: 'dns.os-cache' as const, method: 'Get-DnsClientCache' as const, entries: [], note },
    ok: false,
  });
  if (result.kind === 'not-found') return none('PowerShell was not found, so the DNS client cache could not be read.');
  if (result.kind === 'timeout') return none(`Get-DnsClientCache gave no answer within ${timeoutMs} ms.`);
  if (result.kind === 'failed') return none(`Get-DnsClientCache could not run: ${result.message}.`);
  const parsed = parseDnsClientCache(result.stdout);
  if (parsed.kind === 'err') return none(parsed.error.message);
  const note =
    parsed.value.length === 0
      ? `The DNS client cache holds no entry for ${name}.`
      : `The DNS client cache holds ${parsed.value.length} record(s) for ${name}.`;
  return {
    evidence: { kind: 'dns.os-cache', method: 'Get-DnsClientCache', entries: parsed.value, note },
    ok: true,
  };
}
