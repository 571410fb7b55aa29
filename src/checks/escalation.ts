import { appliesToEveryResourceFor, grantsEveryAction, statementCoversAction } from './iam-actions';
import { passedToServices, passesToPathService } from './permission-conditions';
import { EscalationPath, SINGLE_ACTION_PATHS_BY_SERVICE } from '../iam/escalation-paths';
import { NONE } from '../role-model/cfn-value';
import { PolicyStatement } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/**
 * What the escalation rules read of a statement, in one place: the single-action paths it holds, and whether it
 * passes every role. The warning rules ask the same questions, so a statement an error reports draws no warning
 * for the same problem (one finding per problem).
 */

export const PASS_ROLE = 'iam:PassRole';

/** The single-action escalation paths a statement grants on every resource the action acts on (`*` on `*` aside: FullAdministratorAccess's). */
export function heldSingleActionPaths(statement: PolicyStatement): readonly EscalationPath[] {
  if (grantsEveryAction(statement)) return NONE;
  let held: EscalationPath[] | undefined;
  for (const path of candidatePaths(statement)) {
    const action = path.actions[0];
    if (statementCoversAction(statement, action) && appliesToEveryResourceFor(statement, action)) (held ??= []).push(path);
  }
  return held ?? NONE;
}

/** Whether a statement allows `iam:PassRole` on every role of an account (not narrowed by resource, tag or value). */
export function passesEveryRole(statement: PolicyStatement): boolean {
  return !grantsEveryAction(statement) && statementCoversAction(statement, PASS_ROLE) && appliesToEveryResourceFor(statement, PASS_ROLE);
}

/** The first `Resource` entry of a statement that allows `action` on an administrator role of the templates read. */
export function administratorRoleNamed(statement: PolicyStatement, role: RoleUnderCheck, action: string): string | undefined {
  const administrator = role.administratorRole;
  if (!administrator || grantsEveryAction(statement) || !statementCoversAction(statement, action)) return undefined;
  return statement.resources.find(administrator);
}

/** Whether a statement passes every role to any service: every role, and no `iam:PassedToService` that names the services. */
export function passesEveryRoleToAnyService(statement: PolicyStatement): boolean {
  return passesEveryRole(statement) && passedToServices(statement) === undefined;
}

/** Whether a statement that passes every role can pass one to the service of a combined path (`lambda:CreateFunction`'s Lambda). */
export function passesRoleForPath(statement: PolicyStatement, path: EscalationPath): boolean {
  const services = passedToServices(statement);
  if (services === undefined) return true;
  const next = path.actions[1] ?? '';
  return passesToPathService(services, next.slice(0, next.indexOf(':')).toLowerCase());
}

/** Whether an error rule (PrivilegeEscalation, PassRoleOnEveryResource) reports the statement itself. */
export function hasEscalationError(statement: PolicyStatement): boolean {
  return passesEveryRoleToAnyService(statement) || heldSingleActionPaths(statement).length > 0;
}

const EVERY_SINGLE_ACTION_PATH: readonly EscalationPath[] = [...SINGLE_ACTION_PATHS_BY_SERVICE.values()].flat();

/** The single-action paths of each action's service, as written (bounded: actions come from input). */
const pathsOfAction = new Map<string, readonly EscalationPath[]>();

function pathsOf(action: string): readonly EscalationPath[] {
  let paths = pathsOfAction.get(action);
  if (paths === undefined) {
    const colon = action.indexOf(':');
    const service = colon > 0 ? action.slice(0, colon).toLowerCase() : action === '*' ? '*' : '';
    paths = service.includes('*') || service.includes('?') ? EVERY_SINGLE_ACTION_PATH : SINGLE_ACTION_PATHS_BY_SERVICE.get(service) ?? NONE;
    if (pathsOfAction.size < 10000) pathsOfAction.set(action, paths);
  }
  return paths;
}

/** The single-action paths of the services a statement names (all of them for a service wildcard or NotAction); no list for none. */
function candidatePaths(statement: PolicyStatement): readonly EscalationPath[] {
  if (statement.hasNotAction) return EVERY_SINGLE_ACTION_PATH;
  let paths: EscalationPath[] | undefined;
  let only: readonly EscalationPath[] = NONE;
  for (const action of statement.actions) {
    const found = pathsOf(action);
    if (found.length === 0 || found === only) continue;
    if (only.length === 0 && paths === undefined) {
      only = found;
      continue;
    }
    paths ??= [...only];
    for (const path of found) if (!paths.includes(path)) paths.push(path);
  }
  return paths ?? only;
}
