import { hasPlaceholder, renderString } from '../../role-model/cfn-value';
import { propertySubject, Rule } from '../rule';

/** IAM paths: 1-512 characters from U+0021 to U+007F, starting and ending with `/`. */
export const ROLE_PATH_PATTERN = /^\/([\u0021-\u007F]{0,510}\/)?$/;

/** A path IAM would refuse fails at deployment; this finds it at synth. */
export const RolePathFormat: Rule = {
  name: 'RolePathFormat',
  severity: 'error',
  description: 'Path must be 1-512 characters that start and end with / and are printable ASCII.',
  check({ role }, report) {
    const path = renderString(role.properties.Path);
    if (path === undefined || hasPlaceholder(path) || ROLE_PATH_PATTERN.test(path)) return;
    report(`Path "${path}" is not a valid IAM path: it must start and end with "/", be at most 512 characters, and use `
      + 'printable ASCII without spaces, such as "/" or "/service-roles/".', propertySubject(role, 'Path'));
  },
};
