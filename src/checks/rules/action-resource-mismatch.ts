import { mayNameResourceOf } from '../../iam/arns';
import { ActionInfo, lookupAction, ResourceType } from '../../iam/catalogue';
import { hasWildcard } from '../../iam/glob';
import { hasPlaceholder } from '../../role-model/cfn-value';
import { PolicyStatement } from '../../role-model/policy-document';
import { Rule } from '../rule';
import { READ_REPORTS } from './examples';

/**
 * An action granted only on resources it never acts on grants nothing: `s3:GetObject` on a bucket ARN
 * without `/*`, `ec2:DescribeInstances` on an instance ARN (it only works with `"*"`). Found at synth, it is
 * not an AccessDenied in production.
 */
export const ActionResourceMismatch: Rule = {
  name: 'ActionResourceMismatch',
  severity: 'warning',
  description: 'An action allowed only on resources of types it does not act on is granted nothing.',
  docs: {
    why: 'An action allowed only on resources it never acts on grants nothing, which usually hides a mistaken ARN.',
    fix: 'Use the ARN form the action acts on; the finding names it (`s3:GetObject` needs objects, `arn:aws:s3:::bucket/*`).',
    insecure: { permissions: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports' }] },
    secure: { permissions: [READ_REPORTS] },
  },
  check({ role }, report) {
    for (const statement of role.permissionAllowStatements) {
      if (statement.awsManaged || statement.hasNotAction || statement.hasNotResource || statement.resources.length === 0 || statement.resources.includes('*')) continue;
      for (const action of statement.actions) {
        if (hasWildcard(action) || hasPlaceholder(action)) continue;
        const info = lookupAction(action);
        if (info === undefined || info.resourceTypes === undefined || namesSomeResource(statement, info)) continue;
        report(`${statement.location} allows ${info.name} only on ${statement.resources.join(', ')}, which ${info.name} never acts on, `
          + `so it grants nothing. ${needs(info)}`, statement.subject);
      }
    }
  },
};

/** The resource type of each action that a statement last named: templates name the same kind again and again. */
const lastNamedType = new Map<ActionInfo, ResourceType>();

function namesSomeResource(statement: PolicyStatement, info: ActionInfo): boolean {
  const types = info.resourceTypes!;
  if (types.length === 0) return false; // it acts on no resource type: only "*" grants it
  const likely = lastNamedType.get(info);
  for (const resource of statement.resources) {
    if (likely !== undefined && mayNameResourceOf(resource, likely.arn)) return true;
    for (const type of types) {
      if (type === likely || !mayNameResourceOf(resource, type.arn)) continue;
      if (lastNamedType.size < 10000) lastNamedType.set(info, type);
      return true;
    }
  }
  return false;
}

function needs(info: ActionInfo): string {
  if (info.resourceTypes!.length === 0) return `${info.name} has no resource type: grant it with Resource "*".`;
  const forms = info.resourceTypes!.slice(0, 3).map((type) => `${type.name} (${type.arn})`).join(', ');
  return `It acts on ${forms}; name one of those.`;
}
