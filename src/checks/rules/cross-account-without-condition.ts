import { append, NONE } from '../../role-model/cfn-value';
import { PolicyStatement, principalValues } from '../../role-model/policy-document';
import { narrowsPrincipal, requiresExternalId, requiresMfa } from '../conditions';
import { isOtherAccount, parseAwsPrincipal } from '../principals';
import { Rule } from '../rule';
import { VENDOR_TRUST } from './examples';

/** The other accounts whose root (every principal) the statement trusts. */
function otherAccountsTrusted(statement: PolicyStatement, deployingAccount: string | undefined): readonly string[] {
  let accounts: string[] | undefined;
  for (const value of principalValues(statement, 'AWS')) {
    const principal = parseAwsPrincipal(value);
    if (principal.kind !== 'account' || principal.account === undefined || !isOtherAccount(principal.account, deployingAccount)) continue;
    accounts = append(accounts, principal.account);
  }
  return accounts ?? NONE;
}

/**
 * Trusting another account's root (or its bare id) lets every principal that account's administrators allow
 * assume the role. Narrow it with an ExternalId (vendors), aws:PrincipalArn, aws:PrincipalOrgID, or MFA.
 */
export const CrossAccountWithoutCondition: Rule = {
  name: 'CrossAccountWithoutCondition',
  severity: 'warning',
  description: 'A trust in another whole account should be narrowed by ExternalId, PrincipalArn, PrincipalOrgID or MFA.',
  docs: {
    why: 'Trusting a whole account lets every principal its administrators allow assume the role; for a vendor, any of its customers '
      + 'could point the vendor at your role (confused deputy).',
    fix: 'Require an `sts:ExternalId` (vendors), name the principals with `aws:PrincipalArn`, require the organization '
      + '(`aws:PrincipalOrgID`) or MFA.',
    insecure: { trust: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] },
    secure: { trust: [VENDOR_TRUST] },
  },
  check({ role, deployingAccount }, report) {
    for (const statement of role.trustAllowStatements) {
      if (statement.conditionsUnreadable || narrowsPrincipal(statement) || requiresExternalId(statement) || requiresMfa(statement)) continue;
      const accounts = otherAccountsTrusted(statement, deployingAccount);
      if (accounts.length === 0) continue;
      report(`${statement.location} trusts all of account${accounts.length > 1 ? 's' : ''} ${accounts.join(', ')} with no condition, so `
        + 'anyone its administrators allow can assume this role. Add sts:ExternalId (for a vendor), aws:PrincipalArn (for named '
        + 'roles), aws:PrincipalOrgID, or Bool aws:MultiFactorAuthPresent "true" (for humans).', statement.subject);
    }
  },
};
