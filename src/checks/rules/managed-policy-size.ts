import { policySize } from '../policy-size';
import { Rule } from '../rule';

/** One managed policy may not exceed 6,144 characters. */
export const ManagedPolicySize: Rule = {
  name: 'ManagedPolicySize',
  severity: 'error',
  description: 'Each customer managed policy attached to the role must fit 6,144 characters.',
  check({ role, limits }) {
    return role.managedPolicies
      .map((policy) => ({ policy, size: policySize(policy.document) }))
      .filter(({ size }) => size > limits.managedPolicyMaxChars)
      .map(({ policy, size }) => ({
        message: `managed policy ${policy.logicalId} is ${size} characters without white space, over IAM's ${limits.managedPolicyMaxChars}-character `
          + 'limit for one managed policy, so the deployment will fail. Split it into two managed policies.',
      }));
  },
};
