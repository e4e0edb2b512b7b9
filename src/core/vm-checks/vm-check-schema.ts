import { z } from 'zod';

/**
 * The output contract of `assets/vm-checks/check-rdp.ps1` (docs/vm-checks.md): the one JSON line the script
 * prints, as RDP Probe keeps it in reports. Every section and value is nullable: a section the script could
 * not read is null (with an entry in `errors`), a registry value never set is null, and the parser turns a
 * value of the wrong type into null rather than losing the rest. Keys are the script's, one for one.
 */

/** The version of the script's output this code reads (`v`). */
export const VM_CHECK_OUTPUT_VERSION = 1;

/** Longest string kept from the script's output; longer ones are cut by the parser. */
export const VM_CHECK_MAX_STRING = 256;
/** Longest list kept from the script's output; the script itself prints at most 6 per list. */
export const VM_CHECK_MAX_LIST = 16;

const text = z.string().max(VM_CHECK_MAX_STRING);
const count = z.number().int().nonnegative();
/** A registry DWORD as PowerShell reads it (Int32). */
const dword = z.number().int();
const port = z.number().int().min(0).max(65535);
/** `yyyy-MM-ddTHH:mm:ssZ`, as the script writes times. */
const utc = z.iso.datetime();
const list = <T extends z.ZodType>(item: T) => z.array(item).max(VM_CHECK_MAX_LIST);

/** One TCP listener on the RDP port or on 3389 (`Get-NetTCPConnection -State Listen`). */
export const VmListenerSchema = z.object({
  port,
  addr: text.nullable(),
  pid: count.nullable(),
  /** The owning process's name (`svchost` for TermService). */
  proc: text.nullable(),
});

/** A Windows Firewall profile: enabled, and its default inbound action (`NotConfigured` means Block). */
export const VmFirewallProfileSchema = z.object({
  name: text,
  enabled: z.boolean().nullable(),
  inbound: text.nullable(),
});

/** A rule of the built-in Remote Desktop group (`@FirewallAPI.dll,-28752`). */
export const VmFirewallRuleSchema = z.object({
  name: text,
  enabled: z.boolean().nullable(),
  action: text.nullable(),
});

/** An enabled inbound block rule whose TCP local ports cover the RDP port. */
export const VmBlockRuleSchema = z.object({
  /** The rule's Name (its id: `{GUID}` for rules made in the console). */
  name: text,
  display: text.nullable(),
  ports: text.nullable(),
});

/** A section the script could not read, or a value the parser could not use (`section` "parse"). */
export const VmCheckErrorSchema = z.object({ section: text, message: text });

/** The script's JSON line, as validated. */
export const VmCheckOutputSchema = z.object({
  v: z.number().int().positive(),
  computer: text.nullable(),
  bootUtc: utc.nullable(),
  /** TermService: `Running`, `Stopped`…; start mode `Auto`, `Manual`, `Disabled`; its process id. */
  service: z.object({ state: text.nullable(), start: text.nullable(), pid: count.nullable() }).nullable(),
  /** Registry: PortNumber, fDenyTSConnections (and its Group Policy value), UserAuthentication, SecurityLayer. */
  rdp: z
    .object({
      port: port.nullable(),
      deny: dword.nullable(),
      denyPolicy: dword.nullable(),
      nla: dword.nullable(),
      securityLayer: dword.nullable(),
    })
    .nullable(),
  /** How many TCP ports listen, and the listeners on the RDP port and 3389. */
  listen: z.object({ count: count.nullable(), rdp: list(VmListenerSchema).nullable() }).nullable(),
  firewall: z
    .object({
      profiles: list(VmFirewallProfileSchema).nullable(),
      rdpRules: list(VmFirewallRuleSchema).nullable(),
      /** Enabled inbound allow rules whose TCP local ports cover the RDP port (program/address conditions not read). */
      allowRules: count.nullable(),
      blockRules: list(VmBlockRuleSchema).nullable(),
    })
    .nullable(),
  /** The RDP listener's certificate: SHA-1 thumbprint (upper-case hex), expiry, and the store it is in. */
  cert: z
    .object({
      thumbprint: z
        .string()
        .regex(/^[0-9A-F]{40}$/)
        .nullable(),
      notAfter: utc.nullable(),
      store: text.nullable(),
    })
    .nullable(),
  /** AllowEncryptionOracle: 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; null: not set (Mitigated). */
  credssp: z.object({ oracle: dword.nullable() }).nullable(),
  errors: list(VmCheckErrorSchema),
});

/**
 * The VM checks of a report: where they came from (Run Command, or output an admin ran by hand and sent),
 * when, the parsed output, and why there is none (agent not ready, no rights, unreadable output).
 */
export const VmChecksSchema = z.object({
  source: z.enum(['run-command', 'imported']),
  collectedAt: z.iso.datetime(),
  output: VmCheckOutputSchema.nullable(),
  /** One sentence: why the checks could not run or be read; null when `output` is there. */
  problem: z.string().nullable(),
});

export { VM_REPAIR_IDS } from './repair-ids.js';

import { VM_REPAIR_IDS } from './repair-ids.js';

/**
 * A repair described as data, never run by the diagnosis: what it changes in one exact sentence, the
 * PowerShell lines Run Command would run (null when it is not a script: the VMAccess extension), and the
 * equivalent command to copy.
 */
export const VmRepairSchema = z.object({
  id: z.enum(VM_REPAIR_IDS),
  title: z.string(),
  whatChanges: z.string(),
  script: z.array(z.string()).nullable(),
  azCommand: z.string(),
});

/** The script's output (see `VmCheckOutputSchema`). */
export type VmCheckOutput = z.infer<typeof VmCheckOutputSchema>;
/** The VM checks of a report (see `VmChecksSchema`). */
export type VmChecks = z.infer<typeof VmChecksSchema>;
/** A listener in the script's output. */
export type VmListener = z.infer<typeof VmListenerSchema>;
/** A block rule in the script's output. */
export type VmBlockRule = z.infer<typeof VmBlockRuleSchema>;
/** An entry of the script's `errors`. */
export type VmCheckError = z.infer<typeof VmCheckErrorSchema>;
/** A proposed repair id. */
export type VmRepairId = (typeof VM_REPAIR_IDS)[number];
/** A proposed repair (see `VmRepairSchema`). */
export type VmRepair = z.infer<typeof VmRepairSchema>;
