import { ACTIONS_THAT_NEED_EVERY_RESOURCE, grantsEveryAction } from '../iam-actions';
import { Rule } from '../rule';

/** Whether an action (no wildcards) is one that needs `Resource: "*"`. */
function needsEveryResource(action: string): boolean {
  return ACTIONS_THAT_NEED_EVERY_RESOURCE.some((known) => known.toLowerCase() === action.toLowerCase());
}

/** `Resource: "*"` for actions that accept specific resources grants them on everything in the account. */
export const WildcardResource: Rule = {
  name: 'WildcardResource',
  severity: 'warning',
  description: 'An Allow should name resources; `*` is only for actions that need it (VPC network interfaces, X-Ray, metrics).',
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (grantsEveryAction(statement) || statement.hasNotAction || !statement.resources.includes('*')) continue;
      const actions = statement.actions.filter((action) => !needsEveryResource(action));
      if (actions.length === 0) continue;
      report(`${statement.location} allows ${actions.join(', ')} on every resource ("*"). Name the resources (ARNs) the role `
        + `needs; only actions with no resource type, such as ${ACTIONS_THAT_NEED_EVERY_RESOURCE.slice(0, 2).join(' or ')}, need "*".`);
    }
  },
};
