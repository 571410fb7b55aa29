import { principalValues } from '../../role-model/policy-document';
import { hasPrincipalGuardrail, narrowsPrincipal } from '../conditions';
import { Rule } from '../rule';

/** `Principal: "*"` or `{ AWS: "*" }` in the trust policy lets every AWS principal anywhere assume the role. */
export const WildcardPrincipal: Rule = {
  name: 'WildcardPrincipal',
  severity: 'error',
  description: 'A trust policy must not trust every AWS principal (`*`) unless a condition pins the caller to an organization, account or principal.',
  docs: {
    why: 'Every principal of every AWS account may assume the role: anyone who learns its ARN gets its permissions.',
    fix: 'Name the accounts or roles that may assume it, or keep `"*"` only with a condition on `aws:PrincipalOrgID`, '
      + '`aws:PrincipalAccount` or `aws:PrincipalArn`.',
    insecure: { trust: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
    secure: {
      trust: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ],
    },
  },
  check({ role }, report) {
    let guarded: boolean | undefined; // read once, and only for a role that trusts everyone
    for (const statement of role.trustAllowStatements) {
      const trustsEveryone = principalValues(statement, '*').includes('*') || principalValues(statement, 'AWS').includes('*');
      if (!trustsEveryone || narrowsPrincipal(statement) || statement.conditionsUnreadable) continue;
      if (guarded ??= hasPrincipalGuardrail(role.trustStatements)) continue;
      report(`${statement.location} trusts Principal "*" with no condition on aws:PrincipalOrgID, aws:PrincipalAccount `
        + 'or aws:PrincipalArn, so any AWS principal in any account can assume this role. Name the accounts or roles '
        + 'that may assume it, or add a StringEquals condition on aws:PrincipalOrgID.', statement.subject);
    }
  },
};
