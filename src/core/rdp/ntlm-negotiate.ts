import { fromHex } from './bytes.js';

/**
 * NegotiateFlags of the probe's NEGOTIATE_MESSAGE: 0xE20882B7, what nmap sends mimicking a Windows 10
 * client (56, KEY_EXCH, 128, VERSION, EXTENDED_SESSIONSECURITY, ALWAYS_SIGN, NTLM, LM_KEY, SEAL, SIGN,
 * REQUEST_TARGET, OEM, UNICODE) [MS-NLMP 2.2.2.5].
 */
export const NTLM_NEGOTIATE_FLAGS = 0xe20882b7;

/**
 * The NTLM NEGOTIATE_MESSAGE a probe sends [MS-NLMP 2.2.1.1]: 40 bytes, empty domain and workstation
 * fields, version 10.0.17763 revision 15. It names no user and proves nothing, so a server cannot log it
 * as a failed logon; the probe never sends the AUTHENTICATE message that would carry credentials.
 */
export function encodeNtlmNegotiate(): Uint8Array {
  return fromHex('4e544c4d53535000 01000000 b78208e2 0000000000000000 0000000000000000 0a0063450000000f');
}
