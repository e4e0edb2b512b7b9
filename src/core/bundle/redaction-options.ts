import { z } from 'zod';
import { err, type InputError, inputError, ok, type Result } from '../result.js';

/**
 * What a bundle masks before anything is written. Each flag is a category of personal or
 * organisational data; credentials and tokens are removed whatever the flags say. `key` makes masks
 * repeatable: the same key gives the same mask for the same value in every bundle, so compare still
 * sees which values are equal; without it a random one-off key is used.
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

/** A maskable category, as named on the command line (`--redact host-names,public-ips`). */
export type RedactionCategory = Exclude<keyof RedactionOptions, 'key'>;

/** Command-line names of the categories, in the order help text lists them. */
export const REDACTION_CATEGORIES: Readonly<Record<string, RedactionCategory>> = {
  'user-names': 'userNames',
  'host-names': 'hostNames',
  'public-ips': 'publicIps',
  'private-ips': 'privateIps',
  'mac-addresses': 'macAddresses',
  'proxy-urls': 'proxyUrls',
  'process-lists': 'processLists',
  'subscription-ids': 'subscriptionIds',
  'tenant-ids': 'tenantIds',
};

/** No masking (credentials are still removed). */
export const NO_REDACTION: RedactionOptions = RedactionOptionsSchema.parse({});

/** Every category masked. */
export const FULL_REDACTION: RedactionOptions = RedactionOptionsSchema.parse(
  Object.fromEntries(Object.values(REDACTION_CATEGORIES).map((c) => [c, true])),
);

/**
 * Parses a comma-separated list of category names (`host-names,public-ips`, `all`, `none`) into options,
 * for `--redact`; `key` is the optional `--redact-key`.
 */
export function parseRedactionList(list: string, key?: string): Result<RedactionOptions, InputError> {
  const names = list
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length > 0);
  const flags: Partial<Record<RedactionCategory, boolean>> = {};
  for (const name of names) {
    if (name === 'all') {
      for (const category of Object.values(REDACTION_CATEGORIES)) flags[category] = true;
    } else if (name === 'none') continue;
    else {
      const category = REDACTION_CATEGORIES[name];
      if (category === undefined) {
        const known = ['all', 'none', ...Object.keys(REDACTION_CATEGORIES)].join(', ');
        return err(inputError('--redact', `--redact: "${name}" is not a category; expected some of ${known}.`));
      }
      flags[category] = true;
    }
  }
  const parsed = RedactionOptionsSchema.safeParse(key === undefined ? flags : { ...flags, key });
  if (!parsed.success) {
    return err(inputError('--redact-key', `--redact-key: ${parsed.error.issues[0]?.message ?? 'invalid key'}.`));
  }
  return ok(parsed.data);
}

/** Command-line names of the categories an options object masks, for the manifest and the HTML footer. */
export function redactedCategories(options: RedactionOptions): string[] {
  return Object.entries(REDACTION_CATEGORIES)
    .filter(([, category]) => options[category])
    .map(([name]) => name);
}
