import { narrowsPrincipal, requiresExternalId, requiresMfa } from '../conditions';
import { principalValues } from '../policy-document';
import { isOtherAccount, parseAwsPrincipal } from '../principals';
import { Rule, Violation } from '../rule';

/**
 * Trusting another account's root (or its bare id) lets every principal that account's administrators allow
 * assume the role. Narrow it with an ExternalId (vendors), aws:PrincipalArn, aws:PrincipalOrgID, or MFA.
 */
export const CrossAccountWithoutCondition: Rule = {
  name: 'CrossAccountWithoutCondition',
  severity: 'warning',
  description: 'A trust in another whole account should be narrowed by ExternalId, PrincipalArn, PrincipalOrgID or MFA.',
  check({ role, deployingAccount }) {
    const violations: Violation[] = [];
    for (const statement of role.trustAllowStatements) {
      if (statement.conditionsUnreadable || narrowsPrincipal(statement) || requiresExternalId(statement) || requiresMfa(statement)) continue;
      const accounts = principalValues(statement, 'AWS').map(parseAwsPrincipal)
        .filter((principal) => principal.kind === 'account' && isOtherAccount(principal.account, deployingAccount))
        .map((principal) => principal.account);
      if (accounts.length === 0) continue;
      violations.push({
        message: `${statement.location} trusts all of account${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')} with no condition, so `
          + 'anyone its administrators allow can assume this role. Add sts:ExternalId (for a vendor), aws:PrincipalArn (for named '
          + 'roles), aws:PrincipalOrgID, or Bool aws:MultiFactorAuthPresent "true" (for humans).',
      });
    }
    return violations;
  },
};
