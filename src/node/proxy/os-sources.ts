import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ProxySourceName } from '../../core/evidence/edge.js';
import { parseGnomeProxy } from '../../core/parsers/gnome-proxy.js';
import { parseKdeProxy } from '../../core/parsers/kde-proxy.js';
import { parseScutilProxy } from '../../core/parsers/scutil-proxy.js';
import { parseWinhttpProxy } from '../../core/parsers/winhttp-proxy.js';
import { parseWininetConnectionFlags, parseWininetProxy } from '../../core/parsers/wininet-proxy.js';
import { type OsProxySettings, resolveOsProxy } from '../../core/proxy/os-proxy.js';
import { noProxy, type ProxySourceResult } from '../../core/proxy/proxy-source-result.js';
import { runCommand } from '../exec/run-command.js';
import { runPac } from './pac-source.js';
import type { DiscoveryContext, ProxySource } from './proxy-source.js';
import { type DomainInputs, discoverWpad, machineDomainInputs } from './wpad-discovery.js';

/** A kioslaverc larger than this is not read: a real one is a few kilobytes. */
const MAX_KIOSLAVERC_BYTES = 1024 * 1024;

const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/** What the OS sources read besides commands: the environment (KDE's paths and mode) and WPAD's domains. */
export interface OsSourceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where WPAD's DNS domains come from; this machine's when absent. */
  readonly domains?: DomainInputs;
}

/**
 * Applies OS settings to the target: WPAD first when auto-detection is on (DNS discovery), then the
 * configured PAC URL (fetched unless `--no-external`), then the manual proxies and their bypass list.
 */
async function resolveSettings(
  name: ProxySourceName,
  settings: OsProxySettings,
  context: DiscoveryContext,
  domains: DomainInputs,
): Promise<ProxySourceResult> {
  const wpad = settings.autoDetect ? await discoverWpad(context, domains) : null;
  const wpadAnswered = wpad?.outcome.kind === 'found' && wpad.outcome.pac.kind === 'answered';
  const pac = settings.pacUrl === null || wpadAnswered ? null : await runPac(settings.pacUrl, null, context);
  const result = resolveOsProxy(name, settings, context.host, context.port, pac?.outcome ?? null, wpad?.outcome);
  return { ...result, thirdParties: [...(wpad?.thirdParties ?? []), ...(pac?.thirdParties ?? [])] };
}

/** Runs a read-only OS command for a source; its stdout, or the source's result when it could not run. */
async function readCommand(
  name: ProxySourceName,
  command: string,
  args: readonly string[],
  context: DiscoveryContext,
): Promise<{ kind: 'ok'; stdout: string } | { kind: 'failed'; result: ProxySourceResult }> {
  const run = await runCommand(command, args, { timeoutMs: context.timeoutMs, signal: context.signal });
  if (run.kind === 'not-found')
    return { kind: 'failed', result: { ...noProxy(name, `${command} is not installed`), state: 'skipped' } };
  if (run.kind !== 'exited' || run.code !== 0) {
    const why = run.kind === 'exited' ? `exit ${run.code}: ${run.stderr.trim().split('\n')[0] ?? ''}` : run.kind;
    return {
      kind: 'failed',
      result: { ...noProxy(name, `${command} ${args.slice(0, 2).join(' ')} failed (${why})`), state: 'error' },
    };
  }
  return { kind: 'ok', stdout: run.stdout };
}

/**
 * A source that reads one command and parses it into OS settings (macOS `scutil --proxy`, GNOME
 * `gsettings`).
 */
function commandSource(
  name: ProxySourceName,
  command: string,
  args: readonly string[],
  parse: (text: string) => OsProxySettings,
  domains: DomainInputs,
): ProxySource {
  return {
    name,
    async discover(context) {
      const read = await readCommand(name, command, args, context);
      if (read.kind === 'failed') return read.result;
      return resolveSettings(name, parse(read.stdout), context, domains);
    },
  };
}

/**
 * Windows' WinINET settings (what Edge and most apps use): `reg query` of Internet Settings, and of
 * Connections' DefaultConnectionSettings for "Automatically detect settings" (on by default: then WPAD).
 */
