import { ipFamily } from '../../core/address.js';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';
import { parseHostPort } from '../../core/target.js';

/** A nameserver to ask directly. */
export interface DnsEndpoint {
  readonly server: string;
  readonly port: number;
  /** As given, for evidence: `198.18.0.53`, `198.18.0.53:5353`, `[::1]:53`. */
  readonly label: string;
}

/** Parses `address`, `address:port` or `[v6]:port`; `input` names the input in errors (`--nameserver`). */
export function parseDnsEndpoint(text: string, input: string): Result<DnsEndpoint, InputError> {
  const parsed = parseHostPort(text, input);
  if (parsed.kind === 'err') return parsed;
  if (ipFamily(parsed.value.host) === 0) {
    return err(
      inputError(
        input,
        `${input}: "${text}" is not an IP address; expected a nameserver address such as 198.51.100.53 or [2001:db8::53]:53.`,
      ),
    );
  }
  return ok({ server: parsed.value.host, port: parsed.value.port ?? 53, label: text });
}
