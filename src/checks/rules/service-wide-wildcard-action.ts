import { hasEscalationError } from '../escalation';
import { appliesToEveryResource, grantsEveryAction, isEveryAction, isServiceWildcard } from '../iam-actions';
import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

function isWildcardAction(action: string): boolean {
  return isEveryAction(action) || isServiceWildcard(action);
}

/** `s3:*` or `*` grants every action of a service, including destructive and administrative ones. */
export const ServiceWideWildcardAction: Rule = {
  name: 'ServiceWideWildcardAction',
  severity: 'warning',
  description: 'An Allow should list actions rather than grant a whole service (`service:*`) or every action (`*`).',
  docs: {
    why: '`service:*` grants every action of the service, administrative ones and those AWS adds later included.',
    fix: 'List the actions the role needs (`s3:GetObject`, `s3:PutObject`).',
    insecure: { permissions: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' }] },
    secure: { permissions: [READ_REPORTS] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (grantsEveryAction(statement) && appliesToEveryResource(statement)) continue; // FullAdministratorAccess reports it
      if (!statement.actions.some(isWildcardAction)) continue;
      if (hasEscalationError(statement)) continue; // PrivilegeEscalation or PassRoleOnEveryResource reports it: one finding per problem
      const wildcards = statement.actions.filter(isWildcardAction);
      report(`${statement.location} allows ${wildcards.join(', ')}, every action of ${wildcards.length > 1 ? 'those services' : 'that service'}, `
        + 'including deletes and permission changes. List the actions the role needs (a grant method does this for you).', statement.subject);
    }
  },
};
