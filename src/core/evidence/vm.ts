import { z } from 'zod';

/**
 * How the VM checks went: whether check-rdp.ps1 ran (Run Command) or its output was imported, the script's
 * SHA-256 (what ran is what was shown), and why there is no output. The output is the report's `vmChecks`.
 */
export const VmChecksEvidenceSchema = z.object({
  kind: z.literal('vm.checks'),
  source: z.enum(['run-command', 'imported']),
  scriptSha256: z.string().nullable(),
  /** Calls made to Resource Manager (0 for imported output, or when nothing could run). */
  calls: z.number().int().nonnegative(),
  problem: z.string().nullable(),
});

/** The VM checks' evidence. */
export type VmChecksEvidence = z.infer<typeof VmChecksEvidenceSchema>;
