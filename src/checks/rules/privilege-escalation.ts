import { COMBINED_PATHS, ESCALATION_CATALOGUE, EscalationPath } from '../../iam/escalation-paths';
import { NONE, readable } from '../../role-model/cfn-value';
import { PolicyStatement } from '../../role-model/policy-document';
import { RoleUnderCheck } from '../../role-model/role-under-check';
import { administratorRoleNamed, heldSingleActionPaths, PASS_ROLE, passesEveryRole, passesRoleForPath } from '../escalation';
import { grantsEveryAction, statementCoversAction } from '../iam-actions';
import { Rule } from '../rule';

/**
 * The privilege-escalation paths of a public catalogue (pathfinding.cloud and Rhino Security Labs; see
 * `iam/escalation-paths.ts`): a single action such as `iam:PutRolePolicy`, `ssm:SendCommand` or
 * `sts:AssumeRole` on every resource it acts on, or a combination the role holds across all its policies,
 * such as `iam:PassRole` on every role with `lambda:CreateFunction` and `lambda:InvokeFunction`.
 */
export const PrivilegeEscalation: Rule = {
  name: 'PrivilegeEscalation',
  severity: 'error',
  description: 'A role must not hold a privilege-escalation path: an action or combination of actions that lets it raise its own privileges.',
  docs: {
    why: 'These actions (alone, or together across the role\'s policies) let the role raise its own privileges: change its policies, run '
      + 'code as another principal, or pass a stronger role to a service.',
    fix: 'Scope the actions to the users, roles, policies, functions, instances or stacks the role manages, or remove them; the finding '
      + 'names the path of the catalogue.',
    insecure: { permissions: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' }] },
    secure: { permissions: [{ Effect: 'Allow', Action: 'iam:GetRolePolicy', Resource: 'arn:aws:iam::111122223333:role/app/worker' }] },
  },
  check({ role }, report) {
    // one finding per statement: its single-action paths, an administrator it may assume, and the combinations it opens
    const combinations = combinationsByOpeningStatement(role);
    for (const statement of role.permissionAllowStatements) {
      const parts: string[] = [];
      const single = singleActionsPart(statement);
      if (single !== undefined) parts.push(single);
      const administrator = assumedAdministratorPart(statement, role);
      if (administrator !== undefined) parts.push(administrator);
      for (const part of combinations?.get(statement) ?? NONE) parts.push(part);
      if (parts.length > 0) report(parts.map((part, i) => (i === 0 ? part : capitalized(part))).join(' '), statement.subject);
    }
  },
};

function capitalized(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The single-action paths a statement grants on every resource, looked for among its own services only. */
function singleActionsPart(statement: PolicyStatement): string | undefined {
  const held = heldSingleActionPaths(statement);
  if (held.length === 0) return undefined;
  const named = held.map((path) => `${path.actions[0]} (${path.id})`).join(', ');
  return `${statement.location} allows ${named} on every resource it acts on; each is a privilege-escalation path `
    + `(${ESCALATION_CATALOGUE}) that lets the role raise its own privileges. Scope these actions to the specific users, `
    + 'roles, policies, functions, instances or stacks the role manages, or remove them.';
}

/** `sts:AssumeRole` on an administrator role of the templates read, however narrowly its ARN is written. */
function assumedAdministratorPart(statement: PolicyStatement, role: RoleUnderCheck): string | undefined {
  const administrator = administratorRoleNamed(statement, role, ASSUME_ROLE);
  if (administrator === undefined) return undefined;
  if (heldSingleActionPaths(statement).some((path) => path.actions[0] === ASSUME_ROLE)) return undefined; // sts-001 on every role says it
  return `${statement.location} allows sts:AssumeRole on ${readable(administrator)}, a role with administrator access in the templates `
    + 'checked, so this role can become an administrator. Grant the administrator role\'s trust to the people who need it, not to this role.';
}

const ASSUME_ROLE = 'sts:AssumeRole';

/** One action of each service a combination starts with: a role that names none of them holds no combination. */
const COMBINATION_FIRST_ACTIONS: readonly string[] = [...new Map(COMBINED_PATHS.map((path) => {
  const first = path.actions[0];
  return [first.slice(0, first.indexOf(':')).toLowerCase(), first] as [string, string];
})).values()];

function mentionsAnyService(statements: readonly PolicyStatement[], actions: readonly string[]): boolean {
  for (const action of actions) if (mentionsService(statements, action)) return true;
  return false;
}

/** Whether any statement may name an action of the service of `action`: by its prefix, a wildcard prefix, or NotAction. */
function mentionsService(statements: readonly PolicyStatement[], action: string): boolean {
  const prefixLength = action.indexOf(':') + 1;
  for (const statement of statements) {
    if (statement.hasNotAction) return true;
    for (const written of statement.actions) {
      const colon = written.indexOf(':');
      if (colon < 0 || colon + 1 === prefixLength && sameIgnoringCase(written, action, prefixLength)) return true;
      const star = written.indexOf('*');
      if (star >= 0 && star < colon) return true;
    }
  }
  return false;
}

/** Whether the first `length` characters of two strings agree, ignoring ASCII case; no string is made. */
function sameIgnoringCase(a: string, b: string, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && lowerCode(x) !== lowerCode(y)) return false;
  }
  return true;
}

