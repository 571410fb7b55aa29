import { CfnObject, intrinsicName, isObject } from './cfn-value';
import { RoleUnderCheck } from './role-under-check';

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
export function assumeRoleAlerts(role: RoleUnderCheck): string[] {
  return Object.entries(role.templateResources)
    .filter(([, resource]) => isObject(resource) && resource.Type === 'AWS::Events::Rule'
      && isObject(resource.Properties) && patternWatchesRole(resource.Properties.EventPattern, role.logicalId))
    .map(([logicalId]) => logicalId);
}

function patternWatchesRole(pattern: unknown, logicalId: string): boolean {
  if (!isObject(pattern)) return false;
  const detail = isObject(pattern.detail) ? pattern.detail : {};
  const names = Array.isArray(detail.eventName) ? detail.eventName : [];
  const parameters = isObject(detail.requestParameters) ? detail.requestParameters : {};
  const arns = Array.isArray(parameters.roleArn) ? parameters.roleArn : [];
  return names.includes('AssumeRole') && arns.some((arn) => refersTo(arn, logicalId));
}

/** Whether a value is, or joins, a reference to the resource (`Ref`, `Fn::GetAtt`). */
function refersTo(value: unknown, logicalId: string): boolean {
  const fn = intrinsicName(value);
  if (fn === undefined) return false;
  const arg = (value as CfnObject)[fn];
  if (fn === 'Ref') return arg === logicalId;
  if (fn === 'Fn::GetAtt') return (Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]) === logicalId;
  if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) return arg[1].some((part: unknown) => refersTo(part, logicalId));
  return false;
}
