import { append, CfnObject, intrinsicName, isObject, NONE, renderString } from '../role-model/cfn-value';
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
 * What an alert rule watches of a role: its `AssumeRole` calls, its console sessions (switch role, federated
 * sign-in), and the IAM calls that change it.
 */
export type AlertDoor = 'AssumeRole' | 'console' | 'changes';

/** A rule that watches a role, and for what. */
export interface WatchingRule {
  readonly ruleId: string;
  readonly door: AlertDoor;
}

/**
 * Whether an `AWS::Events::Rule` of the template matches CloudTrail `AssumeRole` events for this role: its
 * pattern names `AssumeRole` and lists the role's ARN (`Fn::GetAtt Role.Arn`, or its literal name) in `roleArn`,
 * exactly or under `equals-ignore-case`.
 */
export function hasAssumeRoleAlert(role: RoleUnderCheck): boolean {
  return assumeRoleAlerts(role).length > 0;
}

/** The logical ids of the `AWS::Events::Rule` resources of the role's template that match CloudTrail `AssumeRole` events for it. */
export function assumeRoleAlerts(role: RoleUnderCheck): readonly string[] {
  return watchingRules(role).filter((rule) => rule.door === 'AssumeRole').map((rule) => rule.ruleId);
}

/** The rules of the role's template that watch it, by reference to the role or by its literal name. */
export function watchingRules(role: RoleUnderCheck): readonly WatchingRule[] {
  const index = alertIndexOf(role.templateResources);
  const name = literalRoleName(role);
  const byReference = index.byLogicalId.get(role.logicalId) ?? NONE;
  const byName = name === undefined ? NONE : index.byRoleName.get(name) ?? NONE;
  return byName.length === 0 ? byReference : [...byReference, ...byName];
}

/** The doors the rules of a template watch for roles named literally (`RoleName`), by lower-cased name: forwarding rules name roles so. */
export function doorsByLiteralRoleName(resources: CfnObject): ReadonlyMap<string, readonly WatchingRule[]> {
  return alertIndexOf(resources).byRoleName;
}

/** The role's literal `RoleName`, lower-cased (IAM names are not distinguished by case), when it has one. */
export function literalRoleName(role: RoleUnderCheck): string | undefined {
  const name = role.properties.RoleName;
  return typeof name === 'string' ? name.toLowerCase() : undefined;
}

/** A template's alert rules by the role they watch: by logical id (a reference) and by literal name. */
interface AlertIndex {
  readonly byLogicalId: ReadonlyMap<string, WatchingRule[]>;
  readonly byRoleName: ReadonlyMap<string, WatchingRule[]>;
}

/**
 * Each template's alert rules by the role they watch, built on the first look and kept while the template
 * lives: a template with thousands of break-glass roles is read once, not once per role.
 */
const alertIndexes = new WeakMap<object, AlertIndex>();

function alertIndexOf(resources: CfnObject): AlertIndex {
  let index = alertIndexes.get(resources);
  if (index === undefined) {
    index = alertsByWatchedRole(resources);
    alertIndexes.set(resources, index);
  }
  return index;
}

/** Role logical id, and literal role name, to the rules watching it, in template order. */
function alertsByWatchedRole(resources: CfnObject): AlertIndex {
  const byLogicalId = new Map<string, WatchingRule[]>();
  const byRoleName = new Map<string, WatchingRule[]>();
  for (const ruleId in resources) {
    const resource = resources[ruleId];
    if (!isObject(resource) || resource.Type !== 'AWS::Events::Rule' || !isObject(resource.Properties)) continue;
    for (const { door, values, name } of watchedValues(resource.Properties.EventPattern)) {
      for (const value of values) {
        const compared = comparedValue(value);
        const references = new Set<string>();
        addReferences(compared, references);
        for (const roleId of references) byLogicalId.set(roleId, append(byLogicalId.get(roleId), { ruleId, door }));
        const literal = literalName(compared, name);
        if (literal !== undefined) byRoleName.set(literal, append(byRoleName.get(literal), { ruleId, door }));
      }
    }
  }
  return { byLogicalId, byRoleName };
}

/** How a literal value names the role: as a role ARN, a session ARN prefix, or the name itself. */
type NameForm = 'roleArn' | 'sessionPrefix' | 'roleName';

/** The values of a pattern that name a role, by door: `roleArn` of an `AssumeRole`, the session ARN of a sign-in, `roleName` of an IAM call. */
function watchedValues(pattern: unknown): { door: AlertDoor; values: readonly unknown[]; name: NameForm }[] {
  if (!isObject(pattern)) return [];
  const detail = isObject(pattern.detail) ? pattern.detail : {};
  const sources = Array.isArray(pattern.source) ? pattern.source : [];
  const names = Array.isArray(detail.eventName) ? detail.eventName : [];
  const parameters = isObject(detail.requestParameters) ? detail.requestParameters : {};
  const identity = isObject(detail.userIdentity) ? detail.userIdentity : {};
  const found: { door: AlertDoor; values: readonly unknown[]; name: NameForm }[] = [];
  if (names.includes('AssumeRole') && Array.isArray(parameters.roleArn)) found.push({ door: 'AssumeRole', values: parameters.roleArn, name: 'roleArn' });
  if (sources.includes('aws.signin') && Array.isArray(identity.arn)) {
    found.push({ door: 'console', values: identity.arn.map((matcher) => (isObject(matcher) ? matcher.prefix : matcher)), name: 'sessionPrefix' });
  }
  if (sources.includes('aws.iam') && Array.isArray(parameters.roleName)) found.push({ door: 'changes', values: parameters.roleName, name: 'roleName' });
  return found;
}

/** The value a pattern's matcher compares with: an exact value, or the value of `{ 'equals-ignore-case': value }`. */
function comparedValue(matcher: unknown): unknown {
  return isObject(matcher) && Object.keys(matcher).length === 1 && 'equals-ignore-case' in matcher ? matcher['equals-ignore-case'] : matcher;
}

/** The role name a literal value holds (`arn:...:role/path/Name`, `arn:...:assumed-role/Name/`, `Name`), lower-cased. */
function literalName(value: unknown, form: NameForm): string | undefined {
  const text = renderString(value);
  if (text === undefined || /\{\{cfn:(?!AWS::)/.test(text)) return undefined; // only pseudo parameters may be unknown
  if (form === 'roleName') return text.toLowerCase();
  const marker = form === 'roleArn' ? ':role/' : ':assumed-role/';
  const at = text.indexOf(marker);
  if (at < 0) return undefined;
  const rest = text.slice(at + marker.length);
  const name = form === 'roleArn' ? rest.slice(rest.lastIndexOf('/') + 1) : rest.split('/')[0];
  return name.length > 0 ? name.toLowerCase() : undefined;
}

/** Adds the resources a value is, or joins, a reference to (`Ref`, `Fn::GetAtt`). */
function addReferences(value: unknown, found: Set<string>): void {
  const fn = intrinsicName(value);
  if (fn === undefined) return;
  const arg = (value as CfnObject)[fn];
  if (fn === 'Ref' && typeof arg === 'string' && !arg.startsWith('AWS::')) found.add(arg);
  if (fn === 'Fn::GetAtt') found.add(String(Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]));
  if (fn === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) for (const part of arg[1]) addReferences(part, found);
}
