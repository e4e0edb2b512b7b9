import type tls from 'node:tls';
import type { RdpHostIdentity, RdpNtlmEvidence } from '../../core/evidence/rdp.js';
import { derFrameLength } from '../../core/rdp/der.js';
import { filetimeToIso } from '../../core/rdp/filetime.js';
import { parseNtlmChallenge } from '../../core/rdp/ntlm-challenge.js';
import { encodeNtlmNegotiate } from '../../core/rdp/ntlm-negotiate.js';
import { encodeTsRequest, MAX_TS_REQUEST_BYTES, parseTsRequest } from '../../core/rdp/ts-request.js';
import { formatNtlmVersion, windowsName } from '../../core/rdp/windows-version.js';
import { readFrame } from './stream-read.js';

/** The NTLM step's evidence without the address and port the session adds. */
export type NtlmStepResult = Omit<RdpNtlmEvidence, 'kind' | 'address' | 'port'>;

/**
 * Sends one TSRequest carrying an NTLM NEGOTIATE over the TLS session and reads the server's TSRequest:
 * its NTLM CHALLENGE names the host, domain, Windows version and clock. Stops there: no AUTHENTICATE,
 * authInfo or pubKeyAuth is ever sent, so no credential leaves this computer and no logon is attempted.
 */
export async function requestNtlmChallenge(
  socket: tls.TLSSocket,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<NtlmStepResult> {
  socket.write(encodeTsRequest(encodeNtlmNegotiate()));
  const read = await readFrame(socket, {
    frameLength: derFrameLength,
    maxBytes: MAX_TS_REQUEST_BYTES,
    timeoutMs,
    signal,
  });
  const local = new Date();
  const base = {
    credSspVersion: null,
    errorCode: null,
    identity: null,
    serverTime: null,
    localTime: local.toISOString(),
    skewMs: null,
  };
  if (read.bytes.length === 0) {
    const outcome = read.ended === 'reset' ? 'reset' : read.ended === 'closed' ? 'closed' : 'no-reply';
    return { ...base, outcome, error: read.error };
  }
  const request = parseTsRequest(read.bytes);
  if (request.kind === 'err') return { ...base, outcome: 'invalid', error: `TSRequest: ${request.error.message}` };
  const { version, negoToken, errorCode } = request.value;
  const withVersion = { ...base, credSspVersion: version };
  if (negoToken === null) {
    return {
      ...withVersion,
      outcome: errorCode !== null ? 'error-code' : 'not-ntlm',
      errorCode: errorCode !== null ? `0x${errorCode.toString(16).padStart(8, '0')}` : null,
      error: errorCode !== null ? null : 'the TSRequest carries no negoToken',
    };
  }
  const challenge = parseNtlmChallenge(negoToken);
  if (challenge.kind === 'err')
    return { ...withVersion, outcome: 'not-ntlm', error: `NTLM: ${challenge.error.message}` };
  const { targetInfo, targetName, version: ntlmVersion } = challenge.value;
  const identity: RdpHostIdentity = {
    targetName,
    nbComputerName: targetInfo.nbComputerName,
    nbDomainName: targetInfo.nbDomainName,
    dnsComputerName: targetInfo.dnsComputerName,
    dnsDomainName: targetInfo.dnsDomainName,
    dnsTreeName: targetInfo.dnsTreeName,
    version: ntlmVersion ? formatNtlmVersion(ntlmVersion) : null,
    windowsName: ntlmVersion ? windowsName(ntlmVersion) : null,
  };
  const serverTime = targetInfo.timestamp !== null ? filetimeToIso(targetInfo.timestamp) : null;
  return {
    ...withVersion,
    outcome: 'challenge',
    identity,
    serverTime,
    skewMs: serverTime !== null ? Date.parse(serverTime) - local.getTime() : null,
    error: null,
  };
}
