import { appliesToEveryResource, grantsEveryAction } from '../iam-actions';
import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

/**
 * `*` on every resource (`*`, `arn:*`, `arn:aws:*:*:*:*`), in an inline policy or in a managed policy such as
 * the AWS managed AdministratorAccess (read from its contents): whoever assumes the role owns the account.
 */
export const FullAdministratorAccess: Rule = {
  name: 'FullAdministratorAccess',
  severity: 'error',
  description: 'A role must not be allowed every action on every resource (`*` on `*`, or AdministratorAccess).',
  docs: {
    why: 'Whoever assumes the role controls the account.',
    fix: 'Grant the actions and resources the role needs; keep administrator access for a `BreakGlassRole` (which reports it as a '
      + 'warning you acknowledge).',
    insecure: { permissions: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    secure: { permissions: [READ_REPORTS] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (!grantsEveryAction(statement) || !appliesToEveryResource(statement)) continue;
      report(`${statement.location} allows every action on every resource, so whoever assumes this role controls the account. `
        + 'Grant the actions and resources the role needs.', statement.subject);
    }
  },
};
