import { resolveEnvProxy } from '../../core/proxy/env-proxy.js';
import { resolveOsProxy } from '../../core/proxy/os-proxy.js';
import { parsePacResult } from '../../core/proxy/pac-result.js';
import { noProxy } from '../../core/proxy/proxy-source-result.js';
import { type ProxyEndpoint, proxyLabel } from '../../core/proxy/proxy-url.js';
import { runPac } from './pac-source.js';
import type { ProxySource } from './proxy-source.js';

/** `--proxy`: proxies the user named; the first one is the one that applies. */
export function optionSource(proxies: readonly ProxyEndpoint[]): ProxySource {
  return {
    name: 'option',
    async discover() {
      const first = proxies[0];
      if (first === undefined) return noProxy('option', 'no --proxy given');
      return {
        source: 'option',
        state: 'found',
        detail: proxies.map(proxyLabel).join(', '),
        proxies,
        verdict: { via: 'proxy', proxy: first, reason: `--proxy ${proxyLabel(first)}` },
        thirdParties: [],
      };
    },
  };
}

/** `--pac`: a PAC file or URL the user named, already loaded (and validated) by the caller. */
export function pacFileSource(location: string, script: string): ProxySource {
  return {
    name: 'pac',
    async discover(context) {
      const { outcome, thirdParties } = await runPac(location, script, context);
      const result = resolveOsProxy(
        'pac',
        { manual: [], pacUrl: location, autoDetect: false, bypass: [] },
        context.host,
        context.port,
        outcome,
      );
      return { ...result, state: outcome.kind === 'failed' ? 'error' : 'found', thirdParties };
    },
  };
}

/**
 * The desktop app's proxy settings: `resolve` answers for the target's URL in PAC syntax (main passes
 * Electron's `session.resolveProxy`, which applies the app's, the system's and any PAC script's settings).
 * The first choice is what the app would do; every proxy it names is tested.
 */
export function pacAnswerSource(resolve: (url: string) => Promise<string>): ProxySource {
  return {
    name: 'app',
    async discover(context) {
      const answer = (await untilAborted(resolve(context.url), context.signal)).trim();
      const choices = parsePacResult(answer);
      const first = choices[0];
      if (first === undefined) return { ...noProxy('app', `unreadable answer "${answer}"`), state: 'error' };
      const proxies = choices.flatMap((c) => (c.kind === 'proxy' ? [c.proxy] : []));
      const said = answer === '' ? 'DIRECT' : answer;
      const verdict =
        first.kind === 'direct'
          ? { via: 'direct' as const, proxy: null, reason: `the app's proxy settings say DIRECT` }
          : { via: 'proxy' as const, proxy: first.proxy, reason: `the app's proxy settings say "${said}"` };
      return {
        source: 'app',
        state: proxies.length > 0 ? 'found' : 'none',
        detail: said,
        proxies,
        verdict,
        thirdParties: [],
      };
    },
  };
}

/** `promise`, or a rejection once `signal` aborts (a resolver that never answers must not hold discovery). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('timed out'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('timed out'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The environment: HTTPS_PROXY, ALL_PROXY, HTTP_PROXY and NO_PROXY, either case. */
export function envSource(env: Readonly<Record<string, string | undefined>>): ProxySource {
  return { name: 'env', discover: async (context) => resolveEnvProxy(env, context.host, context.port) };
}
