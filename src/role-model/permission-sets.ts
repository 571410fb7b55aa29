import { CfnObject, isObject, renderString, UNKNOWN } from './cfn-value';
import { CfnTemplate, propertiesOf, resourcesOf, typeOf } from './template';

/** The resource type of an IAM Identity Center permission set. */
export const PERMISSION_SET = 'AWS::SSO::PermissionSet';

/** The name the model gives a permission set's inline policy (its `InlinePolicy`), as the findings name it. */
export const PERMISSION_SET_INLINE_POLICY = 'InlinePolicy';

/** The permission sets of a template, as the roles IAM Identity Center makes of them, and what of them cannot be read. */
export interface PermissionSetRoles {
  /** Each permission set, by its logical id, written as the role it becomes in each assigned account. */
  readonly roles: CfnObject;
  /** Parts not read: customer managed policies, referenced by name and defined in each account. */
  readonly notes: readonly { readonly resource: string; readonly message: string }[];
}

/**
 * Each `AWS::SSO::PermissionSet` written as the role IAM Identity Center provisions from it in every account it is
 * assigned to ("Permission sets", IAM Identity Center User Guide), so every permission rule reads it as it reads a
 * role: its `InlinePolicy` (an object or a JSON string) as an inline policy, its `ManagedPolicies` (AWS managed) as
 * managed policy ARNs, an AWS managed `PermissionsBoundary`, and its `SessionDuration` (ISO 8601, `PT1H`) as the
 * maximum session. It has no trust policy the template sets: Identity Center writes the trust of its roles itself.
 */
export function permissionSetRoles(template: CfnTemplate): PermissionSetRoles {
  const roles: Record<string, unknown> = {};
  const notes: { resource: string; message: string }[] = [];
  const resources = resourcesOf(template);
  for (const logicalId in resources) {
    const resource = resources[logicalId];
    if (typeOf(resource) !== PERMISSION_SET) continue;
    const properties = propertiesOf(resource);
    roles[logicalId] = {
      Type: PERMISSION_SET,
      ...(isObject(resource) && resource.Condition !== undefined ? { Condition: resource.Condition } : {}),
      ...(isObject(resource) && resource.Metadata !== undefined ? { Metadata: resource.Metadata } : {}),
      Properties: roleProperties(properties),
    };
    const customer = Array.isArray(properties.CustomerManagedPolicyReferences) ? properties.CustomerManagedPolicyReferences.length : 0;
    const boundary = isObject(properties.PermissionsBoundary) && properties.PermissionsBoundary.CustomerManagedPolicyReference !== undefined;
    if (customer > 0 || boundary) {
      notes.push({
        resource: logicalId,
        message: `${logicalId} refers to ${customer > 0 ? `${customer} customer managed polic${customer === 1 ? 'y' : 'ies'}` : ''}${customer > 0 && boundary ? ' and ' : ''}`
          + `${boundary ? 'a customer managed permissions boundary' : ''} by name, defined in each account it is assigned to: not checked`,
      });
    }
  }
  return { roles, notes };
}

function roleProperties(properties: CfnObject): CfnObject {
  const seconds = sessionSeconds(properties.SessionDuration);
  const boundary = isObject(properties.PermissionsBoundary) ? properties.PermissionsBoundary.ManagedPolicyArn : undefined;
  return {
    ...(properties.InlinePolicy !== undefined
      ? { Policies: [{ PolicyName: PERMISSION_SET_INLINE_POLICY, PolicyDocument: properties.InlinePolicy }] } : {}),
    ...(properties.ManagedPolicies !== undefined ? { ManagedPolicyArns: properties.ManagedPolicies } : {}),
    ...(boundary !== undefined ? { PermissionsBoundary: boundary } : {}),
    ...(properties.SessionDuration !== undefined ? { MaxSessionDuration: seconds ?? properties.SessionDuration } : {}),
    ...(properties.Tags !== undefined ? { Tags: properties.Tags } : {}),
    ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
  };
}

/** An ISO 8601 duration of hours and minutes (`PT1H`, `PT90M`, `PT1H30M`) in seconds; undefined for anything else. */
function sessionSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^PT(?:(\d{1,2})H)?(?:(\d{1,4})M)?$/.exec(value);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60;
}

/**
 * How a permission set's description states why it grants administrator access: `IdentityCenterPermissionSet` writes
 * it, and a record of that pattern relaxes FullAdministratorAccess to a warning only on a permission set whose
 * description states it, so the decision is in the template for every reviewer to read, never only in a record.
 */
export const ADMINISTRATOR_ACCESS_REASON_PREFIX = 'Administrator access: ';

/** Whether a modeled role is a permission set of its template (the role Identity Center makes of it). */
export function isPermissionSet(template: CfnTemplate, logicalId: string): boolean {
  return typeOf(resourcesOf(template)[logicalId]) === PERMISSION_SET;
}

/** The resource type that assigns a permission set to a user or group in an account. */
const ASSIGNMENT = 'AWS::SSO::Assignment';

/**
 * Who gets a permission set, and where, as the template's `AWS::SSO::Assignment` resources say: `group <id> in
 * <account>`, one entry per assignment that names the permission set by `Fn::GetAtt [<set>, PermissionSetArn]`. Values
 * known only at deployment are shown as placeholders. Assignments made elsewhere (another template, the console) are
 * not in the list.
 */
export function permissionSetAssignments(template: CfnTemplate, logicalId: string): string[] {
  const resources = resourcesOf(template);
  const found: string[] = [];
  for (const id in resources) {
    if (typeOf(resources[id]) !== ASSIGNMENT) continue;
    const properties = propertiesOf(resources[id]);
    if (!namesPermissionSet(properties.PermissionSetArn, logicalId)) continue;
    const principalType = renderString(properties.PrincipalType)?.toLowerCase() ?? UNKNOWN;
    found.push(`${principalType} ${renderString(properties.PrincipalId) ?? UNKNOWN} in ${renderString(properties.TargetId) ?? UNKNOWN}`);
  }
  return found;
}

/** Whether a `PermissionSetArn` value is the ARN of the permission set with this logical id. */
function namesPermissionSet(value: unknown, logicalId: string): boolean {
  const getAtt = isObject(value) ? value['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt)) return getAtt[0] === logicalId && getAtt[1] === 'PermissionSetArn';
  return getAtt === `${logicalId}.PermissionSetArn`;
}
