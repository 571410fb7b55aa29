import { pinsCertificateSubject, trustsRolesAnywhere } from '../roles-anywhere';
import { Rule } from '../rule';
import { rolesAnywhereTrust } from './examples';

/** A trust in IAM Roles Anywhere should pin the certificate's subject: else every certificate the CA ever issued gets in. */
export const RolesAnywhereSubjectUnpinned: Rule = {
  name: 'RolesAnywhereSubjectUnpinned',
  severity: 'warning',
  description: 'A trust in rolesanywhere.amazonaws.com should pin the certificate subject (aws:PrincipalTag/x509Subject/CN, OU or O, or sts:SourceIdentity).',
  docs: {
    why: 'Without a subject pin, every certificate the trust anchor\'s CA has issued, to any machine or person, gets the role.',
    fix: 'Add StringEquals aws:PrincipalTag/x509Subject/CN with the certificate\'s common name (and OU or O if they narrow it further).',
    insecure: { trust: [rolesAnywhereTrust('anchor')] },
    secure: { trust: [rolesAnywhereTrust('pinned')] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (!trustsRolesAnywhere(statement) || statement.conditionsUnreadable || pinsCertificateSubject(statement)) continue;
      report(`${statement.location} trusts rolesanywhere.amazonaws.com with no condition on the certificate's subject, so every certificate `
        + 'the trust anchor\'s CA has issued gets the role. Add StringEquals aws:PrincipalTag/x509Subject/CN with the certificate\'s common name.',
      statement.subject);
    }
  },
};
