import { appliesToEveryResource, grantsEveryAction, statementCoversAction } from '../iam-actions';
import { Rule } from '../rule';

/** `iam:PassRole` on `*` lets the role hand any role, an administrator's too, to a service it can start. */
export const PassRoleOnEveryResource: Rule = {
  name: 'PassRoleOnEveryResource',
  severity: 'error',
  description: 'iam:PassRole must name the roles it may pass, never `*`.',
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (grantsEveryAction(statement) || !appliesToEveryResource(statement) || !statementCoversAction(statement, 'iam:PassRole')) continue;
      report(`${statement.location} allows iam:PassRole on every resource, so the role can give any role in the account, an `
        + 'administrator role included, to a service it starts. List the ARNs of the roles it passes and add a condition on '
        + 'iam:PassedToService.');
    }
  },
};
