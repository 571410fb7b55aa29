import { readable } from '../../role-model/cfn-value';
import { WEB_IDENTITY_PROVIDERS } from '../principals';
import { Rule } from '../rule';
import { claimTests, webIdentityTrusts } from '../web-identity';
import { cognitoTrust } from './examples';

/**
 * A web identity or OIDC trust without an audience condition accepts tokens the provider issued to any
 * application: every Google app, every Cognito identity pool, every GitHub workflow.
 */
export const WebIdentityAudience: Rule = {
  name: 'WebIdentityAudience',
  severity: 'error',
  description: 'A web identity or OIDC trust must pin the audience (aud, or app_id for Facebook and Amazon) to your own application.',
  docs: {
    why: 'Without an audience condition, a token the provider issued to any other app or pool can be exchanged for this role.',
    fix: 'Add `StringEquals` on the provider\'s audience key (`<issuer>:aud`, `cognito-identity.amazonaws.com:aud`, '
      + '`accounts.google.com:aud`, `graph.facebook.com:app_id`, `www.amazon.com:app_id`).',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        },
      ],
    },
    secure: { trust: [cognitoTrust('authenticated')] },
  },
  check({ role }, report) {
    for (const trust of webIdentityTrusts(role)) {
      const { statement, principal } = trust;
      if (statement.conditionsUnreadable || claimTests(trust, 'aud').length > 0) continue;
      const keys = principal.issuer === undefined ? ['<issuer>:aud']
        : WEB_IDENTITY_PROVIDERS.get(principal.issuer)?.audienceKeys ?? [`${principal.issuer}:aud`];
      report(`${statement.location} trusts ${principal.issuer ?? readable(principal.value)} with no StringEquals condition on ${keys.join(' or ')}, `
        + 'so a token the provider issued to any other application is accepted. Add a StringEquals condition on '
        + `${keys[0]} with your own client, app, or identity pool id${principal.issuer === 'token.actions.githubusercontent.com' ? ' (sts.amazonaws.com for GitHub Actions)' : ''}.`, statement.subject);
    }
  },
};
