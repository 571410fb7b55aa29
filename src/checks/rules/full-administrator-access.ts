import { appliesToEveryResource, grantsEveryAction } from '../iam-actions';
import { Rule } from '../rule';

/**
 * `*` on every resource (`*`, `arn:*`, `arn:aws:*:*:*:*`), in an inline policy or in a managed policy such as
 * the AWS managed AdministratorAccess (read from its contents): whoever assumes the role owns the account.
 */
export const FullAdministratorAccess: Rule = {
  name: 'FullAdministratorAccess',
  severity: 'error',
  description: 'A role must not be allowed every action on every resource (`*` on `*`, or AdministratorAccess).',
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (!grantsEveryAction(statement) || !appliesToEveryResource(statement)) continue;
      report(`${statement.location} allows every action on every resource, so whoever assumes this role controls the account. `
        + 'Grant the actions and resources the role needs.', statement.subject);
    }
  },
};
