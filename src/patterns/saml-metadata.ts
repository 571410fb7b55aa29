import { X509Certificate } from 'crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One problem in a SAML metadata document. */
export interface MetadataProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The shortest RSA signing key IAM accepts in SAML metadata. */
export const MIN_KEY_BITS = 1024;
/** How close to its expiry a signing certificate starts to warn. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY = 24 * 3600 * 1000;

/**
 * Checks a SAML metadata document the way IAM will read it: UTF-8 without a byte-order mark, a SAML
 * `EntityDescriptor` with an `IDPSSODescriptor`, and at least one signing certificate whose key has at
 * least 1,024 bits and which has not expired (a warning within 30 days of its end).
 */
export function checkSamlMetadata(xml: string, now: Date = new Date()): MetadataProblem[] {
  if (xml.charCodeAt(0) === 0xfeff) return [error('it starts with a byte-order mark (BOM); save it as UTF-8 without a BOM')];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [error(`it is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`)];
  const document = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute }).parse(xml);
  const entity = first(document.EntityDescriptor);
  if (!entity) return [error('its root is not a SAML EntityDescriptor (urn:oasis:names:tc:SAML:2.0:metadata); export the metadata of your IdP, not of AWS')];
  const idp = first(entity.IDPSSODescriptor);
  if (!idp) return [error('it has no IDPSSODescriptor: it describes a service provider, not the identity provider')];
  const certificates = signingCertificates(idp);
  if (certificates.length === 0) return [error('its IDPSSODescriptor has no signing certificate (KeyDescriptor use="signing" with an X509Certificate)')];
  return certificates.flatMap((certificate, index) => checkCertificate(certificate, index + 1, now));
}

function signingCertificates(idp: any): string[] {
  const descriptors: any[] = idp.KeyDescriptor ?? [];
  return descriptors
    .filter((descriptor) => descriptor['@_use'] === undefined || descriptor['@_use'] === 'signing')
    .flatMap((descriptor) => all(descriptor.KeyInfo).flatMap((info) => all(info.X509Data)).flatMap((data) => all(data.X509Certificate)))
    .map((value) => String(typeof value === 'object' ? value['#text'] ?? '' : value).replace(/\s+/g, ''));
}

function checkCertificate(base64: string, number: number, now: Date): MetadataProblem[] {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch (cause) {
    return [error(`signing certificate ${number} cannot be read: ${(cause as Error).message}`)];
  }
  const problems: MetadataProblem[] = [];
  const bits = certificate.publicKey.asymmetricKeyDetails?.modulusLength;
  if (certificate.publicKey.asymmetricKeyType === 'rsa' && bits !== undefined && bits < MIN_KEY_BITS) {
    problems.push(error(`signing certificate ${number} has a ${bits}-bit key; IAM needs at least ${MIN_KEY_BITS} bits`));
  }
  const end = new Date(certificate.validTo);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (end.getTime() <= now.getTime()) {
    problems.push(error(`signing certificate ${number} expired on ${day(end)} (today is ${day(now)}); sign-ins will fail. Export fresh metadata from the IdP`));
  } else if (end.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY) {
    problems.push({
      severity: 'warning',
      message: `signing certificate ${number} expires on ${day(end)}, within ${EXPIRY_WARNING_DAYS} days of ${day(now)}; `
      + 'rotate it at the IdP and update the metadata before then, or sign-ins will fail',
    });
  }
  return problems;
}

function error(message: string): MetadataProblem {
  return { severity: 'error', message };
}

function first(value: unknown): any {
  return Array.isArray(value) ? value[0] : undefined;
}

function all(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
