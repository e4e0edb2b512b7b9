import { fromHex } from '../../../../src/core/rdp/bytes.js';

/**
 * The CHALLENGE_MESSAGE of the MS-NLMP specification's NTLMv2 example [MS-NLMP 4.2.4.3] (as carried in
 * Chromium's net/ntlm/ntlm_test_data.h, kChallengeMsgFromSpecV2): TargetName "Server", NbDomain "Domain",
 * NbComputer "Server", flags 0xE28A8233, version 6.0.6000 revision 15, no timestamp.
 */
export const NLMP_SPEC_CHALLENGE = fromHex(
  '4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef0000000000000000240024004400000006007017000000' +
    '0f53006500720076006500720002000c0044006f006d00610069006e0001000c0053006500720076006500720000000000',
);

/**
 * The synthetic CHALLENGE of ../shared/specs/rdp-probe-protocol.md §5: TargetName LAB, NbDomain LAB,
 * NbComputer SRV1, DnsDomain lab.local, DnsComputer srv1.lab.local, DnsTree lab.local, timestamp
 * 2024-06-10T06:13:20Z, version 10.0.20348; 176 bytes.
 */
export const SPEC_SYNTHETIC_CHALLENGE = fromHex(`
4e 54 4c 4d 53 53 50 00 02 00 00 00 06 00 06 00 38 00 00 00 15 82 89 e2 01 23 45 67 89 ab cd ef
00 00 00 00 00 00 00 00 72 00 72 00 3e 00 00 00 0a 00 7c 4f 00 00 00 0f 4c 00 41 00 42 00 02 00
06 00 4c 00 41 00 42 00 01 00 08 00 53 00 52 00 56 00 31 00 04 00 12 00 6c 00 61 00 62 00 2e 00
6c 00 6f 00 63 00 61 00 6c 00 03 00 1c 00 73 00 72 00 76 00 31 00 2e 00 6c 00 61 00 62 00 2e 00
6c 00 6f 00 63 00 61 00 6c 00 05 00 12 00 6c 00 61 00 62 00 2e 00 6c 00 6f 00 63 00 61 00 6c 00
07 00 08 00 00 40 7c 4a fd ba da 01 00 00 00 00`);

/** The spec's version-6 TSRequest header that wraps the 176-byte synthetic CHALLENGE. */
export const SPEC_SYNTHETIC_TS_REQUEST_HEADER = fromHex(
  '30 81 c4 a0 03 02 01 06 a1 81 bc 30 81 b9 30 81 b6 a0 81 b3 04 81 b0',
);

/** The spec's 57-byte TSRequest carrying the probe's NTLM NEGOTIATE (same NTLM bytes as nmap's). */
export const SPEC_NEGOTIATE_TS_REQUEST = fromHex(`
30 37 a0 03 02 01 06 a1 30 30 2e 30 2c a0 2a 04 28
4e 54 4c 4d 53 53 50 00 01 00 00 00 b7 82 08 e2 00 00 00 00 00 00 00 00
00 00 00 00 00 00 00 00 0a 00 63 45 00 00 00 0f`);
