import { z } from 'zod';
import { IpFamilySchema } from './dns.js';

export const TcpOutcomeSchema = z.enum(['open', 'refused', 'filtered', 'unreachable', 'reset', 'error']);

export const TcpAttemptSchema = z.object({
  address: z.string(),
  family: IpFamilySchema,
  /** Why this address was tried: the OS resolver's answer (what the RDP client uses), the fresh DNS answer only, or the literal target. */
  via: z.enum(['os', 'fresh', 'literal']),
  outcome: TcpOutcomeSchema,
  connectMs: z.number().nonnegative().nullable(),
  errorCode: z.string().nullable(),
  localAddress: z.string().nullable(),
  localPort: z.number().int().nullable(),
});

export const TcpEvidenceSchema = z.object({
  kind: z.literal('tcp.connect'),
  port: z.number().int().min(1).max(65535),
  timeoutMs: z.number().int().positive(),
  attempts: z.array(TcpAttemptSchema),
  /** Extra connects to the first open address, for RTT and jitter. */
  samples: z
    .object({
      address: z.string(),
      connectMs: z.array(z.number().nonnegative()),
      medianMs: z.number().nonnegative(),
      jitterMs: z.number().nonnegative(),
    })
    .nullable(),
});

export type TcpOutcome = z.infer<typeof TcpOutcomeSchema>;
export type TcpAttempt = z.infer<typeof TcpAttemptSchema>;
export type TcpEvidence = z.infer<typeof TcpEvidenceSchema>;
