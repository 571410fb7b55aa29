import { PolicyStatement } from '../role-model/policy-document';

/** Whether an action pattern from a policy (`iam:Put*`, `*`) matches an action name, as IAM matches them. */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern).test(action);
}

const globCache = new Map<string, RegExp>();

/** IAM globs: `*` any run of characters, `?` one character, case-insensitive. Cached: rules match the same patterns often. */
export function globToRegExp(pattern: string): RegExp {
  let regexp = globCache.get(pattern);
  if (!regexp) {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    regexp = new RegExp(`^${body}$`, 'i');
    globCache.set(pattern, regexp);
  }
  return regexp;
}

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

/** Whether the statement's resources include every resource (`*`), or everything but some with `NotResource`. */
export function appliesToEveryResource(statement: PolicyStatement): boolean {
  return statement.hasNotResource || statement.resources.includes('*');
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
 * Actions that let whoever holds them raise their own privileges (Rhino Security Labs' catalogue of IAM
 * privilege-escalation methods; IAM-FACTS.md). `iam:PassRole` has a rule of its own.
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:CreateAccessKey', 'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy',
  'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:AddUserToGroup', 'iam:UpdateAssumeRolePolicy',
  'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'glue:UpdateDevEndpoint',
];

/**
 * Actions that only work, or are documented to need, `Resource: "*"`: the Lambda VPC network-interface
 * actions and the X-Ray write actions (IAM-FACTS.md), plus a few that have no resource type at all.
 */
export const ACTIONS_THAT_NEED_EVERY_RESOURCE: readonly string[] = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'cloudwatch:PutMetricData', 'sts:GetCallerIdentity',
];

const READ_ONLY_VERB = /^(Get|List|Describe|BatchGet|Query|Scan|Read|Head|Search|Select|Lookup|View|Check)/;

/** Whether an action only reads (by the verb IAM action names start with). Anything else counts as a write. */
export function isReadOnlyAction(action: string): boolean {
  const name = action.split(':')[1] ?? '';
  return READ_ONLY_VERB.test(name);
}
