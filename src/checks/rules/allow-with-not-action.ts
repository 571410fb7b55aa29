import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

/** `NotAction` or `NotResource` in an Allow grants everything not listed, including services and resources added later. */
export const AllowWithNotAction: Rule = {
  name: 'AllowWithNotAction',
  severity: 'warning',
  description: 'An Allow should list actions and resources, not exclude them with NotAction or NotResource.',
  docs: {
    why: 'An `Allow` with `NotAction` or `NotResource` grants everything not listed, including every action AWS adds later.',
    fix: 'List the actions and resources to allow.',
    insecure: { permissions: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
    secure: { permissions: [READ_REPORTS] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (!statement.hasNotAction && !statement.hasNotResource) continue;
      report(`${statement.location} allows with ${statement.hasNotAction ? 'NotAction' : 'NotResource'}, which grants every `
        + `${statement.hasNotAction ? 'action' : 'resource'} not listed, including ones AWS adds later. List what the role needs with `
        + `${statement.hasNotAction ? 'Action' : 'Resource'}, or acknowledge this warning with the reason.`, statement.subject);
    }
  },
};
