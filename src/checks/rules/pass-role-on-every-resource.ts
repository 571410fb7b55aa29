import { heldSingleActionPaths, passesEveryRoleToAnyService } from '../escalation';
import { combinationsOpenedBy } from '../escalation-combinations';
import { Rule } from '../rule';

/**
 * `iam:PassRole` on every role (`*`, `arn:aws:iam::*:role/*`, the account's `role/*`) to any service lets the role
 * hand any role, an administrator's too, to any service it can start. With `iam:PassedToService` naming the
 * services, what those services can be made to do is PrivilegeEscalation's to judge (PassRole to Lambda with
 * `lambda:CreateFunction` is still a path).
 */
export const PassRoleOnEveryResource: Rule = {
  name: 'PassRoleOnEveryResource',
  severity: 'error',
  description: 'iam:PassRole must name the roles it may pass, never every role of an account.',
  docs: {
    why: '`iam:PassRole` on every role lets the role hand any role, an administrator\'s included, to a service it can start, and act as that role.',
    fix: 'Name the roles it may pass, or a narrowing path such as `role/service-role/app-*`, and add `iam:PassedToService`.',
    insecure: { permissions: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
    secure: { permissions: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/service-role/app-worker' }] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      // a statement that also holds single-action paths (iam:* on "*"), or opens combined paths through its PassRole
      // (with lambda:CreateFunction and InvokeFunction), is PrivilegeEscalation's to report, with the paths: one finding per problem
      if (!passesEveryRoleToAnyService(statement) || heldSingleActionPaths(statement).length > 0) continue;
      if ((combinationsOpenedBy(role).get(statement)?.throughPassRole.length ?? 0) > 0) continue;
      report(`${statement.location} allows iam:PassRole on every resource (every role of the account), so the role can give any role, an `
        + 'administrator role included, to a service it starts. List the ARNs of the roles it passes (a path such as '
        + 'role/service-role/app-* narrows) and add a condition on iam:PassedToService.', statement.subject);
    }
  },
};
