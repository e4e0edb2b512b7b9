import type { NtlmVersion } from './ntlm-challenge.js';

/** Windows 10/11 and Server builds by number; a build shared by a client and a server release names both. */
const BUILDS_10: Readonly<Record<number, string>> = {
  10240: 'Windows 10 1507',
  10586: 'Windows 10 1511',
  14393: 'Windows Server 2016 or Windows 10 1607',
  15063: 'Windows 10 1703',
  16299: 'Windows 10 1709',
  17134: 'Windows 10 1803',
  17763: 'Windows Server 2019 or Windows 10 1809',
  18362: 'Windows 10 1903',
  18363: 'Windows 10 1909',
  19041: 'Windows 10 2004',
  19042: 'Windows 10 20H2',
  19043: 'Windows 10 21H1',
  19044: 'Windows 10 21H2',
  19045: 'Windows 10 22H2',
  20348: 'Windows Server 2022',
  22000: 'Windows 11 21H2',
  22621: 'Windows 11 22H2',
  22631: 'Windows 11 23H2',
  25398: 'Windows Server 23H2',
  26100: 'Windows Server 2025 or Windows 11 24H2',
  26200: 'Windows 11 25H2',
};

const OLDER: Readonly<Record<string, string>> = {
  '5.1': 'Windows XP',
  '5.2': 'Windows Server 2003',
  '6.0': 'Windows Server 2008 or Windows Vista',
  '6.1': 'Windows Server 2008 R2 or Windows 7',
  '6.2': 'Windows Server 2012 or Windows 8',
  '6.3': 'Windows Server 2012 R2 or Windows 8.1',
};

/** `major.minor.build`, as nmap prints it (e.g. `10.0.20348`). */
export function formatNtlmVersion(version: NtlmVersion): string {
  return `${version.major}.${version.minor}.${version.build}`;
}

/**
 * The Windows release a CHALLENGE's version names, e.g. "Windows Server 2022", or null when unknown. NTLM
 * does not say whether the host is a client or a server edition, so shared builds name both.
 */
export function windowsName(version: NtlmVersion): string | null {
  if (version.major === 10 && version.minor === 0) {
    const known = BUILDS_10[version.build];
    if (known !== undefined) return known;
    if (version.build >= 22000) return `Windows 11 or Windows Server 2025 family (build ${version.build})`;
    if (version.build >= 10240) return `Windows 10 or Windows Server family (build ${version.build})`;
    return null;
  }
  return OLDER[`${version.major}.${version.minor}`] ?? null;
}
