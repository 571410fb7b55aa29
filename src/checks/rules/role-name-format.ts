import { ROLE_NAME_PATTERN } from '../../iam/role-formats';
import { hasPlaceholder, renderString } from '../../role-model/cfn-value';
import { propertySubject, Rule } from '../rule';

/** A role name IAM would refuse fails at deployment; this finds it at synth. */
export const RoleNameFormat: Rule = {
  name: 'RoleNameFormat',
  severity: 'error',
  description: 'RoleName must be 1-64 characters of letters, digits and +=,.@_- .',
  docs: {
    why: 'IAM refuses the name, so the deployment fails.',
    fix: 'Use 1 to 64 letters, digits and `+=,.@_-`, or leave `RoleName` out.',
    insecure: { properties: { RoleName: 'orders worker' } },
    secure: { properties: { RoleName: 'orders-worker' } },
  },
  check({ role }, report) {
    const name = renderString(role.properties.RoleName);
    if (name === undefined || hasPlaceholder(name) || ROLE_NAME_PATTERN.test(name)) return;
    report(`RoleName "${name}" is not a valid IAM role name: it must be 1 to 64 characters of letters, digits and +=,.@_- `
      + `(it has ${name.length} characters). Choose another name, or leave RoleName out and let CloudFormation generate one.`, propertySubject(role, 'RoleName'));
  },
};
