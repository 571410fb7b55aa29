import { administratorRoleNamed, PASS_ROLE, passesEveryRole, passesRoleForPath } from './escalation';
import { grantsEveryAction, statementCoversAction } from './iam-actions';
import { COMBINED_PATHS, EscalationPath } from '../iam/escalation-paths';
import { NONE } from '../role-model/cfn-value';
import { PolicyStatement } from '../role-model/policy-document';
import { RoleUnderCheck } from '../role-model/role-under-check';

/**
 * The combined escalation paths a role holds across its policies (`iam:PassRole` on every role with
 * `lambda:CreateFunction` and `lambda:InvokeFunction`; `ec2:ModifyInstanceAttribute` with stop and start), by the
 * statement that opens each: PrivilegeEscalation reports them at that statement, and PassRoleOnEveryResource leaves a
 * statement that opens paths through iam:PassRole to it (one finding per problem). Read once per role.
 */

/** The combinations that open at one statement: those through its `iam:PassRole`, and the others. */
export interface OpenedCombinations {
  readonly throughPassRole: readonly HeldCombination[];
  readonly others: readonly HeldCombination[];
}

/** The combinations the role holds, by the statement that opens them; an empty map for most roles. */
export function combinationsOpenedBy(role: RoleUnderCheck): ReadonlyMap<PolicyStatement, OpenedCombinations> {
  let opened = openedByRole.get(role);
  if (opened === undefined) {
    opened = readCombinations(role);
    // kept only for a role that holds some: an entry per role would cost the CLI's thousands of roles for nothing
    if (opened !== NO_COMBINATIONS) openedByRole.set(role, opened);
  }
  return opened;
}

const openedByRole = new WeakMap<RoleUnderCheck, ReadonlyMap<PolicyStatement, OpenedCombinations>>();
const NO_COMBINATIONS: ReadonlyMap<PolicyStatement, OpenedCombinations> = new Map();

/**
 * `iam:PassRole` on every role, and each other action on any resource (what it makes is the role's own), across all
 * the role's policies. Looked for only when the role holds such a PassRole, or the first action of a combination
 * without one.
 */
function readCombinations(role: RoleUnderCheck): ReadonlyMap<PolicyStatement, OpenedCombinations> {
  const statements = role.permissionAllowStatements;
  if (statements.length === 0 || !mentionsAnyService(statements, COMBINATION_FIRST_ACTIONS)) return NO_COMBINATIONS;
  // every statement that passes every role, or an administrator role; one that names iam:PassedToService serves only the paths of those services
  const passRoles = mentionsService(statements, PASS_ROLE)
    ? statements.filter((statement) => passesEveryRole(statement) || administratorRoleNamed(statement, role, PASS_ROLE) !== undefined) : NONE;
  let opened: Map<PolicyStatement, { throughPassRole: HeldCombination[]; others: HeldCombination[] }> | undefined;
  for (const path of COMBINED_PATHS) {
    const held = heldCombination(path, statements, passRoles);
    if (held === undefined) continue;
    opened ??= new Map(); // made for the few roles that hold a path
    let atStatement = opened.get(held.opening);
    if (!atStatement) opened.set(held.opening, atStatement = { throughPassRole: [], others: [] });
    (held.passRole ? atStatement.throughPassRole : atStatement.others).push(held);
  }
  return opened ?? NO_COMBINATIONS;
}

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

/** A combination the role holds: the path, the statement that grants each of its actions, and the statement that opens it. */
export interface HeldCombination {
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
