import { Rule } from '../rule';

/**
 * A trust statement whose Condition is computed at deployment (CDK writes one when an OIDC issuer is a token)
 * cannot be read here, so the audience, subject and narrowing checks cannot vouch for it.
 */
export const UnreadableTrustCondition: Rule = {
  name: 'UnreadableTrustCondition',
  severity: 'warning',
  description: 'A trust statement whose conditions are only known at deployment cannot be checked at synth.',
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (!statement.conditionsUnreadable) continue;
      report(`${statement.location} has a Condition that is only known at deployment (an intrinsic function), so its audience, `
        + 'subject and other narrowing conditions were not checked. Use literal condition keys where you can, or review the deployed '
        + 'trust policy and acknowledge this warning with the reason.', statement.subject);
    }
  },
};
