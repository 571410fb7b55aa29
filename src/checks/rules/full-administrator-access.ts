import { grantsEveryAction } from '../iam-actions';
import { Rule, Violation } from '../rule';

const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

/** `*` on `*`, or the AWS managed AdministratorAccess policy: whoever assumes the role owns the account. */
export const FullAdministratorAccess: Rule = {
  name: 'FullAdministratorAccess',
  severity: 'error',
  description: 'A role must not be allowed every action on every resource (`*` on `*`, or AdministratorAccess).',
  check({ role }) {
    const violations: Violation[] = role.permissionAllowStatements
      .filter((statement) => grantsEveryAction(statement) && statement.resources.includes('*'))
      .map((statement) => ({
        message: `${statement.location} allows every action on every resource, so whoever assumes this role controls the account. `
          + 'Grant the actions and resources the role needs.',
      }));
    for (const arn of role.managedPolicyArns.map((value) => value.replace('{{cfn:AWS::Partition}}', 'aws'))) {
      if (!ADMINISTRATOR_ACCESS.test(arn)) continue;
      violations.push({
        message: 'the role has the AWS managed policy AdministratorAccess, so whoever assumes it controls the account. '
          + 'Attach narrower policies.',
      });
    }
    return violations;
  },
};