/** A character code in lower case, for ASCII letters. */
function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The first statement that allows an action on any resource (`*` on `*` is FullAdministratorAccess's to report). */
function grantingStatement(statements: readonly PolicyStatement[], action: string): PolicyStatement | undefined {
  for (const statement of statements) if (!grantsEveryAction(statement) && statementCoversAction(statement, action)) return statement;
  return undefined;
}

/**
 * The combinations the role holds: `iam:PassRole` on every role, and each other action on any resource (what
 * it makes is the role's own), across all its policies. Looked for only when the role holds such a PassRole,
 * or the first action of a combination without one. In words, by the statement that opens them: the paths that open
 * at one statement join its finding (a role with `iam:PassRole` on every role and PowerUserAccess holds some thirty of
 * them), each path still named.
 */
function combinationsByOpeningStatement(role: RoleUnderCheck): Map<PolicyStatement, string[]> | undefined {
  const statements = role.permissionAllowStatements;
  if (statements.length === 0 || !mentionsAnyService(statements, COMBINATION_FIRST_ACTIONS)) return undefined;
  // every statement that passes every role, or an administrator role; one that names iam:PassedToService serves only the paths of those services
  const passRoles = mentionsService(statements, PASS_ROLE)
    ? statements.filter((statement) => passesEveryRole(statement) || administratorRoleNamed(statement, role, PASS_ROLE) !== undefined) : NONE;
  // grouped by the statement that opens them, paths through iam:PassRole apart from the others (their effect and fix differ)
  let throughPassRole: Map<PolicyStatement, HeldCombination[]> | undefined; // made for the few roles that hold a path
  let others: Map<PolicyStatement, HeldCombination[]> | undefined;
  for (const path of COMBINED_PATHS) {
    const held = heldCombination(path, statements, passRoles);
    if (held === undefined) continue;
    const groups = held.passRole ? (throughPassRole ??= new Map()) : (others ??= new Map());
    const group = groups.get(held.opening);
    if (group) group.push(held);
    else groups.set(held.opening, [held]);
  }
  let parts: Map<PolicyStatement, string[]> | undefined;
  for (const [opening, held] of [...throughPassRole ?? [], ...others ?? []]) {
    parts ??= new Map();
    const list = parts.get(opening) ?? [];
    list.push(combinationsPart(opening, held, role));
    parts.set(opening, list);
  }
  return parts;
}

/** The combinations that open at one statement, in words: the path (or each path), where each action is granted, what it lets the role do. */
function combinationsPart(opening: PolicyStatement, held: readonly HeldCombination[], role: RoleUnderCheck): string {
  const passRole = held[0].passRole;
  const passed = passRole && !passesEveryRole(passRole) ? `the administrator role ${readable(administratorRoleNamed(passRole, role, PASS_ROLE)!)}`
    : 'any role, an administrator\'s included,';
  const effect = passRole ? `start a service with ${passed} and act as that role` : 'run code as another principal';
  const fix = `${passRole ? 'Name the roles iam:PassRole may pass' : 'Scope these actions to the resources the role manages'}, or remove one of them.`;
  if (held.length === 1) {
    const where = held[0].grants.map(({ action, statement }) => `${action} (${statement.location})`);
    return `the role holds the privilege-escalation path ${held[0].id} (${ESCALATION_CATALOGUE}): ${where.join(' + ')}. `
      + `Together they let it ${effect}. ${fix}`;
  }
  // an action the opening statement grants is named alone; the others with the statement that grants them
  const where = (path: HeldCombination) => path.grants.map(({ action, statement }) => (statement === opening ? action : `${action} (${statement.location})`));
  return `the role holds ${held.length} privilege-escalation paths (${ESCALATION_CATALOGUE}) that start at ${opening.location}: `
    + `${held.map((path) => `${path.id} (${where(path).join(' + ')})`).join('; ')}. Each lets it ${effect}. ${fix}`;
}

/** A combination the role holds: the path, the statement that grants each of its actions, and the statement that opens it. */
interface HeldCombination {
  readonly id: string;
  readonly grants: ReadonlyArray<{ readonly action: string; readonly statement: PolicyStatement }>;
  readonly opening: PolicyStatement;
  /** The statement that grants its `iam:PassRole`, for a path that starts with one. */
  readonly passRole?: PolicyStatement;
}

/** Whether the role holds a combination, across its statements; the passing statements for paths that start with `iam:PassRole`. */
function heldCombination(path: EscalationPath, statements: readonly PolicyStatement[],
  passRoles: readonly PolicyStatement[]): HeldCombination | undefined {
  const needsPassRole = path.actions[0] === PASS_ROLE;
  const passRole = needsPassRole ? passRoles.find((statement) => passesRoleForPath(statement, path)) : undefined;
  if (needsPassRole ? passRole === undefined : !mentionsService(statements, path.actions[0])) return undefined;
  const grants: Array<{ action: string; statement: PolicyStatement }> = [];
  for (const action of path.actions) {
    const granting = action === PASS_ROLE ? passRole : grantingStatement(statements, action);
    if (granting === undefined) return undefined;
    grants.push({ action, statement: granting });
  }
  // the finding sits at the statement that opens the path
  return { id: path.id, grants, opening: grants[0].statement, passRole };
}
