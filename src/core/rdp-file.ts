import { err, type InputError, inputError, ok, type Result } from './result.js';
import { DEFAULT_RDP_PORT, parseHostPort, parsePort, type RdGateway, type Target } from './target.js';

/** Refuses anything larger: real .rdp files are a few kilobytes. */
export const MAX_RDP_FILE_BYTES = 256 * 1024;

/**
 * Decodes the bytes of an .rdp file as mstsc and the Azure portal write it: UTF-16LE with a BOM (mstsc),
 * UTF-8 with or without a BOM (the portal), or UTF-16 without a BOM (detected by its NUL bytes).
 */
export function decodeRdpBytes(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** One `name:type:value` setting of an .rdp file. */
interface RdpSetting {
  readonly type: string;
  readonly value: string;
}

/** Parses `name:type:value` lines; later lines win, as in mstsc. Lines of another shape are ignored. */
function readSettings(text: string): Map<string, RdpSetting> {
  const settings = new Map<string, RdpSetting>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^([^:]+):([sib]):(.*)$/i.exec(raw.trim());
    if (match) settings.set((match[1] ?? '').trim().toLowerCase(), { type: match[2] ?? '', value: match[3] ?? '' });
  }
  return settings;
}

/**
 * Builds the target an .rdp file points at. `full address:s:` gives the host and may carry the port
 * (it then wins, as in mstsc); `server port:i:` gives it otherwise; an RD Gateway is reported because the
 * client then goes over HTTPS 443 to the gateway, not to the host.
 */
export function parseRdpFile(bytes: Uint8Array, path: string, portOption?: number): Result<Target, InputError> {
  const input = `file ${path}`;
  if (bytes.length === 0)
    return err(inputError(input, `${input} is empty; expected an .rdp file with a "full address:s:" line.`));
  if (bytes.length > MAX_RDP_FILE_BYTES) {
    return err(inputError(input, `${input} is ${bytes.length} bytes; an .rdp file is expected to be under 256 KiB.`));
  }
  const text = decodeRdpBytes(bytes);
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    return err(
      inputError(input, `${input} is not text; expected an .rdp file (UTF-16 or UTF-8 "name:type:value" lines).`),
    );
  }
  const settings = readSettings(text);
  if (settings.size === 0) {
    return err(
      inputError(input, `${input} has no "name:type:value" settings; expected an .rdp file as mstsc writes it.`),
    );
  }
  const address = settings.get('full address');
  if (address === undefined || address.value.trim() === '') {
    return err(inputError(input, `${input} has no "full address:s:" line naming the computer to connect to.`));
  }
  const hostPort = parseHostPort(address.value, `full address in ${path}`);
  if (hostPort.kind === 'err') return hostPort;
  let port = hostPort.value.port;
  const serverPort = settings.get('server port');
  if (port === null && serverPort !== undefined) {
    const parsed = parsePort(serverPort.value, `server port in ${path}`);
    if (parsed.kind === 'err') return parsed;
    port = parsed.value;
  }
  if (port !== null && portOption !== undefined && port !== portOption) {
    return err(inputError('--port', `--port ${portOption} conflicts with port ${port} in ${path}; give one of them.`));
  }
  const gateway = readGateway(settings);
  const rdpFile = gateway === undefined ? { path } : { path, gateway };
  const base = { input: path, host: hostPort.value.host, hostKind: hostPort.value.hostKind, rdpFile };
  if (port !== null) return ok({ ...base, port, portSource: 'rdp-file' });
  if (portOption !== undefined) return ok({ ...base, port: portOption, portSource: 'option' });
  return ok({ ...base, port: DEFAULT_RDP_PORT, portSource: 'default' });
}

function readGateway(settings: Map<string, RdpSetting>): RdGateway | undefined {
  const hostname = settings.get('gatewayhostname')?.value.trim() ?? '';
  if (hostname === '') return undefined;
  const methodText = settings.get('gatewayusagemethod')?.value.trim();
  const usageMethod = methodText !== undefined && /^\d+$/.test(methodText) ? Number(methodText) : null;
  // 1 always and 2 "if direct fails" both send traffic through the gateway; 0 and 4 do not; 3 defers to
  // the client's defaults, which for a file that names a gateway means the gateway.
  const used = usageMethod === null || usageMethod === 1 || usageMethod === 2 || usageMethod === 3;
  return { hostname, usageMethod, used };
}
