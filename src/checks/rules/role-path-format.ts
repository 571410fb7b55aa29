import { ROLE_PATH_PATTERN } from '../../iam/role-formats';
import { hasPlaceholder, renderString } from '../../role-model/cfn-value';
import { propertySubject, Rule } from '../rule';

/** A path IAM would refuse fails at deployment; this finds it at synth. */
export const RolePathFormat: Rule = {
  name: 'RolePathFormat',
  severity: 'error',
  description: 'Path must be 1-512 characters that start and end with / and are printable ASCII.',
  docs: {
    why: 'IAM refuses the path, so the deployment fails.',
    fix: 'Start and end the path with `/`, such as `/service-roles/`.',
    insecure: { properties: { Path: 'service-roles' } },
    secure: { properties: { Path: '/service-roles/' } },
  },
  check({ role }, report) {
    const path = renderString(role.properties.Path);
    if (path === undefined || hasPlaceholder(path) || ROLE_PATH_PATTERN.test(path)) return;
    report(`Path "${path}" is not a valid IAM path: it must start and end with "/", be at most 512 characters, and use `
      + 'printable ASCII without spaces, such as "/" or "/service-roles/".', propertySubject(role, 'Path'));
  },
};
