import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { ThirdParty } from '../../core/evidence/edge.js';
import { parsePacResult } from '../../core/proxy/pac-result.js';
import { machineDnsDomains, type WpadOutcome, wpadCandidates, wpadThirdParty, wpadUrl } from '../../core/proxy/wpad.js';
import { osLookup } from '../dns/os-lookup.js';
import { evaluatePac, loadPacScript } from './pac-script.js';
import type { DiscoveryContext } from './proxy-source.js';

/** A resolv.conf larger than this is not read (a real one is a few lines). */
const MAX_RESOLV_CONF_BYTES = 64 * 1024;

/** getaddrinfo's failures in words (the code itself when it is another). */
const LOOKUP_FAILURES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'no such name',
  ENODATA: 'no address',
  EAI_AGAIN: 'no answer from the DNS server (EAI_AGAIN)',
  ETIMEOUT: 'no answer in time',
};

/** Where the machine's DNS domains come from; tests and other platforms may give their own. */
export interface DomainInputs {
  readonly hostname: () => string;
  /** resolv.conf's text, or null where there is none (Windows). */
  readonly resolvConf: () => Promise<string | null>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The machine's own inputs: its host name, /etc/resolv.conf (not on Windows) and `USERDNSDOMAIN`. */
export function machineDomainInputs(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): DomainInputs {
  return {
    hostname,
    env,
    async resolvConf() {
      if (platform === 'win32') return null;
      try {
        const bytes = await readFile('/etc/resolv.conf');
        return bytes.length > MAX_RESOLV_CONF_BYTES ? null : bytes.toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/**
 * WPAD auto-discovery by DNS, as Windows, macOS and KDE do it when "detect settings automatically" is on:
 * for each suffix of the machine's DNS domain (most specific first), look up `wpad.<suffix>` with the OS
 * resolver and fetch `http://wpad.<suffix>/wpad.dat` (bounded by the context's timeout and signal, at
 * at most MAX_PAC_BYTES); the first script served is evaluated for the target like a PAC file. A third
 * party: nothing is looked up with `--no-external`, and every name tried is disclosed. DHCP's option 252
 * is not read (it needs a DHCP exchange this tool does not make).
 */
export async function discoverWpad(
  context: DiscoveryContext,
  inputs: DomainInputs,
): Promise<{ readonly outcome: WpadOutcome; readonly thirdParties: ThirdParty[] }> {
  const domains = machineDnsDomains({
    hostname: inputs.hostname(),
    envDomain: inputs.env.USERDNSDOMAIN,
    resolvConf: await inputs.resolvConf(),
  });
  const names = wpadCandidates(domains);
  if (names.length === 0) {
    return { outcome: { kind: 'skipped', reason: 'this computer has no DNS domain to search' }, thirdParties: [] };
  }
  if (!context.external) {
    return {
      outcome: { kind: 'skipped', reason: '--no-external' },
      thirdParties: names.map((name) => wpadThirdParty(name, false)),
    };
  }
  const tried: string[] = [];
  const thirdParties: ThirdParty[] = [];
  for (const name of names) {
    if (context.signal.aborted) {
      tried.push(`${name}: not tried in time`);
      break;
    }
    thirdParties.push(wpadThirdParty(name, true));
    const lookup = await osLookup(name, context.signal);
    if (lookup.kind === 'error') {
      tried.push(`${name}: ${LOOKUP_FAILURES[lookup.code] ?? lookup.code}`);
      continue;
    }
    const url = wpadUrl(name);
    const loaded = await loadPacScript(url, { timeoutMs: context.timeoutMs, signal: context.signal });
    if (loaded.kind === 'err') {
      tried.push(`${url} ${loaded.error}`);
      continue;
    }
    tried.push(`${url} served a script`);
    const answer = await evaluatePac(loaded.value, context.url, context.host, context.timeoutMs);
    const pac =
      answer.kind === 'err'
        ? { kind: 'failed' as const, url, reason: answer.error }
        : { kind: 'answered' as const, url, result: answer.value, choices: parsePacResult(answer.value) };
    return { outcome: { kind: 'found', url, pac, tried }, thirdParties };
  }
  return { outcome: { kind: 'not-found', tried }, thirdParties };
}
