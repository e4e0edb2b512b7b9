import { parseArgs } from 'node:util';
import { ipFamily, isHostname } from '../core/address.js';
import { parseRedactionList } from '../core/bundle/redaction-categories.js';
import type { RedactionOptions } from '../core/bundle/redaction-options.js';
import { parseClientErrorCode } from '../core/client-error-codes.js';
import type { ProxyEndpoint } from '../core/proxy/proxy-url.js';
import { validateRoutingToken } from '../core/rdp/x224-request.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';
import { parsePort } from '../core/target.js';
import { DEFAULT_TLS_ENDPOINT } from '../node/checks/tls-inspection-check.js';
import { type DnsEndpoint, parseDnsEndpoint } from '../node/dns/endpoint.js';
import type { EgressResolver } from '../node/egress/egress-resolvers.js';
import { DEFAULT_TIMEOUT_MS } from '../node/probe.js';
import { AZURE_OPTIONS, type AzureArgs, parseAzureArgs } from './azure-args.js';
import { parsePacOption, parsePortList, parseProxyOptions, parseTlsEndpoint } from './edge-args.js';
import { parseEgressResolvers, parseEgressUrl } from './egress-args.js';
import { type BindArgs, parseBindArgs } from './path-args.js';
import { parseVmChecksArgs, VM_CHECKS_OPTIONS, type VmChecksArgs } from './vm-checks-args.js';

/** Probe options as given on the command line, validated. */
export interface ProbeArgs {
  readonly kind: 'probe';
  /** The target as typed: host[:port] or an .rdp file path. */
  readonly target: string;
  readonly port: number | undefined;
  readonly expectIp: string | null;
  readonly timeoutMs: number;
  readonly quick: boolean;
  readonly nameservers: DnsEndpoint[] | null;
  readonly routingToken: string | null;
  readonly expectName: string | null;
  /** `--azure-snapshot` files or folders of az CLI JSON, read before probing. */
  readonly azureSnapshot: string[];
  /** Reading Azure live (`--azure-vm`, `--subscription` …); null when not asked for. */
  readonly azure: AzureArgs | null;
  /** `--vm-checks`, `--vm-checks-output`, `--repair`: the VM's side. */
  readonly vm: VmChecksArgs;
  /** `--source-ip`: the client's address as Azure sees it. */
  readonly sourceIp: string | null;
  /** `--client-error`: the code the user's RDP client showed (0x204, 516). */
  readonly clientErrorCode: number | null;
  /** `--out FILE`: write a probe bundle there, redacted as asked. */
  readonly bundle: { readonly path: string; readonly force: boolean; readonly redaction: RedactionOptions } | null;
  /** `--proxy` URLs to tunnel through besides the discovered ones. */
  readonly proxies: ProxyEndpoint[];
  /** `--pac`: a PAC file path or http(s) URL, loaded before probing. */
  readonly pac: string | null;
  /** `--ports`: tried beside the RDP port (default 443, 22, 80). */
  readonly ports: number[] | null;
  /** false with `--no-external`: no third-party endpoint (a PAC URL) is contacted. */
  readonly external: boolean;
  /**
   * The endpoint `tls.inspection` hand-shakes with, when asked for (`--tls-endpoint`, or
   * `--check-tls-inspection` for the default endpoint); null: the check is not run.
   */
  readonly tlsEndpoint: { readonly host: string; readonly port: number } | null;
  /** `--egress-resolver`: the what-is-my-address DNS services to ask instead of the public ones; null: those. */
  readonly egressResolvers: EgressResolver[] | null;
  /** `--egress-url`: the what-is-my-IP endpoint asked through the proxy; null: the default. */
  readonly egressUrl: string | null;
  /** `--bind` addresses and `--interface` names: more paths, checked against this computer after the target. */
  readonly bind: BindArgs;
  readonly json: boolean;
}

/** A parsed command line. */
export type Command =
  | ProbeArgs
  | { readonly kind: 'show'; readonly file: string; readonly json: boolean }
  | { readonly kind: 'compare'; readonly a: string; readonly b: string; readonly json: boolean }
  | { readonly kind: 'script' }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

