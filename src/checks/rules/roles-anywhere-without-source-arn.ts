import { narrows } from '../conditions';
import { trustsRolesAnywhere } from '../roles-anywhere';
import { Rule } from '../rule';
import { rolesAnywhereTrust } from './examples';

/**
 * A trust in IAM Roles Anywhere must name the trust anchor (`aws:SourceArn`): without it, a certificate from any
 * trust anchor of the account, any CA someone registered there, gets the role.
 */
export const RolesAnywhereWithoutSourceArn: Rule = {
  name: 'RolesAnywhereWithoutSourceArn',
  severity: 'error',
  description: 'A trust in rolesanywhere.amazonaws.com must name the trust anchor with aws:SourceArn.',
  docs: {
    why: 'Roles Anywhere assumes the role for a certificate of any trust anchor of the account: without aws:SourceArn, whoever can register a '
      + 'CA as a trust anchor there, or holds a certificate of any CA already registered, gets the role.',
    fix: 'Add ArnEquals aws:SourceArn with the trust anchor\'s ARN (`RolesAnywhereRole` writes it).',
    insecure: { trust: [rolesAnywhereTrust('none')] },
    secure: { trust: [rolesAnywhereTrust('pinned')] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (!trustsRolesAnywhere(statement) || statement.conditionsUnreadable || narrows(statement, 'aws:SourceArn')) continue;
      report(`${statement.location} trusts rolesanywhere.amazonaws.com with no condition on aws:SourceArn, so a certificate of any trust `
        + 'anchor of this account gets the role. Add ArnEquals aws:SourceArn with the trust anchor\'s ARN.', statement.subject);
    }
  },
};
