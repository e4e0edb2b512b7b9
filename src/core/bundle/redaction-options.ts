import { z } from 'zod';

/**
 * What a bundle masks before anything is written, as the UI ↔ engine contract validates it. Each flag
 * is a category of personal or organisational data; credentials and tokens are removed whatever the
 * flags say. `key` makes masks repeatable: the same key gives the same mask for the same value in
 * every bundle, so compare still sees which values are equal; without it a random one-off key is used.
 */
export const RedactionOptionsSchema = z.object({
  userNames: z.boolean().default(false),
  hostNames: z.boolean().default(false),
  publicIps: z.boolean().default(false),
  privateIps: z.boolean().default(false),
  macAddresses: z.boolean().default(false),
  proxyUrls: z.boolean().default(false),
  processLists: z.boolean().default(false),
  subscriptionIds: z.boolean().default(false),
  tenantIds: z.boolean().default(false),
  key: z.string().min(8, 'a redaction key of at least 8 characters').max(1024).optional(),
});

/** Redaction settings (after defaults): which categories to mask and the optional user key. */
export type RedactionOptions = z.infer<typeof RedactionOptionsSchema>;
