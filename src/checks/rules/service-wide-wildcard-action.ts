import { grantsEveryAction, isEveryAction, isServiceWildcard } from '../iam-actions';
import { Rule } from '../rule';

/** `s3:*` or `*` grants every action of a service, including destructive and administrative ones. */
export const ServiceWideWildcardAction: Rule = {
  name: 'ServiceWideWildcardAction',
  severity: 'warning',
  description: 'An Allow should list actions rather than grant a whole service (`service:*`) or every action (`*`).',
  check({ role }) {
    return role.permissionAllowStatements
      .filter((statement) => !(grantsEveryAction(statement) && statement.resources.includes('*')))
      .map((statement) => ({ statement, wildcards: statement.actions.filter((action) => isEveryAction(action) || isServiceWildcard(action)) }))
      .filter(({ wildcards }) => wildcards.length > 0)
      .map(({ statement, wildcards }) => ({
        message: `${statement.location} allows ${wildcards.join(', ')}, every action of ${wildcards.length > 1 ? 'those services' : 'that service'}, `
          + 'including deletes and permission changes. List the actions the role needs (a grant method does this for you).',
      }));
  },
};
