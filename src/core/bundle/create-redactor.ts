import type { Report } from '../report-schema.js';
import { maskAzureIds, maskIpAddresses, maskMacAddresses } from './address-masks.js';
import { collectSensitiveNames, normaliseHostName } from './collect-names.js';
import { literalPattern } from './literal-pattern.js';
import { collectStrings } from './map-strings.js';
import { type KeyedHash, maskOf } from './mask.js';
import type { RedactionOptions } from './redaction-options.js';
import { scrubCredentials } from './scrub-credentials.js';

/** Redacts one string: what redactReport applies to every field and writeBundle to every evidence file. */
export type Redactor = (text: string) => string;

/** Values the report does not hold but the computer does: the local user and computer names. */
export interface KnownValues {
  readonly userNames?: readonly string[];
  readonly hostNames?: readonly string[];
}

/** A profile folder: `C:\Users\NAME`, `/home/NAME`, `/Users/NAME`. */
const PROFILE_PATH = /((?:\b[a-z]:)?[\\/](?:users|home|documents and settings)[\\/])([^\\/\s"'<>:|*?]+)/gi;

/** Profile folder names that belong to no one. */
const SHARED_USERS = new Set(['public', 'default', 'default user', 'all users', 'shared', 'guest', 'root']);

/** The suffix of an Azure-assigned name, kept readable: `host-3f9a2c1b.westeurope.cloudapp.azure.com`. */
const AZURE_SUFFIX = /(?:\.[a-z0-9-]+\.cloudapp\.azure\.com|\.cloudapp\.net|\.trafficmanager\.net)$/;

/** A PEM certificate names the host in its DER bytes, which masking text cannot reach. */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** A whole path id or check key whose path is not `direct`. */
const PATH_ID = /^((?:[a-z][a-z.-]*@)?(?:proxy|bind):)(.+)$/s;

function profileUsers(texts: readonly string[]): string[] {
  return texts.flatMap((text) =>
    [...text.matchAll(PROFILE_PATH)].map((m) => m[2] ?? '').filter((u) => !SHARED_USERS.has(u.toLowerCase())),
  );
}

/** Replaces every literal `values` match with its mask; compiled once per redactor. */
function literalReplacer(values: readonly string[], mask: (match: string) => string): (text: string) => string {
  const pattern = literalPattern(values);
  return pattern === null ? (text) => text : (text) => text.replace(pattern, mask);
}

/**
 * Builds the redactor for a report: credentials and tokens always go; the categories the options
 * name are masked with `hash` (a keyed hash), so one value gets one mask throughout the bundle and, with
 * the same key, across bundles. Host and user names are matched literally (collected from the report's
 * structured fields and `known`); addresses, MACs and GUIDs by pattern.
 */
export function createRedactor(
  report: Report,
  options: RedactionOptions,
  hash: KeyedHash,
  known: KnownValues = {},
): Redactor {
  const names = collectSensitiveNames(report, known.hostNames);
  const users = options.userNames
    ? [...profileUsers(collectStrings(report)), ...(known.userNames ?? [])].filter(
        (u) => u.length > 0 && !SHARED_USERS.has(u.toLowerCase()),
      )
    : [];
  const proxyUrls = names.proxyUrls.flatMap((url) => {
    const scrubbed = scrubCredentials(url);
    return [scrubbed, scrubbed.replace('://***@', '://')];
  });
  const userMask = (user: string) => maskOf('user', user.toLowerCase(), hash);
  const hostMask = (name: string) => {
    const normal = normaliseHostName(name);
    const suffix = AZURE_SUFFIX.exec(normal)?.[0] ?? '';
    return `${maskOf('host', normal, hash)}${suffix}`;
  };
  const proxyMask = (url: string) => maskOf('proxy', url.replace('://***@', '://').toLowerCase(), hash);
  const maskUsers = literalReplacer(users, userMask);
  const maskProxies = literalReplacer(proxyUrls, proxyMask);
  const maskHosts = literalReplacer(names.hostNames, hostMask);
  const stripCertificates = options.hostNames || options.publicIps || options.privateIps;
  const redactText: Redactor = (input) => {
    let text = scrubCredentials(input);
    if (stripCertificates) text = text.replace(PEM_CERTIFICATE, '[certificate removed: it names the host]');
    if (options.userNames) {
      text = text.replace(PROFILE_PATH, (_m, folder: string, user: string) =>
        SHARED_USERS.has(user.toLowerCase()) ? `${folder}${user}` : `${folder}${userMask(user)}`,
      );
      text = maskUsers(text);
    }
    if (options.proxyUrls) text = maskProxies(text);
    if (options.hostNames) text = maskHosts(text);
    if (options.macAddresses) text = maskMacAddresses(text, hash);
    text = maskAzureIds(text, options, hash);
    return maskIpAddresses(text, options, hash);
  };
  return (input) => {
    // A path id (`proxy:<url>`) or check key (`tcp.connect@proxy:<url>`): its prefix is structure, not a name.
    const structural = PATH_ID.exec(input);
    return structural === null ? redactText(input) : `${structural[1]}${redactText(structural[2] ?? '')}`;
  };
}
