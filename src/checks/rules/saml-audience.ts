import { PolicyStatement, principalValues } from '../../role-model/policy-document';
import { RoleUnderCheck } from '../../role-model/role-under-check';
import { narrows } from '../conditions';
import { parseFederatedPrincipal } from '../principals';
import { Rule } from '../rule';
import { samlTrust } from './examples';

function trustsSamlProvider(statement: PolicyStatement, role: RoleUnderCheck): boolean {
  for (const value of principalValues(statement, 'Federated')) {
    if (parseFederatedPrincipal(value, role.describeFederated).kind === 'saml') return true;
  }
  return false;
}

/** Without `SAML:aud`, an assertion meant for another service provider of the same IdP can be replayed to AWS. */
export const SamlAudience: Rule = {
  name: 'SamlAudience',
  severity: 'error',
  description: 'A SAML trust must require SAML:aud to be the AWS sign-in endpoint the IdP posts to.',
  docs: {
    why: 'Without `SAML:aud`, an assertion the IdP issued for another service provider can be used to sign in to this role.',
    fix: 'Add `StringEquals SAML:aud https://signin.aws.amazon.com/saml` (or the regional sign-in endpoint).',
    insecure: {
      trust: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Corporate' }, Action: 'sts:AssumeRoleWithSAML' }],
    },
    secure: { trust: [samlTrust('sts:AssumeRoleWithSAML')] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      if (!trustsSamlProvider(statement, role) || statement.conditionsUnreadable || narrows(statement, 'SAML:aud')) continue;
      report(`${statement.location} trusts a SAML provider with no StringEquals condition on SAML:aud, so an assertion the IdP issued `
        + 'for another application could be used to sign in to AWS. Add StringEquals SAML:aud '
        + '"https://signin.aws.amazon.com/saml" (or the regional https://<region>.signin.aws.amazon.com/saml you use).', statement.subject);
    }
  },
};