const OPTIONS = {
  json: { type: 'boolean' },
  quick: { type: 'boolean' },
  port: { type: 'string' },
  'expect-ip': { type: 'string' },
  timeout: { type: 'string' },
  nameserver: { type: 'string', multiple: true },
  'expect-name': { type: 'string' },
  'routing-token': { type: 'string' },
  out: { type: 'string' },
  'azure-snapshot': { type: 'string', multiple: true },
  'source-ip': { type: 'string' },
  'client-error': { type: 'string' },
  force: { type: 'boolean' },
  redact: { type: 'string' },
  'redact-key': { type: 'string' },
  proxy: { type: 'string', multiple: true },
  pac: { type: 'string' },
  ports: { type: 'string' },
  'no-external': { type: 'boolean' },
  'tls-endpoint': { type: 'string' },
  'check-tls-inspection': { type: 'boolean' },
  'egress-resolver': { type: 'string', multiple: true },
  'egress-url': { type: 'string' },
  bind: { type: 'string', multiple: true },
  interface: { type: 'string', multiple: true },
  ...AZURE_OPTIONS,
  ...VM_CHECKS_OPTIONS,
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 120_000;

/** Parses `4000`, `4000ms`, `4s` or `1.5s` into milliseconds within sane bounds. */
export function parseTimeout(text: string): Result<number, InputError> {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(text.trim());
  const bad = (why: string) => err(inputError('--timeout', `--timeout: "${text}" ${why}`));
  if (!match) return bad('is not a duration; expected milliseconds (4000, 4000ms) or seconds (4s).');
  const value = Number(match[1]) * ((match[2] ?? 'ms').toLowerCase() === 's' ? 1000 : 1);
  if (value < MIN_TIMEOUT_MS || value > MAX_TIMEOUT_MS) {
    return bad(`is out of range; expected between ${MIN_TIMEOUT_MS} ms and ${MAX_TIMEOUT_MS / 1000} s.`);
  }
  return ok(Math.round(value));
}

/** `--out`, `--force`, `--redact`, `--redact-key`: the bundle to write, or null; the last three need `--out`. */
function parseBundleOptions(values: {
  out?: string | undefined;
  force?: boolean | undefined;
  redact?: string | undefined;
  'redact-key'?: string | undefined;
}): Result<ProbeArgs['bundle'], InputError> {
  if (values.out === undefined) {
    const stray = values.force
      ? '--force'
      : values.redact !== undefined
        ? '--redact'
        : values['redact-key'] !== undefined
          ? '--redact-key'
          : null;
    return stray === null ? ok(null) : err(inputError(stray, `${stray} applies to a bundle: add --out FILE.`));
  }
  if (values.out.trim() === '') return err(inputError('--out', '--out needs a file name, e.g. --out probe.zip.'));
  const redaction = parseRedactionList(values.redact ?? 'none', values['redact-key']);
  if (redaction.kind === 'err') return redaction;
  return ok({ path: values.out, force: values.force ?? false, redaction: redaction.value });
}

/** One sentence for a parseArgs failure (its own messages suggest `--` tricks that do not apply here). */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message?.includes('argument missing')
      ? `Option ${option} needs a value.`
      : `Option ${option} takes no value.`;
  }
  return `${(message ?? 'Invalid arguments').split('\n')[0]}.`;
}

