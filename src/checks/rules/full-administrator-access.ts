import { grantsEveryAction } from '../iam-actions';
import { Rule } from '../rule';

/** Its ARN in any partition, literal or `{{cfn:AWS::Partition}}`. */
const ADMINISTRATOR_ACCESS = /^arn:(?:[^:]+|\{\{cfn:AWS::Partition\}\}):iam::aws:policy\/AdministratorAccess$/;

/** `*` on `*`, or the AWS managed AdministratorAccess policy: whoever assumes the role owns the account. */
export const FullAdministratorAccess: Rule = {
  name: 'FullAdministratorAccess',
  severity: 'error',
  description: 'A role must not be allowed every action on every resource (`*` on `*`, or AdministratorAccess).',
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (!grantsEveryAction(statement) || !statement.resources.includes('*')) continue;
      report(`${statement.location} allows every action on every resource, so whoever assumes this role controls the account. `
        + 'Grant the actions and resources the role needs.');
    }
    for (const arn of role.managedPolicyArns) {
      if (!ADMINISTRATOR_ACCESS.test(arn)) continue;
      report('the role has the AWS managed policy AdministratorAccess, so whoever assumes it controls the account. '
        + 'Attach narrower policies.');
    }
  },
};
