import { ESCALATION_CATALOGUE } from '../../iam/escalation-paths';
import { readable } from '../../role-model/cfn-value';
import { PolicyStatement } from '../../role-model/policy-document';
import { RoleUnderCheck } from '../../role-model/role-under-check';
import { administratorRoleNamed, heldSingleActionPaths, PASS_ROLE, passesEveryRole } from '../escalation';
import { combinationsOpenedBy, HeldCombination } from '../escalation-combinations';
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
    const combinations = combinationsOpenedBy(role);
    for (const statement of role.permissionAllowStatements) {
      const parts: string[] = [];
      const single = singleActionsPart(statement);
      if (single !== undefined) parts.push(single);
      const administrator = assumedAdministratorPart(statement, role);
      if (administrator !== undefined) parts.push(administrator);
      const opened = combinations.get(statement);
      if (opened && opened.throughPassRole.length > 0) parts.push(combinationsPart(statement, opened.throughPassRole, role));
      if (opened && opened.others.length > 0) parts.push(combinationsPart(statement, opened.others, role));
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

