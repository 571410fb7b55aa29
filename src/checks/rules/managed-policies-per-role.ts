import { propertySubject, Rule } from '../rule';

/** IAM attaches at most 10 managed policies to a role unless the quota is raised. */
export const ManagedPoliciesPerRole: Rule = {
  name: 'ManagedPoliciesPerRole',
  severity: 'error',
  description: 'A role may have at most the quota of managed policies attached (10 by default).',
  docs: {
    why: 'IAM refuses to attach more managed policies than the quota, so the deployment fails.',
    fix: 'Merge policies, or raise the quota and `managedPoliciesPerRole` together.',
  },
  check({ role, limits }, report) {
    const count = role.managedPolicyArns.length;
    if (count <= limits.managedPoliciesPerRole) return;
    report(`the role has ${count} managed policies attached, over the quota of ${limits.managedPoliciesPerRole}, so attaching the rest `
      + 'will fail. Combine policies into fewer customer managed policies, or raise the quota and the managedPoliciesPerRole limit together.', propertySubject(role, 'ManagedPolicyArns'));
  },
};
