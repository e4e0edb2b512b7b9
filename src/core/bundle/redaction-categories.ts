import { err, type InputError, inputError, ok, type Result } from '../result.js';
import type { RedactionOptions } from './redaction-options.js';

// No zod here: the CLI parses --redact at start-up, and zod loads only when a report is validated.

/** A maskable category, as RedactionOptions names it. */
export type RedactionCategory = Exclude<keyof RedactionOptions, 'key'>;

/** Command-line names of the categories (`--redact host-names,public-ips`), in help-text order. */
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

function options(all: boolean): RedactionOptions {
  return {
    userNames: all,
    hostNames: all,
    publicIps: all,
    privateIps: all,
    macAddresses: all,
    proxyUrls: all,
    processLists: all,
    subscriptionIds: all,
    tenantIds: all,
  };
}

/** No masking (credentials and tokens are still removed). */
export const NO_REDACTION: RedactionOptions = options(false);

/** Every category masked. */
export const FULL_REDACTION: RedactionOptions = options(true);

/** Shortest `--redact-key`: a short key would make masks easy to reverse by guessing. */
const MIN_KEY_LENGTH = 8;

/**
 * Parses `--redact` (comma-separated category names, `all`, `none`) and the optional `--redact-key`
 * into options; errors name the flag and list the categories.
 */
export function parseRedactionList(list: string, key?: string): Result<RedactionOptions, InputError> {
  const result = options(false);
  for (const name of list.split(',').map((n) => n.trim().toLowerCase())) {
    if (name === '' || name === 'none') continue;
    if (name === 'all') {
      Object.assign(result, FULL_REDACTION);
      continue;
    }
    const category = REDACTION_CATEGORIES[name];
    if (category === undefined) {
      const known = ['all', 'none', ...Object.keys(REDACTION_CATEGORIES)].join(', ');
      return err(inputError('--redact', `--redact: "${name}" is not a category; expected some of ${known}.`));
    }
    result[category] = true;
  }
  if (key === undefined) return ok(result);
  if (key.length < MIN_KEY_LENGTH || key.length > 1024) {
    return err(
      inputError(
        '--redact-key',
        `--redact-key: the key has ${key.length} characters; expected ${MIN_KEY_LENGTH} to 1024.`,
      ),
    );
  }
  return ok({ ...result, key });
}

/** Command-line names of the categories an options object masks, for the manifest and the HTML footer. */
export function redactedCategories(redaction: RedactionOptions): string[] {
  return Object.entries(REDACTION_CATEGORIES)
    .filter(([, category]) => redaction[category])
    .map(([name]) => name);
}
