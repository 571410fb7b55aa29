import { PolicyStatement, principalValues } from '../../role-model/policy-document';
import { statementCoversAction } from '../iam-actions';
import { parseFederatedPrincipal } from '../principals';
import { Rule } from '../rule';
import { samlTrust } from './examples';

const SAML = 'sts:AssumeRoleWithSAML';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const ASSUME_ROLE = 'sts:AssumeRole';

/** Whether the statement also trusts AWS principals, services, or everyone. */
function hasNonFederatedPrincipal(statement: PolicyStatement): boolean {
  return principalValues(statement, 'AWS').length > 0 || principalValues(statement, 'Service').length > 0
    || principalValues(statement, '*').length > 0;
}

/** Whether the statement allows a federated assume-role action and not `sts:AssumeRole`. */
function allowsOnlyFederatedActions(statement: PolicyStatement): boolean {
  return (statementCoversAction(statement, SAML) || statementCoversAction(statement, WEB_IDENTITY)) && !statementCoversAction(statement, ASSUME_ROLE);
}

/**
 * A SAML provider is assumed through `sts:AssumeRoleWithSAML`, an OIDC or web identity provider through
 * `sts:AssumeRoleWithWebIdentity`, and AWS or service principals through `sts:AssumeRole`. Any other pairing
 * either never works or hides what the statement was meant to allow.
 */
export const FederatedActionMismatch: Rule = {
  name: 'FederatedActionMismatch',
  severity: 'error',
  description: 'Each kind of principal must be trusted with the one assume-role action that fits it.',
  docs: {
    why: 'Each kind of principal can use one assume action only: a SAML provider given `sts:AssumeRole` lets no one in, and a statement '
      + 'that mixes kinds gives each the other\'s action and conditions.',
    fix: 'Give SAML providers `sts:AssumeRoleWithSAML`, OIDC and web identity providers `sts:AssumeRoleWithWebIdentity`, AWS and '
      + 'service principals `sts:AssumeRole`, each kind in a statement of its own.',
    insecure: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Corporate' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    },
    secure: { trust: [samlTrust('sts:AssumeRoleWithSAML')] },
  },
  check({ role }, report) {
    for (const statement of role.trustAllowStatements) {
      const hasOthers = hasNonFederatedPrincipal(statement);
      const federatedValues = principalValues(statement, 'Federated');
      if (federatedValues.length === 0) {
        if (hasOthers && allowsOnlyFederatedActions(statement)) {
          report(`${statement.location} allows ${SAML} or ${WEB_IDENTITY} to AWS or service principals, which can only use ${ASSUME_ROLE}. Use ${ASSUME_ROLE}, or trust a Federated provider.`, statement.subject);
        }
        continue;
      }
      const kinds = new Set(federatedValues.map((value) => parseFederatedPrincipal(value, role.describeFederated).kind));
      if (kinds.has('saml') && !statementCoversAction(statement, SAML)) {
        report(`${statement.location} trusts a SAML provider but does not allow ${SAML}, so no one can sign in through it. Use ${SAML}.`, statement.subject);
      }
      if ((kinds.has('oidc') || kinds.has('web-identity')) && !statementCoversAction(statement, WEB_IDENTITY)) {
        report(`${statement.location} trusts a web identity provider but does not allow ${WEB_IDENTITY}, so its tokens cannot be exchanged. Use ${WEB_IDENTITY}.`, statement.subject);
      }
      if (kinds.has('saml') && (kinds.has('oidc') || kinds.has('web-identity'))) {
        report(`${statement.location} mixes SAML and web identity providers in one statement, so each provider is also allowed the other's action. Give each provider its own statement.`, statement.subject);
      }
      if (hasOthers) {
        report(`${statement.location} mixes federated principals with AWS or service principals, so the federated conditions and actions apply to both. Give each kind of principal its own statement.`, statement.subject);
      }
    }
  },
};
