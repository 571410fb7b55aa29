import { principalValues } from '../../role-model/policy-document';
import { hasPrincipalGuardrail, narrowsPrincipal } from '../conditions';
import { Rule } from '../rule';

/** `Principal: "*"` or `{ AWS: "*" }` in the trust policy lets every AWS principal anywhere assume the role. */
export const WildcardPrincipal: Rule = {
  name: 'WildcardPrincipal',
  severity: 'error',
  description: 'A trust policy must not trust every AWS principal (`*`) unless a condition pins the caller to an organization, account or principal.',
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
