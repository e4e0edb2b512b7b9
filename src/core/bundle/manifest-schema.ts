import { z } from 'zod';

/** The bundle layout this version writes and reads; a newer one is refused with "update rdp-probe". */
export const BUNDLE_SCHEMA_VERSION = 1;

/** One member of the bundle other than manifest.json, with what it must hash to. */
export const BundleFileSchema = z.object({
  name: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  /** Lower-case hex SHA-256 of the member's bytes, checked on import. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256'),
});

/** What redaction was applied; the key itself is never stored, only an id to tell keys apart. */
export const BundleRedactionSchema = z.object({
  /** The categories masked (see REDACTION_CATEGORIES); credentials are always removed and not listed. */
  categories: z.array(z.string()),
  /** user: the user's key (masks compare across bundles made with it); one-off: a random key. */
  key: z.enum(['user', 'one-off']),
  /** A keyed hash of a fixed string: two bundles with the same keyId used the same key. */
  keyId: z.string().regex(/^[0-9a-f]{8,64}$/),
});

/**
 * manifest.json (bundleSchemaVersion 1): who made the bundle, when, on what, and every other member
 * with its size and SHA-256.
 */
export const BundleManifestSchema = z.object({
  bundleSchemaVersion: z.literal(BUNDLE_SCHEMA_VERSION),
  app: z.object({ name: z.literal('rdp-probe'), version: z.string() }),
  platform: z.object({ os: z.string(), release: z.string(), arch: z.string() }),
  createdAt: z.iso.datetime(),
  reportSchemaVersion: z.number().int().positive(),
  redaction: BundleRedactionSchema,
  files: z.array(BundleFileSchema),
});

export type BundleFile = z.infer<typeof BundleFileSchema>;
export type BundleRedaction = z.infer<typeof BundleRedactionSchema>;
export type BundleManifest = z.infer<typeof BundleManifestSchema>;