function windowsSource(domains: DomainInputs): ProxySource {
  return {
    name: 'windows',
    async discover(context) {
      const [settings, connections] = await Promise.all([
        readCommand('windows', 'reg', ['query', INTERNET_SETTINGS], context),
        readCommand(
          'windows',
          'reg',
          ['query', `${INTERNET_SETTINGS}\\Connections`, '/v', 'DefaultConnectionSettings'],
          context,
        ),
      ]);
      if (settings.kind === 'failed') return settings.result;
      const parsed = parseWininetProxy(settings.stdout);
      const flags = connections.kind === 'ok' ? parseWininetConnectionFlags(connections.stdout) : null;
      const autoDetect = parsed.autoDetect || flags?.autoDetect === true;
      return resolveSettings('windows', { ...parsed, autoDetect }, context, domains);
    },
  };
}

/** WinHTTP's own proxy (`netsh winhttp show proxy`): what Windows services and WinHTTP clients use. */
function winhttpSource(): ProxySource {
  return {
    name: 'winhttp',
    async discover(context) {
      const read = await readCommand('winhttp', 'netsh', ['winhttp', 'show', 'proxy'], context);
      if (read.kind === 'failed') return read.result;
      const parsed = parseWinhttpProxy(read.stdout);
      if (parsed.kind === 'err') return { ...noProxy('winhttp', parsed.error), state: 'error' };
      const result = resolveOsProxy('winhttp', parsed.value, context.host, context.port, null);
      return parsed.value.manual.length === 0 ? { ...result, detail: 'direct access (no proxy server)' } : result;
    },
  };
}

/** Whether the session is KDE's (Plasma sets XDG_CURRENT_DESKTOP=KDE). */
function isKdeSession(env: Readonly<Record<string, string | undefined>>): boolean {
  return /(^|:)kde($|:)/i.test(env.XDG_CURRENT_DESKTOP ?? '') || env.KDE_FULL_SESSION === 'true';
}

/**
 * KDE's proxy settings from `$XDG_CONFIG_HOME/kioslaverc` (default `~/.config/kioslaverc`), read when the
 * session is KDE's or the file exists; ProxyType 3 (detect automatically) runs WPAD.
 */
function kdeSource(options: OsSourceOptions, domains: DomainInputs): ProxySource {
  return {
    name: 'kde',
    async discover(context) {
      const { env } = options;
      const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
      const dir =
        env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config');
      const file = join(dir, 'kioslaverc');
      let text: string;
      try {
        const bytes = await readFile(file, { signal: context.signal });
        if (bytes.length > MAX_KIOSLAVERC_BYTES) return { ...noProxy('kde', `${file} is too large`), state: 'error' };
        text = bytes.toString('utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && isKdeSession(env)) return noProxy('kde', `no ${file}: KDE uses no proxy`);
        if (code === 'ENOENT') return { ...noProxy('kde', 'not a KDE session and no kioslaverc'), state: 'skipped' };
        return { ...noProxy('kde', `${file} cannot be read (${code ?? 'error'})`), state: 'error' };
      }
      const parsed = parseKdeProxy(text, env);
      const result = await resolveSettings('kde', parsed.settings, context, domains);
      return parsed.type === 'environment' && result.state === 'found'
        ? { ...result, detail: `from environment variables: ${result.detail}` }
        : result;
    },
  };
}

/**
 * The OS's proxy sources for a platform, in order of precedence: Windows' WinINET settings then WinHTTP's;
 * macOS `scutil --proxy`; on Linux GNOME's `gsettings` and KDE's `kioslaverc` (KDE's first in a KDE
 * session). Each reads with a bounded command or file read; a PAC URL or WPAD script they lead to is
 * fetched unless `--no-external`.
 */
export function osSources(platform: NodeJS.Platform, options: OsSourceOptions): ProxySource[] {
  const domains = options.domains ?? machineDomainInputs(options.env, platform);
  switch (platform) {
    case 'win32':
      return [windowsSource(domains), winhttpSource()];
    case 'darwin':
      return [commandSource('macos', 'scutil', ['--proxy'], parseScutilProxy, domains)];
    case 'linux': {
      const gnome = commandSource(
        'gnome',
        'gsettings',
        ['list-recursively', 'org.gnome.system.proxy'],
        parseGnomeProxy,
        domains,
      );
      const kde = kdeSource(options, domains);
      return isKdeSession(options.env) ? [kde, gnome] : [gnome, kde];
    }
    default:
      return [];
  }
}
