import { ipFamily, isHostname } from '../core/address.js';
import { type ProxyEndpoint, parseProxyUrl } from '../core/proxy/proxy-url.js';
import { err, type InputError, inputError, ok, type Result } from '../core/result.js';

/** At most this many ports in `--ports`: each is one connection attempt at once. */
const MAX_PORTS = 16;

/** Parses `--ports 443,22,80`: the ports `tcp.ports` tries beside the RDP port. */
export function parsePortList(text: string): Result<number[], InputError> {
  const bad = (why: string) => err(inputError('--ports', `--ports: "${text}" ${why}`));
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => !/^\d{1,5}$/.test(item))) return bad('is not a list of ports; expected e.g. 443,22,80.');
  const ports = [...new Set(items.map(Number))];
  if (ports.some((port) => port < 1 || port > 65535)) return bad('has a port outside 1-65535.');
  if (ports.length > MAX_PORTS) return bad(`lists more than ${MAX_PORTS} ports.`);
  return ok(ports);
}

/** Parses every `--proxy` URL; the message names the option and never repeats credentials. */
export function parseProxyOptions(values: readonly string[]): Result<ProxyEndpoint[], InputError> {
  const proxies: ProxyEndpoint[] = [];
  for (const text of values) {
    const parsed = parseProxyUrl(text, '--proxy');
    if (parsed.kind === 'err') return parsed;
    proxies.push(parsed.value);
  }
  return ok(proxies);
}

/** Checks `--pac`: an http(s) URL (a third party, refused with `--no-external`) or a file path. */
export function parsePacOption(text: string | undefined, external: boolean): Result<string | null, InputError> {
  if (text === undefined) return ok(null);
  const trimmed = text.trim();
  if (trimmed === '') return err(inputError('--pac', '--pac needs a PAC file or an http(s) URL.'));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !/^https?:\/\//i.test(trimmed))
    return err(
      inputError('--pac', `--pac: "${trimmed.replace(/\/\/[^/@]*@/, '//***@')}" is not an http(s) URL or a file.`),
    );
  if (/^https?:\/\//i.test(trimmed) && !external)
    return err(
      inputError(
        '--pac',
        '--pac: fetching a PAC URL contacts a third party, which --no-external forbids; save the file and pass its path.',
      ),
    );
  return ok(trimmed);
}

/** Parses `--tls-endpoint host[:port]` (`[v6]:port` for an IPv6 address; port 443 when absent). */
export function parseTlsEndpoint(text: string): Result<{ host: string; port: number }, InputError> {
  const bad = (why: string) => err(inputError('--tls-endpoint', `--tls-endpoint: "${text}" ${why}`));
  const trimmed = text.trim();
  if (ipFamily(trimmed) === 6) return ok({ host: trimmed, port: 443 });
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(trimmed);
  const host = match?.[1] ?? match?.[2] ?? '';
  const valid = match?.[1] !== undefined ? ipFamily(host) === 6 : isHostname(host) || ipFamily(host) === 4;
  if (match === null || !valid) return bad('is not host[:port]; expected e.g. management.azure.com:443.');
  const port = match[3] === undefined ? 443 : Number(match[3]);
  if (port < 1 || port > 65535) return bad('has a port outside 1-65535.');
  return ok({ host, port });
}
