import { Rule } from '../rule';
import { VENDOR_TRUST } from './examples';

/**
 * A trust statement whose Condition is computed at deployment (CDK writes one when an OIDC issuer is a token)
 * cannot be read here, so the audience, subject and narrowing checks cannot vouch for it.
 */
export const UnreadableTrustCondition: Rule = {
  name: 'UnreadableTrustCondition',
  severity: 'warning',
  description: 'A trust statement whose conditions are only known at deployment cannot be checked at synth.',
  docs: {
    why: 'A Condition computed at deployment cannot be read at synth, so the audience, subject and narrowing checks cannot vouch for it.',
    fix: 'Write condition keys as literals where you can; otherwise review the deployed trust policy and acknowledge the warning with the reason.',
    insecure: {
      trust: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { Ref: 'TrustConditions' } },
      ],
    },
    secure: { trust: [VENDOR_TRUST] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (!statement.conditionsUnreadable) continue;
      report(`${statement.location} has a Condition that is only known at deployment (an intrinsic function), so its audience, `
        + 'subject and other narrowing conditions were not checked. Use literal condition keys where you can, or review the deployed '
        + 'trust policy and acknowledge this warning with the reason.', statement.subject);
    }
  },
};
