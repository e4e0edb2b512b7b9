import { isHostname } from '../address.js';
import type { ThirdParty } from '../evidence/edge.js';
import type { PacOutcome } from './os-proxy.js';

/** At most this many `wpad.<suffix>` names are tried: a deep domain must not turn into many lookups. */
export const MAX_WPAD_CANDIDATES = 6;

/** What WPAD auto-discovery over DNS found. */
export type WpadOutcome =
  /** A `wpad.dat` was served at `url` (its evaluation is `pac`: answered, or why not). */
  | { readonly kind: 'found'; readonly url: string; readonly pac: PacOutcome; readonly tried: readonly string[] }
  /** No `wpad.<suffix>` resolved and served a script; `tried` says what was asked and why each failed. */
  | { readonly kind: 'not-found'; readonly tried: readonly string[] }
  /** Not attempted: `--no-external`, or no DNS domain to devolve. */
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The machine's DNS domains, in order: the domain of a fully qualified host name, then `USERDNSDOMAIN`
 * (Windows in a domain), then resolv.conf's `domain` and `search` lists. Lower case, no trailing dot,
 * duplicates and non-names dropped.
 */
export function machineDnsDomains(input: {
  readonly hostname: string;
  readonly envDomain: string | undefined;
  readonly resolvConf: string | null;
}): string[] {
  const found: string[] = [];
  const add = (name: string) => {
    const domain = name.trim().toLowerCase().replace(/\.$/, '');
    if (domain !== '' && isHostname(domain) && !found.includes(domain)) found.push(domain);
  };
  const dot = input.hostname.indexOf('.');
  if (dot > 0) add(input.hostname.slice(dot + 1));
  if (input.envDomain !== undefined) add(input.envDomain);
  for (const raw of (input.resolvConf ?? '').split(/\r?\n/)) {
    const match = /^\s*(domain|search)\s+(.+)$/.exec(raw.replace(/[#;].*$/, ''));
    for (const name of match?.[2]?.split(/\s+/) ?? []) add(name);
  }
  return found;
}

/**
 * The WPAD names to look up, most specific first: `wpad.<suffix>` for each suffix of each domain that
 * keeps at least two labels (`a.corp.example.com` → wpad.a.corp.example.com, wpad.corp.example.com,
 * wpad.example.com), as Windows devolves. Never `wpad.<tld>`: a top-level `wpad.com` would be anyone's.
 */
export function wpadCandidates(domains: readonly string[]): string[] {
  const names: string[] = [];
  for (const domain of domains) {
    const labels = domain.split('.');
    for (let i = 0; i + 2 <= labels.length; i += 1) {
      const name = `wpad.${labels.slice(i).join('.')}`;
      if (!names.includes(name)) names.push(name);
    }
  }
  return names.slice(0, MAX_WPAD_CANDIDATES);
}

/** The URL WPAD's DNS method fetches for a candidate name. */
export function wpadUrl(name: string): string {
  return `http://${name}/wpad.dat`;
}

/** The disclosure of WPAD discovery: a DNS lookup per candidate, one GET for the first that answers. */
export function wpadThirdParty(name: string, contacted: boolean): ThirdParty {
  return {
    endpoint: wpadUrl(name),
    purpose: 'WPAD proxy auto-discovery over DNS (your OS settings detect the proxy automatically)',
    sends: `a DNS lookup of ${name} and, if it resolves, one HTTP GET for /wpad.dat (it sees your IP address); the target is evaluated locally`,
    contacted,
  };
}

/** WPAD's result in a few words for the source's detail line. */
export function describeWpad(wpad: WpadOutcome): string {
  switch (wpad.kind) {
    case 'found': {
      const misses = wpad.tried.slice(0, -1);
      return `WPAD found ${wpad.url}${misses.length > 0 ? ` (after ${misses.join('; ')})` : ''}`;
    }
    case 'not-found':
      return `WPAD auto-detect on, no script found (${wpad.tried.join('; ')})`;
    case 'skipped':
      return `WPAD auto-detect on, not tried: ${wpad.reason}`;
  }
}
