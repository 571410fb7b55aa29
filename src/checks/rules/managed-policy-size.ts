import { policySize } from '../policy-size';
import { Rule } from '../rule';

/** One managed policy may not exceed 6,144 characters. */
export const ManagedPolicySize: Rule = {
  name: 'ManagedPolicySize',
  severity: 'error',
  description: 'Each customer managed policy attached to the role must fit 6,144 characters.',
  docs: {
    why: 'IAM refuses a managed policy over 6,144 characters, so the deployment fails.',
    fix: 'Split it into two managed policies.',
  },
  check({ role, limits }, report) {
    for (const policy of role.managedPolicies) {
      const size = policySize(policy.document);
      if (size <= limits.managedPolicyMaxChars) continue;
      report(`managed policy ${policy.logicalId} is ${size} characters without white space, over IAM's ${limits.managedPolicyMaxChars}-character `
        + 'limit for one managed policy, so the deployment will fail. Split it into two managed policies.', policy.subject);
    }
  },
};
