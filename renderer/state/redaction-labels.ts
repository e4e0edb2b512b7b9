import { REDACTION_CATEGORIES, type RedactionCategory } from '../../src/core/bundle/redaction-categories.js';

/** Plain-language names of the categories a bundle can mask, in the order the export form lists them. */
export const REDACTION_LABELS: Readonly<Record<RedactionCategory, string>> = {
  userNames: 'User names',
  hostNames: 'Host and computer names',
  publicIps: 'Public IP addresses',
  privateIps: 'Private IP addresses',
  macAddresses: 'MAC addresses',
  proxyUrls: 'Proxy addresses',
  processLists: 'Lists of running programs',
  subscriptionIds: 'Azure subscription IDs',
  tenantIds: 'Azure tenant IDs',
};

/** The categories in form order. */
export const REDACTION_ORDER = Object.keys(REDACTION_LABELS) as RedactionCategory[];

/**
 * One sentence for what a bundle masked, from the manifest's category names (`public-ips`); names this
 * version does not know are shown as they are.
 */
export function maskedSentence(names: readonly string[]): string {
  if (names.length === 0) return 'Nothing was masked (credentials and tokens are always removed).';
  const labels = names.map((name) => {
    const category = REDACTION_CATEGORIES[name];
    return category === undefined ? name : REDACTION_LABELS[category].toLowerCase();
  });
  return `Masked: ${labels.join(', ')} (credentials and tokens are always removed).`;
}
