import { statementCoversAction } from '../iam-actions';
import { principalValues } from '../policy-document';
import { parseFederatedPrincipal } from '../principals';
import { Rule, Violation } from '../rule';

const SAML = 'sts:AssumeRoleWithSAML';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const ASSUME_ROLE = 'sts:AssumeRole';

/**
 * A SAML provider is assumed through `sts:AssumeRoleWithSAML`, an OIDC or web identity provider through
 * `sts:AssumeRoleWithWebIdentity`, and AWS or service principals through `sts:AssumeRole`. Any other pairing
 * either never works or hides what the statement was meant to allow.
 */
export const FederatedActionMismatch: Rule = {
  name: 'FederatedActionMismatch',
  severity: 'error',
  description: 'Each kind of principal must be trusted with the one assume-role action that fits it.',
  check({ role }) {
    const violations: Violation[] = [];
    for (const statement of role.trustAllowStatements) {
      const federated = principalValues(statement, 'Federated').map((value) => parseFederatedPrincipal(value, role.describeFederated));
      const kinds = new Set(federated.map((principal) => principal.kind));
      const hasOthers = ['AWS', 'Service', '*'].some((type) => principalValues(statement, type).length > 0);
      const grants = (action: string) => statementCoversAction(statement, action);
      if (kinds.has('saml') && !grants(SAML)) {
        violations.push({ message: `${statement.location} trusts a SAML provider but does not allow ${SAML}, so no one can sign in through it. Use ${SAML}.` });
      }
      if ((kinds.has('oidc') || kinds.has('web-identity')) && !grants(WEB_IDENTITY)) {
        violations.push({ message: `${statement.location} trusts a web identity provider but does not allow ${WEB_IDENTITY}, so its tokens cannot be exchanged. Use ${WEB_IDENTITY}.` });
      }
      if (kinds.has('saml') && (kinds.has('oidc') || kinds.has('web-identity'))) {
        violations.push({ message: `${statement.location} mixes SAML and web identity providers in one statement, so each provider is also allowed the other's action. Give each provider its own statement.` });
      }
      if (federated.length > 0 && hasOthers) {
        violations.push({ message: `${statement.location} mixes federated principals with AWS or service principals, so the federated conditions and actions apply to both. Give each kind of principal its own statement.` });
      }
      if (federated.length === 0 && hasOthers && (grants(SAML) || grants(WEB_IDENTITY)) && !grants(ASSUME_ROLE)) {
        violations.push({ message: `${statement.location} allows ${SAML} or ${WEB_IDENTITY} to AWS or service principals, which can only use ${ASSUME_ROLE}. Use ${ASSUME_ROLE}, or trust a Federated provider.` });
      }
    }
    return violations;
  },
};
