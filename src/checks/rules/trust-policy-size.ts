import { policySize } from '../policy-size';
import { propertySubject, Rule } from '../rule';

/** A trust policy over the quota fails at deployment (`LimitExceeded`). */
export const TrustPolicySize: Rule = {
  name: 'TrustPolicySize',
  severity: 'error',
  description: 'The trust policy must fit the account quota for role trust policy length (2048 characters by default).',
  docs: {
    why: 'IAM refuses a trust policy over the account\'s quota, so the deployment fails.',
    fix: 'Trust an organization instead of many accounts, merge statements, or raise the quota and `trustPolicyMaxChars` together.',
  },
  check({ role, limits }, report) {
    const size = policySize(role.properties.AssumeRolePolicyDocument);
    if (size <= limits.trustPolicyMaxChars) return;
    report(`the trust policy is ${size} characters without white space, over the ${limits.trustPolicyMaxChars}-character quota, so `
      + 'CloudFormation will fail to create the role. Trust an organization (aws:PrincipalOrgID) instead of many accounts, merge '
      + 'statements, or raise the quota and the trustPolicyMaxChars limit together.', propertySubject(role, 'AssumeRolePolicyDocument'));
  },
};
