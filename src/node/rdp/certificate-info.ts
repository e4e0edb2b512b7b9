import { X509Certificate } from 'node:crypto';
import type { RdpCertificate } from '../../core/evidence/rdp.js';

/** How the TLS layer judged the certificate, which X509Certificate alone cannot tell. */
export interface TrustFacts {
  readonly trusted: boolean;
  readonly trustError: string | null;
  readonly matchesHost: boolean | null;
}

const CURVE_BITS: Readonly<Record<string, number>> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

/** One field (`CN`) of a multi-line X.509 name as Node prints it (`CN=host\nO=org`). */
export function nameField(name: string, field: string): string | null {
  for (const line of name.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0 && line.slice(0, at) === field) return line.slice(at + 1);
  }
  return null;
}

/**
 * Describes a server certificate from its DER bytes for the report: names, validity, SHA-1 thumbprint
 * (what mstsc shows) and SHA-256, key type and size. `now` decides expired / not yet valid.
 */
export function describeCertificate(der: Uint8Array, now: Date, trust: TrustFacts): RdpCertificate {
  const cert = new X509Certificate(der);
  const validFrom = cert.validFromDate;
  const validTo = cert.validToDate;
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  const keyBits =
    details?.modulusLength ??
    (details?.namedCurve ? (CURVE_BITS[details.namedCurve] ?? null) : key.asymmetricKeyType === 'ed25519' ? 256 : null);
  const selfSigned = cert.subject === cert.issuer && cert.checkIssued(cert) && safeVerify(cert);
  return {
    subject: cert.subject,
    subjectCN: nameField(cert.subject, 'CN'),
    subjectAltNames: (cert.subjectAltName ?? '')
      .split(', ')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    issuer: cert.issuer,
    issuerCN: nameField(cert.issuer, 'CN'),
    selfSigned,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    expired: now.getTime() > validTo.getTime(),
    notYetValid: now.getTime() < validFrom.getTime(),
    sha1: cert.fingerprint.replaceAll(':', '').toUpperCase(),
    sha256: cert.fingerprint256.replaceAll(':', '').toUpperCase(),
    serialNumber: cert.serialNumber.toUpperCase(),
    keyType: key.asymmetricKeyType ?? null,
    keyBits,
    trusted: trust.trusted,
    trustError: trust.trustError,
    matchesHost: trust.matchesHost,
    pem: cert.toString(),
  };
}

function safeVerify(cert: X509Certificate): boolean {
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}
