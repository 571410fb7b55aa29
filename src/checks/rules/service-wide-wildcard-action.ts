import { actionsMatching } from '../../iam/catalogue';
import { hasEscalationError } from '../escalation';
import { appliesToEveryResource, grantsEveryAction, isEveryAction, isServiceWildcard } from '../iam-actions';
import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

function isWildcardAction(action: string): boolean {
  return isEveryAction(action) || isServiceWildcard(action);
}

/**
 * What a service's actions include that a reader should weigh, from the catalogue's names and access levels: deletes
 * (`Delete*`, `Remove*`, `Terminate*`) and permission changes (the access level "Permissions management"). Said only
 * when the catalogue knows the service and has such actions (`ssmmessages:*` has neither).
 */
function whatTheyInclude(wildcards: readonly string[]): string {
  let deletes = false;
  let permissions = false;
  for (const wildcard of wildcards) {
    if (isEveryAction(wildcard)) return ', including deletes and permission changes';
    for (const action of actionsMatching(wildcard)) {
      deletes ||= DESTRUCTIVE.test(action.name);
      permissions ||= action.accessLevel === 'Permissions management';
    }
  }
  if (deletes && permissions) return ', including deletes and permission changes';
  if (deletes) return ', including deletes';
  return permissions ? ', including permission changes' : '';
}

const DESTRUCTIVE = /:(?:Delete|Remove|Terminate)/;

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
      report(`${statement.location} allows ${wildcards.join(', ')}, every action of ${wildcards.length > 1 ? 'those services' : 'that service'}`
        + `${whatTheyInclude(wildcards)}. List the actions the role needs (a grant method does this for you).`, statement.subject);
    }
  },
};