/** Parses the command line per the grammar `rdp-probe [probe] [options] <target>`, `show`, `compare`. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Result<Command, InputError> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return err(inputError('command line', `${describeParseError(error)} See rdp-probe --help.`));
  }
  const { values, positionals } = parsed;
  if (values.help) return ok({ kind: 'help' });
  if (values.version) return ok({ kind: 'version' });
  const [first, ...rest] = positionals;
  const json = values.json ?? false;
  if (first === 'show') {
    if (rest.length !== 1) return err(inputError('command line', 'show takes one file: rdp-probe show <report.json>.'));
    return ok({ kind: 'show', file: rest[0] ?? '', json });
  }
  if (first === 'script') {
    if (rest.length !== 0) return err(inputError('command line', 'script takes nothing: rdp-probe script.'));
    return ok({ kind: 'script' });
  }
  if (first === 'compare') {
    if (rest.length !== 2)
      return err(inputError('command line', 'compare takes two files: rdp-probe compare <a> <b>.'));
    return ok({ kind: 'compare', a: rest[0] ?? '', b: rest[1] ?? '', json });
  }
  const targets = first === 'probe' ? rest : positionals;
  if (targets.length === 0)
    return err(
      inputError('target', 'No target given; expected a host, host:port or an .rdp file. See rdp-probe --help.'),
    );
  if (targets.length > 1)
    return err(inputError('target', `One target at a time; got ${targets.length}: ${targets.join(' ')}.`));
  let port: number | undefined;
  if (values.port !== undefined) {
    const p = parsePort(values.port, '--port');
    if (p.kind === 'err') return p;
    port = p.value;
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const t = parseTimeout(values.timeout);
    if (t.kind === 'err') return t;
    timeoutMs = t.value;
  }
  const expectIp = values['expect-ip'] ?? null;
  if (expectIp !== null && ipFamily(expectIp) === 0) {
    return err(
      inputError('--expect-ip', `--expect-ip: "${expectIp}" is not an IP address; expected e.g. 203.0.113.10.`),
    );
  }
  const expectName = values['expect-name'] ?? null;
  if (expectName !== null && !isHostname(expectName)) {
    return err(
      inputError(
        '--expect-name',
        `--expect-name: "${expectName}" is not a computer or host name; expected e.g. WIN-VM01.`,
      ),
    );
  }
  const routingToken = values['routing-token'] ?? null;
  if (routingToken !== null) {
    const valid = validateRoutingToken(routingToken);
    if (valid.kind === 'err')
      return err(
        inputError('--routing-token', `--routing-token: ${valid.error.message.replace(/^routing token: /, '')}`),
      );
  }
  const clientErrorText = values['client-error'] ?? null;
  const clientErrorCode = clientErrorText === null ? null : parseClientErrorCode(clientErrorText);
  if (clientErrorText !== null && clientErrorCode === null) {
    return err(
      inputError(
        '--client-error',
        `--client-error: "${clientErrorText}" is not an error code; expected it as your RDP client shows it, e.g. 0x204.`,
      ),
    );
  }
  const sourceIp = values['source-ip'] ?? null;
  if (sourceIp !== null && ipFamily(sourceIp) === 0) {
    return err(
      inputError(
        '--source-ip',
        `--source-ip: "${sourceIp}" is not an IP address; expected your public IP, e.g. 198.51.100.7.`,
      ),
    );
  }
  const bundle = parseBundleOptions(values);
  if (bundle.kind === 'err') return bundle;
  let nameservers: DnsEndpoint[] | null = null;
  for (const text of values.nameserver ?? []) {
    const endpoint = parseDnsEndpoint(text, '--nameserver');
    if (endpoint.kind === 'err') return endpoint;
    nameservers = [...(nameservers ?? []), endpoint.value];
  }
  const external = !(values['no-external'] ?? false);
  const proxies = parseProxyOptions(values.proxy ?? []);
  if (proxies.kind === 'err') return proxies;
  const pac = parsePacOption(values.pac, external);
  if (pac.kind === 'err') return pac;
  const ports = values.ports === undefined ? ok(null) : parsePortList(values.ports);
  if (ports.kind === 'err') return ports;
  const tlsText = values['tls-endpoint'];
  const tlsEndpoint =
    tlsText !== undefined
      ? parseTlsEndpoint(tlsText)
      : ok(values['check-tls-inspection'] ? DEFAULT_TLS_ENDPOINT : null);
  if (tlsEndpoint.kind === 'err') return tlsEndpoint;
  const egressResolvers = parseEgressResolvers(values['egress-resolver'] ?? []);
  if (egressResolvers.kind === 'err') return egressResolvers;
  const egressUrl = parseEgressUrl(values['egress-url']);
  if (egressUrl.kind === 'err') return egressUrl;
  const bind = parseBindArgs(values);
  if (bind.kind === 'err') return bind;
  const azure = parseAzureArgs(values, { snapshotGiven: (values['azure-snapshot'] ?? []).length > 0, env });
  if (azure.kind === 'err') return azure;
  const vm = parseVmChecksArgs(values, { azureLive: azure.value !== null });
  if (vm.kind === 'err') return vm;
  return ok({
    kind: 'probe',
    target: targets[0] ?? '',
    port,
    expectIp,
    timeoutMs,
    quick: values.quick ?? false,
    nameservers,
    routingToken,
    expectName,
    bundle: bundle.value,
    azureSnapshot: values['azure-snapshot'] ?? [],
    azure: azure.value,
    vm: vm.value,
    sourceIp,
    clientErrorCode,
    proxies: proxies.value,
    pac: pac.value,
    ports: ports.value,
    external,
    tlsEndpoint: tlsEndpoint.value,
    egressResolvers: egressResolvers.value,
    egressUrl: egressUrl.value,
    bind: bind.value,
    json,
  });
}
