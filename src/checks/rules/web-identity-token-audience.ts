import { actionMatches } from '../../iam/glob';
import { isEveryAction, isServiceWildcard } from '../iam-actions';
import { Rule } from '../rule';

/** Whether an action pattern may match an STS action: `sts:...`, or one that starts with a wildcard. */
function mayBeSts(action: string): boolean {
  return action.length > 0 && (action[0] === '*' || action[0] === '?' || STS_OR_WILDCARD_START.test(action));
}

/** Whether an action pattern grants `sts:GetWebIdentityToken` short of every action or all of STS (`sts:GetWebIdentityToken`, `sts:Get*`). */
function namesTokenAction(action: string): boolean {
  return mayBeSts(action) && !isEveryAction(action) && !isServiceWildcard(action) && actionMatches(action, TOKEN_ACTION);
}

const TOKEN_ACTION = 'sts:GetWebIdentityToken';

/** A module constant: a regular expression literal inside a function is a new object at each call. */
const STS_OR_WILDCARD_START = /^s[t*?]/i;

/** The condition key that names the external services a token is for ("Controlling access with IAM policies", outbound identity federation, IAM User Guide). */
const AUDIENCE_KEY = 'sts:identitytokenaudience';

/**
 * `sts:GetWebIdentityToken` mints a token AWS signs for the role (IAM outbound identity federation): without a
 * condition on `sts:IdentityTokenAudience`, the role can mint one for any external service that trusts the account's
 * issuer, not only the one it calls.
 */
export const WebIdentityTokenAudience: Rule = {
  name: 'WebIdentityTokenAudience',
  severity: 'warning',
  description: 'A grant of sts:GetWebIdentityToken should name the audiences the role may mint tokens for (sts:IdentityTokenAudience).',
  docs: {
    why: 'A token for any audience lets the role, or whoever runs code as it, sign in to every external service that trusts the account\'s '
      + 'issuer, not only the one it calls.',
    fix: 'Add ForAllValues:StringEquals sts:IdentityTokenAudience with the audiences, and NumericLessThanEquals sts:DurationSeconds '
      + '(`WebIdentityTokens.grant` writes both).',
    insecure: { permissions: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }] },
    secure: {
      permissions: [{
        Effect: 'Allow',
        Action: 'sts:GetWebIdentityToken',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': 'https://api.example.com' }, 'NumericLessThanEquals': { 'sts:DurationSeconds': '300' } },
      }],
    },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      // a grant aimed at tokens only: a NotAction statement, `*` and `sts:*` grant them among everything else, and
      // AllowWithNotAction, FullAdministratorAccess and ServiceWideWildcardAction report that breadth (one finding per problem)
      if (statement.hasNotAction || !statement.actions.some(namesTokenAction)) continue;
      const pinned = statement.conditions.some((test) => test.key === AUDIENCE_KEY && test.baseOperator.startsWith('String')
        && test.values.some((value) => value !== '*'));
      if (pinned) continue;
      report(`${statement.location} allows sts:GetWebIdentityToken with no condition on sts:IdentityTokenAudience, so the role can mint `
        + 'an AWS-signed token for any external service that trusts this account\'s issuer. Add ForAllValues:StringEquals '
        + 'sts:IdentityTokenAudience with the audiences it calls, and NumericLessThanEquals sts:DurationSeconds.', statement.subject);
    }
  },
};
