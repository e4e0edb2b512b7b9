import { z } from 'zod';

/**
 * What the live Azure collection did, in brief: who signed in, how the VM was found, how many calls
 * answered. The collected data itself is the report's `azure` snapshot (with every call in `collection`).
 */
export const AzureCollectEvidenceSchema = z.object({
  kind: z.literal('azure.collect'),
  credential: z.string(),
  cloud: z.string(),
  vmId: z.string().nullable(),
  locatedBy: z.string().nullable(),
  calls: z.number().int().nonnegative(),
  failedCalls: z.number().int().nonnegative(),
  forbiddenCalls: z.number().int().nonnegative(),
  /** Why the collection stopped short, or null. */
  failure: z.string().nullable(),
});

/** The live Azure collection's evidence. */
export type AzureCollectEvidence = z.infer<typeof AzureCollectEvidenceSchema>;
