import type { ThirdParty } from '../../core/evidence/edge.js';
import type { PacOutcome } from '../../core/proxy/os-proxy.js';
import { parsePacResult } from '../../core/proxy/pac-result.js';
import { maskCredentials } from '../../core/proxy/proxy-url.js';
import { evaluatePac, isPacUrl, loadPacScript } from './pac-script.js';
import type { DiscoveryContext } from './proxy-source.js';

/** The disclosure of fetching a PAC script from a URL. */
export function pacThirdParty(location: string, contacted: boolean): ThirdParty {
  return {
    endpoint: maskCredentials(location),
    purpose: 'proxy auto-config (PAC) script',
    sends: 'one HTTP GET for the script (it sees your IP address); the target is evaluated locally',
    contacted,
  };
}

/**
 * Loads (unless `script` is already loaded) and evaluates a PAC script for the target. A PAC URL is not
 * fetched with `--no-external`.
 */
export async function runPac(
  location: string,
  script: string | null,
  context: DiscoveryContext,
): Promise<{ readonly outcome: PacOutcome; readonly thirdParties: ThirdParty[] }> {
  const url = maskCredentials(location);
  const remote = isPacUrl(location);
  if (script === null && remote && !context.external) {
    return {
      outcome: { kind: 'failed', url, reason: 'not fetched (--no-external)' },
      thirdParties: [pacThirdParty(location, false)],
    };
  }
  const thirdParties = remote ? [pacThirdParty(location, true)] : [];
  const loaded = script === null ? await loadPacScript(location, context) : { kind: 'ok' as const, value: script };
  if (loaded.kind === 'err') return { outcome: { kind: 'failed', url, reason: loaded.error }, thirdParties };
  const answer = await evaluatePac(loaded.value, context.url, context.host, context.timeoutMs);
  if (answer.kind === 'err') return { outcome: { kind: 'failed', url, reason: answer.error }, thirdParties };
  return {
    outcome: { kind: 'answered', url, result: answer.value, choices: parsePacResult(answer.value) },
    thirdParties,
  };
}
