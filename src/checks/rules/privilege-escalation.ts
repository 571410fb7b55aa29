import { appliesToEveryResource, grantsEveryAction, PRIVILEGE_ESCALATION_ACTIONS, statementCoversAction } from '../iam-actions';
import { Rule } from '../rule';

/** Actions such as `iam:PutRolePolicy` or `iam:CreatePolicyVersion` on `*` let the role grant itself anything. */
export const PrivilegeEscalation: Rule = {
  name: 'PrivilegeEscalation',
  severity: 'error',
  description: 'Actions that let a principal raise its own privileges must not be allowed on every resource.',
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (grantsEveryAction(statement) || !appliesToEveryResource(statement)) continue;
      const actions = PRIVILEGE_ESCALATION_ACTIONS.filter((action) => statementCoversAction(statement, action));
      if (actions.length === 0) continue;
      report(`${statement.location} allows ${actions.join(', ')} on every resource; each lets the role raise its own privileges `
        + '(for example by rewriting a policy attached to itself). Scope these actions to the specific users, roles, policies or '
        + 'functions the role manages, or remove them.');
    }
  },
};
