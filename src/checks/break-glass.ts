import { append, CfnObject, intrinsicName, isObject, NONE } from '../role-model/cfn-value';
import { RoleUnderCheck } from '../role-model/role-under-check';

/** Tag keys that mark a break-glass role: `break-glass`, `BreakGlass`, `team:break_glass`... */
const BREAK_GLASS_TAG = /break[-_ ]?glass$/i;

/** Whether the role is tagged as a break-glass role (a tag key ending in break-glass, value true). */
export function isBreakGlass(role: RoleUnderCheck): boolean {
  if (role.tags.size === 0) return false;
  for (const [key, value] of role.tags) {
    if (BREAK_GLASS_TAG.test(key) && value.toLowerCase() === 'true') return true;
  }
  return false;
}

/**
 * Whether an `AWS::Events::Rule` of the template matches CloudTrail `AssumeRole` events for this role: its
 * pattern names `AssumeRole` and lists the role's ARN (`Fn::GetAtt Role.Arn`) or name in `roleArn`.
 */
export function hasAssumeRoleAlert(role: RoleUnderCheck): boolean {
  return assumeRoleAlerts(role).length > 0;
}

/** The logical ids of the `AWS::Events::Rule` resources that match CloudTrail `AssumeRole` events for this role. */
export function assumeRoleAlerts(role: RoleUnderCheck): readonly string[] {
  return alertIndexOf(role.templateResources).get(role.logicalId) ?? NONE;
}

/**
 * Each template's alert rules by the role they watch, built on the first look and kept while the template
 * lives: a template with thousands of break-glass roles is read once, not once per role.
 */
const alertIndexes = new WeakMap<object, ReadonlyMap<string, string[]>>();

function alertIndexOf(resources: CfnObject): ReadonlyMap<string, string[]> {
  let index = alertIndexes.get(resources);
  if (index === undefined) {
    index = alertsByWatchedRole(resources);
    alertIndexes.set(resources, index);
  }
  return index;
}

/** Role logical id to the ids of the rules watching its AssumeRole events, in template order. */
function alertsByWatchedRole(resources: CfnObject): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const ruleId in resources) {
    const resource = resources[ruleId];
    if (!isObject(resource) || resource.Type !== 'AWS::Events::Rule' || !isObject(resource.Properties)) continue;
    for (const roleId of rolesWatched(resource.Properties.EventPattern)) index.set(roleId, append(index.get(roleId), ruleId));
  }
  return index;
}

/** The roles whose AssumeRole events a pattern matches: those its `roleArn` list refers to. */
function rolesWatched(pattern: unknown): Set<string> {
  const roles = new Set<string>();
  if (!isObject(pattern)) return roles;
  const detail = isObject(pattern.detail) ? pattern.detail : {};
  const names = Array.isArray(detail.eventName) ? detail.eventName : [];
  const parameters = isObject(detail.requestParameters) ? detail.requestParameters : {};
  const arns = Array.isArray(parameters.roleArn) ? parameters.roleArn : [];
  if (names.includes('AssumeRole')) for (const arn of arns) addReferences(arn, roles);
  return roles;
}

/** Adds the resources a value is, or joins, a reference to (`Ref`, `Fn::GetAtt`). */
function addReferences(value: unknown, found: Set<string>): void {
  const fn = intrinsicName(value);
  if (fn === undefined) return;
  const arg = (value as CfnObject)[fn];
  if (fn === 'Ref' && typeof arg === 'string') found.add(arg);
  if (fn === 'Fn::GetAtt') found.add(String(Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]));
  if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) for (const part of arg[1]) addReferences(part, found);
}
