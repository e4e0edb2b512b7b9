import type { Source } from './source.js';

/** What an RDP client's disconnect reason says, and which places it points at. */
export interface ClientErrorCode {
  readonly name: string;
  readonly meaning: string;
  /** The places this code points at, most likely first; empty when it says nothing about the path. */
  readonly sources: readonly Source[];
}

const NETWORK: readonly Source[] = [4, 2, 1, 3];
const NAME: readonly Source[] = [0, 1];
const SECURITY: readonly Source[] = [5, 2];

/**
 * The disconnect reasons of the Remote Desktop client (IMsTscAxEvents::OnDisconnected, discReason), as
 * mstsc shows them ("Error code: 0x204"). Only documented codes are listed; any other is reported as given.
 */
export const CLIENT_ERROR_CODES: Readonly<Record<number, ClientErrorCode>> = {
  3: { name: 'disconnectReasonByServer', meaning: 'the server ended the session (not an error code)', sources: [5] },
  260: { name: 'disconnectReasonDNSLookupFailed', meaning: 'DNS name lookup failure', sources: NAME },
  262: { name: 'disconnectReasonOutOfMemory', meaning: 'out of memory on the client', sources: [1] },
  264: { name: 'disconnectReasonConnectionTimedOut', meaning: 'the connection timed out', sources: NETWORK },
  516: {
    name: 'disconnectReasonSocketConnectFailed',
    meaning: 'the TCP connection to the RDP port failed',
    sources: NETWORK,
  },
  520: { name: 'disconnectReasonHostNotFound', meaning: 'host not found', sources: NAME },
  772: { name: 'disconnectReasonWinsockSendFailed', meaning: 'sending on the connection failed', sources: [2, 1, 5] },
  776: { name: 'disconnectReasonInvalidIPAddr', meaning: 'the IP address given is not valid', sources: [1] },
  1028: { name: 'disconnectReasonSocketRecvFailed', meaning: 'receiving on the connection failed', sources: [2, 5, 1] },
  1030: { name: 'disconnectReasonInvalidSecurityData', meaning: 'invalid security data', sources: SECURITY },
  1032: { name: 'disconnectReasonInternalError', meaning: 'internal error in the client', sources: [1] },
  1286: { name: 'disconnectReasonInvalidEncryption', meaning: 'the encryption method is not valid', sources: SECURITY },
  1288: { name: 'disconnectReasonDNSLookupFailed2', meaning: 'DNS lookup failed', sources: NAME },
  1540: { name: 'disconnectReasonGetHostByNameFailed', meaning: 'the name could not be resolved', sources: NAME },
  1542: {
    name: 'disconnectReasonInvalidServerSecurityInfo',
    meaning: "the server's security data is not valid",
    sources: SECURITY,
  },
  1544: { name: 'disconnectReasonTimerError', meaning: 'internal timer error in the client', sources: [1] },
  1796: { name: 'disconnectReasonTimeoutOccurred', meaning: 'a timeout occurred', sources: NETWORK },
  1798: {
    name: 'disconnectReasonServerCertificateUnpackErr',
    meaning: "the server's certificate could not be read",
    sources: SECURITY,
  },
  2052: { name: 'disconnectReasonInvalidIP', meaning: 'the IP address given is not valid', sources: [1] },
  2308: { name: 'disconnectReasonAtClientWinsockFDCLOSE', meaning: 'the connection was closed', sources: [2, 5, 4] },
  2310: { name: 'disconnectReasonInternalSecurityError', meaning: 'internal security error', sources: SECURITY },
  2566: { name: 'disconnectReasonInternalSecurityError2', meaning: 'internal security error', sources: SECURITY },
  2822: { name: 'disconnectReasonEncryptionError', meaning: 'encryption error', sources: SECURITY },
  3078: { name: 'disconnectReasonDecryptionError', meaning: 'decryption error', sources: SECURITY },
  3080: {
    name: 'disconnectReasonClientDecompressionError',
    meaning: 'decompression error in the client',
    sources: [1],
  },
};

/** Parses `0x204` or `516` into a number; null when the text is not a code. */
export function parseClientErrorCode(text: string): number | null {
  const value = text.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(value)) return Number.parseInt(value.slice(2), 16);
  if (/^\d{1,10}$/.test(value)) return Number(value);
  return null;
}

/** How mstsc writes a code: `0x204`. */
export function formatClientErrorCode(code: number): string {
  return `0x${code.toString(16)}`;
}
