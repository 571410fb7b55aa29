import { narrows } from './conditions';
import { CERTIFICATE_SUBJECT_TAGS, ROLES_ANYWHERE_SERVICE } from '../iam/service-principals';
import { PolicyStatement, principalValues } from '../role-model/policy-document';

/** Whether a trust statement lets IAM Roles Anywhere assume the role. */
export function trustsRolesAnywhere(statement: PolicyStatement): boolean {
  // a loop, not some() with a callback: this runs for every trust statement, and each callback made is an allocation
  for (const service of principalValues(statement, 'Service')) if (service.toLowerCase() === ROLES_ANYWHERE_SERVICE) return true;
  return false;
}

/**
 * The keys that pin which certificates get in: the subject's principal tags, and `sts:SourceIdentity`, which Roles
 * Anywhere sets to the subject's common name ("Trust model", IAM Roles Anywhere User Guide).
 */
export const SUBJECT_PIN_KEYS: readonly string[] = [...Object.values(CERTIFICATE_SUBJECT_TAGS), 'sts:SourceIdentity'];

/** Whether the statement narrows the certificate's subject by one of SUBJECT_PIN_KEYS. */
export function pinsCertificateSubject(statement: PolicyStatement): boolean {
  return SUBJECT_PIN_KEYS.some((key) => narrows(statement, key));
}
