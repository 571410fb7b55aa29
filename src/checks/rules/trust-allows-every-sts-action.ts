import { Rule } from '../rule';
import { VENDOR_TRUST } from './examples';

/** `*` or `sts:*` (in any case), told apart without a regular expression: this runs for every trust statement. */
function isEveryStsAction(action: string): boolean {
  return action === '*' || action.length === 5 && action.charCodeAt(4) === 42 && action.toLowerCase() === 'sts:*';
}

/**
 * A trust statement that allows `*` or `sts:*` hands out every STS action on the role, `sts:TagSession` and
 * `sts:SetSourceIdentity` included: callers may set session tags (which ABAC policies trust) and a source
 * identity of their choosing.
 */
export const TrustAllowsEveryStsAction: Rule = {
  name: 'TrustAllowsEveryStsAction',
  severity: 'warning',
  description: 'A trust statement should list the STS actions it allows, not `*` or `sts:*`.',
  docs: {
    why: '`sts:*` also lets callers tag their sessions and set their own source identity, which attribute-based access control and '
      + 'audit trails rely on.',
    fix: 'Allow `sts:AssumeRole` (and `sts:TagSession` or `sts:SetSourceIdentity` only where you mean them).',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: 'sts:*',
          Condition: { StringEquals: { 'sts:ExternalId': '8f14e45f-ceea-467f-a0e6-e1d2c3b4a596' } },
        },
      ],
    },
    secure: { trust: [VENDOR_TRUST] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      let every: string | undefined;
      for (const action of statement.actions) if (isEveryStsAction(action)) every = action;
      if (every === undefined && !statement.hasNotAction) continue;
      report(`${statement.location} allows ${every ?? 'every action but those in NotAction'}, so callers may also tag their session `
        + '(sts:TagSession, which attribute-based policies trust) and set a source identity of their choosing (sts:SetSourceIdentity). '
        + 'List the action the principal uses, such as sts:AssumeRole or sts:AssumeRoleWithWebIdentity.', statement.subject);
    }
  },
};
