import { policySize } from '../policy-size';
import { propertySubject, Rule } from '../rule';

/** A role's inline policies together may not exceed 10,240 characters. */
export const InlinePoliciesSize: Rule = {
  name: 'InlinePoliciesSize',
  severity: 'error',
  description: "A role's inline policies (its Policies and the AWS::IAM::Policy resources attached to it) must fit 10,240 characters together.",
  docs: {
    why: 'IAM refuses inline policies over 10,240 characters per role, so the deployment fails.',
    fix: 'Move statements into customer managed policies, or merge statements that share actions.',
  },
  check({ role, limits }, report) {
    let total = 0;
    for (const policy of role.inlinePolicies) total += policySize(policy.document);
    if (total <= limits.inlinePoliciesMaxChars) return;
    const largest = role.inlinePolicies.map((policy) => ({ description: policy.description, size: policySize(policy.document) }))
      .sort((a, b) => b.size - a.size)[0];
    report(`the role's inline policies add up to ${total} characters without white space, over IAM's ${limits.inlinePoliciesMaxChars}-character `
      + `limit (the largest is ${largest.description}, ${largest.size}), so the deployment will fail. Move statements into customer `
      + 'managed policies, or merge statements that share actions.', propertySubject(role, 'Policies'));
  },
};
