/** RDP security protocol bits, negotiation flags and failure codes [MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2]. */

/** requestedProtocols / selectedProtocol values. PROTOCOL_RDP is "no bit set": Standard RDP Security. */
export const PROTOCOL = {
  RDP: 0x00,
  SSL: 0x01,
  HYBRID: 0x02,
  RDSTLS: 0x04,
  HYBRID_EX: 0x08,
  RDSAAD: 0x10,
} as const;

/** What a probe offers by default: TLS, CredSSP and CredSSP with early user auth (what mstsc and nmap send). */
export const DEFAULT_REQUESTED_PROTOCOLS = PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;

/** Plain name of a selectedProtocol value. */
export function protocolName(value: number): string {
  switch (value) {
    case PROTOCOL.RDP:
      return 'Standard RDP Security';
    case PROTOCOL.SSL:
      return 'TLS';
    case PROTOCOL.HYBRID:
      return 'CredSSP (NLA)';
    case PROTOCOL.RDSTLS:
      return 'RDSTLS';
    case PROTOCOL.HYBRID_EX:
      return 'CredSSP with early user authorization (NLA)';
    case PROTOCOL.RDSAAD:
      return 'Microsoft Entra ID authentication (RDSAAD)';
    default:
      return `unknown protocol 0x${value.toString(16)}`;
  }
}

/** Whether a selected protocol runs TLS right after the Connection Confirm. */
export function protocolUsesTls(value: number): boolean {
  return value === PROTOCOL.SSL || value === PROTOCOL.HYBRID || value === PROTOCOL.HYBRID_EX;
}

/** Whether a selected protocol continues with CredSSP (where the NTLM identity probe can run). */
export function protocolUsesCredSsp(value: number): boolean {
  return value === PROTOCOL.HYBRID || value === PROTOCOL.HYBRID_EX;
}

/** RDP_NEG_RSP flags and their names. */
export const NEG_RSP_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, 'EXTENDED_CLIENT_DATA_SUPPORTED'],
  [0x02, 'DYNVC_GFX_PROTOCOL_SUPPORTED'],
  [0x04, 'NEGRSP_FLAG_RESERVED'],
  [0x08, 'RESTRICTED_ADMIN_MODE_SUPPORTED'],
  [0x10, 'REDIRECTED_AUTHENTICATION_MODE_SUPPORTED'],
];

/** Names of the flags set in an RDP_NEG_RSP flags byte. */
export function negotiationFlagNames(flags: number): string[] {
  return NEG_RSP_FLAGS.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

/** RDP_NEG_FAILURE codes. */
export const FAILURE_CODES = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
} as const;

/** A failure code the specification defines. */
export type FailureCode = keyof typeof FAILURE_CODES;

/** Whether a number is a defined RDP_NEG_FAILURE code. */
export function isFailureCode(value: number): value is FailureCode {
  return Object.hasOwn(FAILURE_CODES, value);
}

/** The specification's name of a failure code, or `UNKNOWN_0x..`. */
export function failureCodeName(value: number): string {
  return isFailureCode(value) ? FAILURE_CODES[value] : `UNKNOWN_0x${value.toString(16)}`;
}
