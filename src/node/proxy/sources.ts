import { parseGnomeProxy } from '../../core/parsers/gnome-proxy.js';
import { parseScutilProxy } from '../../core/parsers/scutil-proxy.js';
import { parseWininetProxy } from '../../core/parsers/wininet-proxy.js';
import { resolveEnvProxy } from '../../core/proxy/env-proxy.js';
import { type OsProxySettings, resolveOsProxy } from '../../core/proxy/os-proxy.js';
import { parsePacResult } from '../../core/proxy/pac-result.js';
import { noProxy, type ProxySourceResult } from '../../core/proxy/proxy-source-result.js';
import { type ProxyEndpoint, proxyLabel } from '../../core/proxy/proxy-url.js';
import { runCommand } from '../exec/run-command.js';
import { runPac } from './pac-source.js';
import type { DiscoveryContext, ProxySource } from './proxy-source.js';

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

/** The OS command that shows proxy settings, its parser, and the source name, per platform. */
const OS_COMMANDS = {
  win32: {
    name: 'windows',
    command: 'reg',
    args: ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'],
    parse: parseWininetProxy,
  },
  darwin: { name: 'macos', command: 'scutil', args: ['--proxy'], parse: parseScutilProxy },
  linux: {
    name: 'gnome',
    command: 'gsettings',
    args: ['list-recursively', 'org.gnome.system.proxy'],
    parse: parseGnomeProxy,
  },
} as const satisfies Record<
  string,
  {
    name: ProxySourceResult['source'];
    command: string;
    args: readonly string[];
    parse: (text: string) => OsProxySettings;
  }
>;

/**
 * The OS's proxy settings (Windows WinINET registry, macOS `scutil --proxy`, GNOME `gsettings`), read
 * with a bounded command; a PAC URL they name is fetched (unless `--no-external`) and evaluated.
 */
export function osSource(platform: NodeJS.Platform): ProxySource | null {
  const os = (OS_COMMANDS as Partial<Record<NodeJS.Platform, (typeof OS_COMMANDS)[keyof typeof OS_COMMANDS]>>)[
    platform
  ];
  if (os === undefined) return null;
  return {
    name: os.name,
    async discover(context: DiscoveryContext) {
      const run = await runCommand(os.command, os.args, { timeoutMs: context.timeoutMs, signal: context.signal });
      if (run.kind === 'not-found') return { ...noProxy(os.name, `${os.command} is not installed`), state: 'skipped' };
      if (run.kind !== 'exited' || run.code !== 0) {
        const why = run.kind === 'exited' ? `exit ${run.code}: ${run.stderr.trim().split('\n')[0] ?? ''}` : run.kind;
        return { ...noProxy(os.name, `${os.command} ${os.args[0]} failed (${why})`), state: 'error' };
      }
      const settings = os.parse(run.stdout);
      const pac = settings.pacUrl === null ? null : await runPac(settings.pacUrl, null, context);
      const result = resolveOsProxy(os.name, settings, context.host, context.port, pac?.outcome ?? null);
      return { ...result, thirdParties: pac?.thirdParties ?? [] };
    },
  };
}
