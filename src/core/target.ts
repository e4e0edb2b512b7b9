import { ipFamily, isHostname } from './address.js';
import { err, type InputError, inputError, ok, type Result } from './result.js';

/** The port RDP listens on unless someone changed it. */
export const DEFAULT_RDP_PORT = 3389;

/** Where the port of a target came from, so a report can say why it probed that port. */
export type PortSource = 'default' | 'target' | 'option' | 'rdp-file';

/** An RD Gateway named in an .rdp file: the client then tunnels RDP over HTTPS 443 to the gateway. */
export interface RdGateway {
  readonly hostname: string;
  /** gatewayusagemethod: 0 never, 1 always, 2 when direct fails, 3 default settings, 4 bypass for local. */
  readonly usageMethod: number | null;
  /** Whether the client will go through the gateway for this target. */
  readonly used: boolean;
}

/** What to probe: a host (name or address) and a port, with where each came from. */
export interface Target {
  /** What the user typed or the file they gave. */
  readonly input: string;
  readonly hostKind: 'hostname' | 'ipv4' | 'ipv6';
  /** Host name or IP address, without brackets. */
  readonly host: string;
  readonly port: number;
  readonly portSource: PortSource;
  /** Present when the target came from an .rdp file. */
  readonly rdpFile?: { readonly path: string; readonly gateway?: RdGateway };
}

/** Parses a port given as text; `input` names the input in the error. */
export function parsePort(text: string, input: string): Result<number, InputError> {
  if (!/^\d{1,5}$/.test(text.trim())) {
    return err(inputError(input, `${input}: "${text}" is not a port number; expected a whole number from 1 to 65535.`));
  }
  const port = Number(text.trim());
  if (port < 1 || port > 65535) {
    return err(inputError(input, `${input}: ${port} is out of range; expected a port from 1 to 65535.`));
  }
  return ok(port);
}

interface HostPort {
  readonly host: string;
  readonly hostKind: Target['hostKind'];
  readonly port: number | null;
}

/**
 * Splits `host`, `host:port`, `1.2.3.4:port`, `[v6]:port` or a bare IPv6 address. `input` names the
 * input in errors (`target`, `full address in vm.rdp`).
 */
export function parseHostPort(text: string, input: string): Result<HostPort, InputError> {
  const value = text.trim();
  const expected = 'expected a host name, an IPv4 address, [IPv6] or any of them with :port';
  if (value === '') return err(inputError(input, `${input} is empty; ${expected}.`));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return err(inputError(input, `${input}: "${value}" looks like a URL; ${expected} (e.g. vm.example.com:3389).`));
  }
  let hostText = value;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    hostText = bracketed[1] ?? '';
    portText = bracketed[2] ?? null;
    if (ipFamily(hostText) !== 6) {
      return err(inputError(input, `${input}: "${hostText}" inside brackets is not an IPv6 address; ${expected}.`));
    }
  } else if (ipFamily(value) === 6) {
    hostText = value;
  } else {
    const colon = value.lastIndexOf(':');
    if (colon >= 0) {
      if (value.indexOf(':') !== colon) {
        return err(
          inputError(
            input,
            `${input}: "${value}" is not a valid IPv6 address; write IPv6 with a port as [address]:port.`,
          ),
        );
      }
      hostText = value.slice(0, colon);
      portText = value.slice(colon + 1);
    }
  }
  let port: number | null = null;
  if (portText !== null) {
    const parsed = parsePort(portText, `port in ${input}`);
    if (parsed.kind === 'err') return parsed;
    port = parsed.value;
  }
  const family = ipFamily(hostText);
  if (family === 4) return ok({ host: hostText, hostKind: 'ipv4', port });
  if (family === 6) return ok({ host: hostText, hostKind: 'ipv6', port });
  if (/^[\d.]+$/.test(hostText)) {
    return err(inputError(input, `${input}: "${hostText}" is not a valid IPv4 address; ${expected}.`));
  }
  if (!isHostname(hostText)) {
    return err(inputError(input, `${input}: "${hostText}" is not a valid host name; ${expected}.`));
  }
  return ok({ host: hostText.endsWith('.') ? hostText.slice(0, -1) : hostText, hostKind: 'hostname', port });
}

/**
 * Builds the target from a typed `host[:port]` and an optional `--port`. Two different ports are an
 * error rather than a silent choice.
 */
export function parseTarget(text: string, portOption?: number): Result<Target, InputError> {
  const parsed = parseHostPort(text, 'target');
  if (parsed.kind === 'err') return parsed;
  const { host, hostKind, port } = parsed.value;
  if (port !== null && portOption !== undefined && port !== portOption) {
    return err(
      inputError(
        '--port',
        `--port ${portOption} conflicts with port ${port} in the target "${text}"; give one of them.`,
      ),
    );
  }
  if (port !== null) return ok({ input: text, host, hostKind, port, portSource: 'target' });
  if (portOption !== undefined) return ok({ input: text, host, hostKind, port: portOption, portSource: 'option' });
  return ok({ input: text, host, hostKind, port: DEFAULT_RDP_PORT, portSource: 'default' });
}

/** How a target is written for people: `host:port`, or `[v6]:port`. */
export function formatTarget(target: Pick<Target, 'host' | 'hostKind' | 'port'>): string {
  return target.hostKind === 'ipv6' ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
