import { conditionsNarrowResources } from './permission-conditions';
import { coversEveryResource, coversEveryResourceOf, mayNameResourceOf } from '../iam/arns';
import { ActionInfo, actionsMatching, lookupAction, ResourceType } from '../iam/catalogue';
import { actionMatches, hasWildcard } from '../iam/glob';
import { PolicyStatement } from '../role-model/policy-document';

/** Whether an Allow or Deny statement applies to an action: it is in `Action`, or not excluded by `NotAction`. */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.hasNotAction) return !anyPatternMatches(statement.notActions, action);
  return anyPatternMatches(statement.actions, action);
}

function anyPatternMatches(patterns: readonly string[], action: string): boolean {
  for (const pattern of patterns) {
    if (actionMatches(pattern, action)) return true;
  }
  return false;
}

/**
 * Whether the statement's resources include every resource the action acts on, in its account or in every
 * account: `*`, an ARN that covers every resource of one of the action's resource types (`arn:aws:iam::*:role/*`,
 * `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`, `arn:*:*:*:*:*`), or everything but some with
 * `NotResource`. A path or name that narrows (`role/service-role/lambda-*`) is not every resource, and neither is a
 * statement whose conditions narrow it by value (a resource tag, `kms:ViaService`, `aws:CalledVia`: see
 * `conditionsNarrowResources`).
 */
export function appliesToEveryResourceFor(statement: PolicyStatement, action: string): boolean {
  if (conditionsNarrowResources(statement)) return false;
  if (statement.hasNotResource) return true;
  const info = lookupAction(action);
  let covered = false;
  for (const resource of statement.resources) {
    if (coversEveryResource(resource)) return true;
    if (info?.resourceTypes) for (const type of info.resourceTypes) if (coversEveryResourceOf(resource, type.arn)) covered = true;
  }
  return covered && !pinsRequiredType(statement, info?.requiredResourceTypes);
}

/**
 * Whether the statement pins one of the resource types every call of the action names (the reference marks them
 * required): it names resources of that type and none covers all of them. `ssm:SendCommand` on one AWS-owned
 * document and every instance runs that document only: an action is only as wide as its narrowest required type.
 * A required type the statement names no resource of is left to the role's other statements, so it pins nothing.
 */
function pinsRequiredType(statement: PolicyStatement, required: readonly ResourceType[] | undefined): boolean {
  if (!required || required.length === 0) return false;
  for (const type of required) {
    let named = false;
    let every = false;
    for (const resource of statement.resources) {
      if (!mayNameResourceOf(resource, type.arn)) continue;
      named = true;
      if (coversEveryResourceOf(resource, type.arn)) every = true;
    }
    if (named && !every) return true;
  }
  return false;
}

/** Whether the statement's resources include every resource of every service (`*`, `arn:*`, `arn:aws:*:*:*:*`) or use `NotResource`. */
export function appliesToEveryResource(statement: PolicyStatement): boolean {
  return statement.hasNotResource || statement.resources.some(coversEveryResource);
}

/** Whether a statement lists `*` in Action: every action of every service. */
export function grantsEveryAction(statement: PolicyStatement): boolean {
  return !statement.hasNotAction && statement.actions.includes('*');
}

/** Whether an action is `*` (every action of every service). */
export function isEveryAction(action: string): boolean {
  return action === '*';
}

const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

/** Whether an action is a whole-service wildcard such as `s3:*`. */
export function isServiceWildcard(action: string): boolean {
  return SERVICE_WILDCARD.test(action);
}

/**
 * Actions AWS documents with `Resource: "*"` for a Lambda function in a VPC (the execution role's network
 * interfaces; AWS Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC", and the AWS managed AWSLambdaVPCAccessExecutionRole), though the Service
 * Authorization Reference gives some of them resource types. Every other action is judged from the catalogue.
 */
export const LAMBDA_VPC_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
];

/**
 * Actions AWS documents with `Resource: "*"` because the call names no resource a policy could know: CloudWatch's
 * `PutMetricData` (narrowed by the `cloudwatch:namespace` condition key instead; CloudWatch User Guide, "CloudWatch
 * permissions reference") and S3 Object Lambda's `WriteGetObjectResponse` (the function answers whichever access
 * point invoked it; the AWS managed AmazonS3ObjectLambdaExecutionRolePolicy grants it on `*`).
 */
export const DOCUMENTED_STAR_ACTIONS: readonly string[] = ['cloudwatch:PutMetricData', 's3-object-lambda:WriteGetObjectResponse'];

const NEEDS_STAR = new Set([...LAMBDA_VPC_ACTIONS, ...DOCUMENTED_STAR_ACTIONS].map((action) => action.toLowerCase()));

/**
 * Whether an action (or pattern) acts on resources that a policy can name, so `Resource: "*"` grants it on
 * all of them: from the catalogue's resource types (a write action whose types are not described counts). An
 * action with none (`ec2:DescribeInstances`, `s3:ListAllMyBuckets`) needs `*`; an unknown action grants nothing
 * (UnknownAction says so).
 */
export function actsOnNamedResources(action: string): boolean {
  if (NEEDS_STAR.has(action.toLowerCase())) return false;
  if (!hasWildcard(action)) {
    const info = lookupAction(action);
    return info !== undefined && namesResources(info);
  }
  return actionsMatching(action).some((info) => namesResources(info) && !NEEDS_STAR.has(info.name.toLowerCase()));
}

/**
 * Whether the catalogue gives an action resource types, or, for a write action whose types the reference names but
 * does not describe, whether it may act on named resources: such an action stays at least a warning on `*`.
 */
function namesResources(info: ActionInfo): boolean {
  if (info.resourceTypes === undefined) return info.accessLevel === 'Write' || info.accessLevel === 'Permissions management' || info.accessLevel === 'Tagging';
  return info.resourceTypes.length > 0;
}

/**
 * Whether an action (or every action a pattern matches) only reads: its access level in the catalogue is Read
 * or List. An action the catalogue does not know grants nothing, so it counts as reading.
 */
export function isReadOnlyAction(action: string): boolean {
  if (action === '*') return false;
  const matching = actionsMatching(action);
  for (const info of matching) if (info.accessLevel !== 'Read' && info.accessLevel !== 'List') return false;
  return true;
}
